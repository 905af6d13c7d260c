#!/usr/bin/env node
// Starts ccal. It needs Node.js 24 (the runtime Electron ships, and the ABI the
// native SQLite module is built for): on an older Node it looks for one
// (CCAL_NODE, or the one scripts/setup.sh installs) and hands over to it, or says
// plainly what it needs, instead of crashing inside the native module.
// It runs the compiled bundle (out/main/cli.js, from "npx electron-vite build")
// when there is one, and the TypeScript sources through tsx otherwise (or when
// CCAL_DEV=1). Written for any Node that can parse an ES module.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const NEED = 24;
const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const majorOf = (version) => Number(String(version).split('.')[0]);

function versionAt(node) {
  const r = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '0';
}

function findNode() {
  const setupNode = join(process.env.NODE24_PREFIX || join(homedir(), '.cache', 'node24'), 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  for (const candidate of [process.env.CCAL_NODE, setupNode]) {
    if (candidate && existsSync(candidate) && majorOf(versionAt(candidate)) >= NEED) return candidate;
  }
  return null;
}

async function main() {
  if (majorOf(process.versions.node) < NEED) {
    const node = process.env.CCAL_REEXEC === '1' ? null : findNode();
    if (node) {
      const r = spawnSync(node, [self, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, CCAL_REEXEC: '1' } });
      process.exit(r.status === null ? 1 : r.status);
    }
    process.stderr.write(
      `ccal needs Node.js ${NEED} or newer, and this is Node.js ${process.versions.node} (${process.execPath}).\n` +
        `Install Node.js ${NEED} and run ccal with it: ./scripts/setup.sh puts one in ~/.cache/node24, and\n` +
        `"source scripts/env.sh" puts it first on PATH. Or set CCAL_NODE to the path of a Node.js ${NEED} binary.\n`,
    );
    process.exit(1);
  }
  const bundle = join(root, 'out', 'main', 'cli.js');
  if (existsSync(bundle) && process.env.CCAL_DEV !== '1') {
    await import(pathToFileURL(bundle).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli/main.ts');
}

main();
