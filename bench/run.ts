// Benchmarks, printed as ratios (never asserted in tests). Each scenario runs the
// real core against the sandboxes over real HTTP with the real client libraries.
//   quiet     requests for a sync in which nothing changed, against the target
//             (one Google request per calendar + the Career Copilot pages)
//   quota     initial sync of 1,000 items, 50 ms latency, sandbox enforcing
//             Google's 600 requests/minute/user: wall time ÷ the sliding-window
//             bound (quota-bound.ts), about 65 s, not N ÷ Q
//   noquota   the same without a quota: wall time ÷ serial bound (1,000 × 50 ms)
//   memory    peak RSS of the app process for a first sync of 10,000 items
//   cpu       CPU time (user + sys) of a quiet sync of 1,000 items
// memory and cpu run the app in a fresh process of its own (app-process.ts,
// compiled first as the app is: under tsx's loader it starts ~20 MiB higher) and the
// sandboxes in another (sandbox-process.ts), so neither the stand-ins nor an
// earlier scenario nor a TypeScript loader is measured.
// Run all: npm run bench   ·   some: npm run bench -- quota cpu
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { startCopilotSandbox } from '../src/sandbox/copilot';
import { startGoogleSandbox, type GoogleSandboxOptions } from '../src/sandbox/google';
import { CalendarCore } from '../src/main/core/app';
import { AppConfig } from '../src/main/core/config';
import { systemClock, systemTimers } from '../src/main/core/ports';
import { approveInSandboxBrowser } from '../src/sandbox/google/sandbox-browser';
import { MemorySecretStore } from '../src/main/core/secrets/memory-secret-store';
import { DEFAULT_MAX_CONCURRENT, DEFAULT_REQUESTS_PER_MINUTE } from '../src/main/core/auth/google-config';
import { CpuFigures, Endpoints, MemoryFigures } from './app-figures';
import { quotaBound } from './quota-bound';

const USER = { email: 'bench@careercopilot.example', password: 'bench-password' };

async function setup(items: number, google: GoogleSandboxOptions, requestsPerMinute?: number) {
  const copilot = await startCopilotSandbox({ users: [USER] });
  const sandbox = await startGoogleSandbox({ email: 'bench@gmail.example', ...google });
  const job = copilot.addJob({ title: 'Engineer', company: 'Bench Corp', location: 'Remote' });
  const start = DateTime.now().setZone('UTC').startOf('day').plus({ days: 1 });
  for (let i = 0; i < items; i++) {
    copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: start.plus({ minutes: 30 * i }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), follow_up_date: null }, USER.email);
  }
  const config = AppConfig.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ccal-bench-')),
    copilot: { baseUrl: copilot.apiBase },
    google: { clientId: sandbox.clientId, ...sandbox.endpoints, requestsPerMinute },
  });
  const core = new CalendarCore({ config, secrets: new MemorySecretStore(), clock: systemClock, timers: systemTimers, fetch: globalThis.fetch.bind(globalThis), openUrl: approveInSandboxBrowser });
  await core.signIn(USER);
  await core.setPreferences({ timeZone: 'UTC', kinds: { follow_up: false, reminder: false } });
  await core.connect({ provider: 'google' });
  return {
    copilot,
    sandbox,
    core,
    async close() {
      core.close();
      await Promise.all([copilot.close(), sandbox.close()]);
    },
  };
}

const ratio = (n: number): string => n.toFixed(3);

async function quiet(): Promise<void> {
  const s = await setup(250, {});
  await s.core.syncNow({});
  await s.core.syncNow({});
  s.sandbox.resetStats();
  s.copilot.resetStats();
  await s.core.syncNow({});
  const google = s.sandbox.stats().requests;
  // Offset paging ends at the first short page; pages overlap by one row (the shift
  // check), so 250 applications take pages at skip 0, 99 and 198. Jobs: one page.
  const pages = Math.floor((250 - 1) / 99) + 1 + 1;
  const copilot = s.copilot.stats().requests;
  console.log(`quiet: google requests per calendar ${google} (target 1) → ratio ${ratio(google / 1)}; career copilot requests ${copilot} (pages: 3 of applications, 1 of jobs) → ratio ${ratio(copilot / pages)}`);
  await s.close();
}

