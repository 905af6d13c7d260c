#!/usr/bin/env bash
# The main job on a fresh machine: install, then run ccal against the built-in
# sandbox (local Career Copilot, Google and Outlook stand-ins; Radicale for CalDAV
# when installed) and show a sync happening. The demo makes the Outlook stand-in's
# https certificate and trusts it by itself (src/main/cli/demo-trust.ts).
# Extra arguments go to "ccal demo" (try --keep-running, --items 50).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
# --ui serves the real page: build it first (a few seconds) so a fresh clone just works.
for a in "$@"; do
  if [ "$a" = "--ui" ]; then echo "demo: building the app's page"; npx electron-vite build >/dev/null; break; fi
done
exec bash scripts/with-keychain.sh node --import tsx src/main/cli/main.ts demo "$@"
