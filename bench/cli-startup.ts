// How fast `ccal` starts, printed (never asserted): wall time of `ccal --help`
// and `ccal status`, the median of several runs each, as a ratio to
// `vdirsyncer --help` (Debian's vdirsyncer, a Python sync CLI) timed in the same
// run on the same machine. Target: at most 1.0. Measures the compiled bundle
// (out/main/cli.js, from "npx electron-vite build") through bin/ccal.mjs, and the
// development path through tsx for comparison.
//   bash scripts/with-keychain.sh node --import tsx bench/cli-startup.ts [runs]
// (status reads the keychain, hence the private keychain session.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Math.max(3, Number(process.argv[2] ?? 7));
const dataDir = mkdtempSync(join(tmpdir(), 'ccal-bench-startup-'));
const env = { ...process.env, CCAL_DATA_DIR: dataDir, CCAL_CONFIG: join(dataDir, 'none.json'), CCAL_KEYCHAIN_SERVICE: 'ccal-bench-startup', CCAL_NO_BROWSER: '1' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median wall time in ms of `cmd args`, after one warm-up run (so the file cache is warm for everyone alike). */
function time(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): number | null {
  const run = (): number | null => {
    const started = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      console.error(`  ${cmd} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr.trim().split('\n').at(-1) ?? `exit ${r.status}`}`);
      return null;
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  if (run() === null) return null;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ms = run();
    if (ms === null) return null;
    samples.push(ms);
  }
  return median(samples);
}

const fmt = (ms: number | null): string => (ms === null ? 'n/a' : `${ms.toFixed(0)} ms`);
const ratio = (ms: number | null, base: number | null): string => (ms === null || base === null ? 'n/a' : (ms / base).toFixed(2));

const ccal = join(ROOT, 'bin', 'ccal.mjs');
const compiled = existsSync(join(ROOT, 'out', 'main', 'cli.js'));
if (!compiled) console.log('(out/main/cli.js is missing, so only the tsx path is measured: run "npx electron-vite build" first.)');

const vdirsyncer = time('vdirsyncer', ['--help']);
if (vdirsyncer === null) console.log('(vdirsyncer is not installed: apt-get install vdirsyncer, for the reference time.)');
const rows: [string, number | null][] = [];
if (compiled) {
  rows.push(['ccal --help (compiled)', time(process.execPath, [ccal, '--help'])]);
  rows.push(['ccal status (compiled)', time(process.execPath, [ccal, 'status'])]);
}
rows.push(['ccal --help (tsx, development)', time(process.execPath, [ccal, '--help'], { CCAL_DEV: '1' })]);
rows.push(['ccal status (tsx, development)', time(process.execPath, [ccal, 'status'], { CCAL_DEV: '1' })]);

console.log(`\nStart-up, median of ${RUNS} runs (Node ${process.versions.node}):`);
console.log(`  ${'vdirsyncer --help'.padEnd(32)} ${fmt(vdirsyncer).padStart(8)}   ratio 1.00 (reference)`);
for (const [name, ms] of rows) console.log(`  ${name.padEnd(32)} ${fmt(ms).padStart(8)}   ratio ${ratio(ms, vdirsyncer)}`);
rmSync(dataDir, { recursive: true, force: true });
