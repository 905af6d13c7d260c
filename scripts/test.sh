#!/usr/bin/env bash
# The one command that runs every check: install, lint (incl. the layering rule),
# type-check main/preload and renderer, build with electron-vite, then all tests
# with the real keychain, real HTTP sandboxes, a real SQLite file and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

echo "== lint"; npx eslint --max-warnings 0 .
echo "== typecheck"; npx tsc -p tsconfig.node.json --noEmit; npx tsc -p tsconfig.web.json --noEmit
echo "== build"; npx electron-vite build >/dev/null
echo "== tests"
mkdir -p test-results
status=0
bash scripts/with-keychain.sh npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
node scripts/test-summary.mjs test-results/vitest.json || true
exit $status
