// Benchmarks, printed as ratios (never asserted in tests). Each scenario runs the
// real core against the sandboxes over real HTTP with the real client libraries.
//   quiet     requests for a sync in which nothing changed, against the target
//             (one Google request per calendar + the Career Copilot pages)
//   quota     initial sync of 1,000 items, 50 ms latency, sandbox enforcing
//             Google's 600 requests/minute/user: wall time ÷ (1,000 ÷ 600/min)
//   noquota   the same without a quota: wall time ÷ serial bound (1,000 × 50 ms)
//   memory    peak RSS for 10,000 items
// Run all: npm run bench   ·   one: npm run bench -- quota
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
  const pages = Math.ceil(250 / 100); // offset paging ends at the first short page
  const copilot = s.copilot.stats().requests;
  console.log(`quiet: google requests per calendar ${google} (target 1) → ratio ${ratio(google / 1)}; career copilot requests ${copilot} (pages ${pages}) → ratio ${ratio(copilot / pages)}`);
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
    const bound = (N / 600) * 60;
    console.log(`quota: ${N} items in ${wall.toFixed(1)} s; ÷ quota bound ${bound} s → ratio ${ratio(wall / bound)} (target ≤ 1.1); rate-limited answers ${st.rateLimited}, user-visible failures ${summary.failures}; requests per item ${ratio(st.requests / N)}`);
  } else {
    const serial = (N * latencyMs) / 1000;
    console.log(`noquota: ${N} items in ${wall.toFixed(1)} s; ÷ serial bound ${serial} s → ratio ${ratio(wall / serial)} (below 1: bounded concurrency wins); requests per item ${ratio(st.requests / N)}`);
  }
  await s.close();
}

async function memory(): Promise<void> {
  const N = Number(process.env.CCAL_BENCH_ITEMS ?? 10_000);
  // The sandboxes run in a child process: only the app's own memory is measured here.
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sandbox-process.ts'), String(N)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
  const endpoints = JSON.parse(line) as { copilot: string; google: Record<string, string> & { clientId: string }; user: typeof USER };
  const config = AppConfig.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ccal-bench-')),
    copilot: { baseUrl: endpoints.copilot },
    google: { ...endpoints.google, requestsPerMinute: 10_000 },
  });
  const core = new CalendarCore({ config, secrets: new MemorySecretStore(), clock: systemClock, timers: systemTimers, fetch: globalThis.fetch.bind(globalThis), openUrl: approveInSandboxBrowser });
  await core.signIn(endpoints.user);
  await core.setPreferences({ timeZone: 'UTC', kinds: { follow_up: false, reminder: false } });
  await core.connect({ provider: 'google' });
  const before = process.memoryUsage().rss;
  let peak = before;
  let heapPeak = 0;
  let externalPeak = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapTotal);
    externalPeak = Math.max(externalPeak, m.external + m.arrayBuffers);
  }, 20);
  const summary = await core.syncNow({});
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
  // With --expose-gc: what the sync left alive, as opposed to garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const retained = gc ? `; live heap after GC ${mb(process.memoryUsage().heapUsed)} MiB` : '';
  console.log(`memory: ${summary.created} of ${N} items created; app peak RSS ${mb(peak)} MiB (${mb(before)} MiB before the sync) → ${((peak - before) / N / 1024).toFixed(2)} KiB per item; peak JS heap (committed) ${mb(heapPeak)} MiB, external ${mb(externalPeak)} MiB${retained}`);
  core.close();
  child.stdin.end();
}

const scenarios: Record<string, () => Promise<void>> = { quiet, noquota: () => initial(false), quota: () => initial(true), memory };
const chosen = process.argv.slice(2).filter((a) => a in scenarios);
for (const name of chosen.length ? chosen : Object.keys(scenarios)) await scenarios[name]?.();