async function initial(withQuota: boolean): Promise<void> {
  const N = 1000;
  const latencyMs = 50;
  // Without a quota the client's own pacing (just under Google's 600/min) is lifted too.
  const s = await setup(N, { latencyMs, quotaPerMinute: withQuota ? 600 : null }, withQuota ? undefined : 10_000);
  s.sandbox.resetStats();
  const t0 = performance.now();
  const summary = await s.core.syncNow({});
  const wall = (performance.now() - t0) / 1000;
  const st = s.sandbox.stats();
  if (withQuota) {
    // The client paces itself at DEFAULT_REQUESTS_PER_MINUTE (just under the sandbox's 600),
    // and every Google request of the run counts against the window, the listing included.
    const b = quotaBound({ requests: st.requests, perMinute: DEFAULT_REQUESTS_PER_MINUTE, concurrency: DEFAULT_MAX_CONCURRENT, latencyMs });
    console.log(
      `quota: ${N} items in ${wall.toFixed(1)} s; ÷ sliding-window bound ${b.seconds.toFixed(2)} s [${b.formula}] → ratio ${ratio(wall / b.seconds)} (target ≤ 1.1); ` +
        `rate-limited answers ${st.rateLimited}, user-visible failures ${summary.failures}; requests per item ${ratio(st.requests / N)}`,
    );
  } else {
    const serial = (N * latencyMs) / 1000;
    const parallel = (Math.ceil(N / DEFAULT_MAX_CONCURRENT) * latencyMs) / 1000;
    console.log(
      `noquota: ${N} items in ${wall.toFixed(1)} s; ÷ serial bound ${serial} s → ratio ${ratio(wall / serial)} (below 1: bounded concurrency wins); ` +
        `÷ concurrency bound ${parallel} s [⌈${N}/${DEFAULT_MAX_CONCURRENT}⌉ × ${latencyMs} ms] → ratio ${ratio(wall / parallel)}; requests per item ${ratio(st.requests / N)}`,
    );
  }
  await s.close();
}

type Child = ChildProcessByStdio<Writable, Readable, null>;

/** Starts a bench process (node flags first) and resolves with the first line it prints. */
async function start(args: string[]): Promise<{ child: Child; line: string }> {
  const child = spawn(process.execPath, ['--expose-gc', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before printing its result`)));
  });
  return { child, line };
}

/**
 * app-process.ts as one ES module of compiled JavaScript, its packages left in
 * node_modules: the shape electron-vite gives the app's main bundle.
 */
async function compiledApp(): Promise<string> {
  const outfile = join(import.meta.dirname, '..', 'out', 'bench', 'app-process.mjs');
  await build({ entryPoints: [join(import.meta.dirname, 'app-process.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}

/** Sandboxes seeded with `items` interviews in one process, the app measured in another. */
async function measureApp(mode: 'memory' | 'cpu', items: number): Promise<string> {
  const sandboxes = await start(['--import', 'tsx', join(import.meta.dirname, 'sandbox-process.ts'), String(items)]);
  try {
    const endpoints = Endpoints.parse(JSON.parse(sandboxes.line));
    // CCAL_BENCH_APP_FLAGS: extra Node/V8 flags for the app process only, to try heap settings.
    const flags = (process.env.CCAL_BENCH_APP_FLAGS ?? '').split(' ').filter(Boolean);
    const app = await start([...flags, await compiledApp(), mode, String(items), JSON.stringify(endpoints)]);
    return app.line;
  } finally {
    sandboxes.child.stdin.end();
  }
}

const mib = (b: number): string => (b / 1024 / 1024).toFixed(1);

async function memory(): Promise<void> {
  const N = Number(process.env.CCAL_BENCH_ITEMS ?? 10_000);
  const f = MemoryFigures.parse(JSON.parse(await measureApp('memory', N)));
  const phases = Object.entries(f.phasePeaks).map(([phase, rss]) => `${phase} ${mib(rss)}`).join(', ');
  console.log(
    `memory: ${f.created} of ${f.items} items created; app peak RSS ${mib(f.rssPeak)} MiB (target < 200; ${mib(f.rssBefore)} MiB before the sync) → ratio ${ratio(f.rssPeak / (200 * 1024 * 1024))}, ` +
      `${((f.rssPeak - f.rssBefore) / f.items / 1024).toFixed(2)} KiB per item; peak RSS by phase: ${phases}; ` +
      `at the peak: JS heap committed ${mib(f.heapCommittedAtPeak)} MiB (${mib(f.heapCommittedBefore)} before), external ${mib(f.externalAtPeak)} MiB (${mib(f.externalBefore)} before), the rest ${mib(f.rssPeak - f.heapCommittedAtPeak - f.externalAtPeak)} MiB (${mib(f.rssBefore - f.heapCommittedBefore - f.externalBefore)} before: code, the node binary, native memory); JS heap used at the peak ${mib(f.heapUsedAtPeak)} MiB (most ${mib(f.heapUsedMax)}, committed ${mib(f.heapCommittedMax)} of which young generation ${mib(f.youngCommittedMax)}); ` +
      `live heap after GC ${f.liveAfterGc === null ? 'n/a (run with --expose-gc)' : `${mib(f.liveAfterGc)} MiB`}`,
  );
}

async function cpu(): Promise<void> {
  const N = 1000;
  const f = CpuFigures.parse(JSON.parse(await measureApp('cpu', N)));
  const sorted = [...f.cpuMsPerRun].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const per1000 = (ms: number): string => ((ms * 1000) / f.items).toFixed(1);
  console.log(
    `cpu: quiet sync of ${f.items} items (${f.changesSeen} changes seen in ${f.runs} runs): CPU time (user + sys) per 1,000 items median ${per1000(median)} ms ` +
      `(runs: ${f.cpuMsPerRun.map((ms) => per1000(ms)).join(', ')} ms)`,
  );
}

const scenarios: Record<string, () => Promise<void>> = { quiet, noquota: () => initial(false), quota: () => initial(true), memory, cpu };
const unknown = process.argv.slice(2).filter((a) => !(a in scenarios));
if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(scenarios).join(', ')}.`);
const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(scenarios)) await scenarios[name]?.();
