// The app side of the memory and CPU benchmarks, in a process of its own (a fresh
// V8 heap, whatever ran before), against the sandboxes of sandbox-process.ts in
// another. Prints one JSON line of figures; run.ts formats them. run.ts compiles
// it first (as electron-vite compiles the app), so the figures are the app's and
// not those of a TypeScript loader.
//   memory  first sync of every seeded item: RSS and JS heap sampled every 20 ms
//   cpu     CPU time (user + sys) of quiet syncs after the first one
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { CalendarCore } from '../src/main/core/app';
import { AppConfig } from '../src/main/core/config';
import { systemClock, systemTimers } from '../src/main/core/ports';
import { MemorySecretStore } from '../src/main/core/secrets/memory-secret-store';
import { approveInSandboxBrowser } from '../src/sandbox/google/sandbox-browser';
import { Endpoints, type CpuFigures, type MemoryFigures } from './app-figures';

async function startCore(endpoints: Endpoints): Promise<CalendarCore> {
  const config = AppConfig.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ccal-bench-')),
    copilot: { baseUrl: endpoints.copilot },
    // Paced far above Google's quota: these benchmarks measure the app, not the limiter.
    google: { ...endpoints.google, requestsPerMinute: 10_000 },
  });
  const core = new CalendarCore({ config, secrets: new MemorySecretStore(), clock: systemClock, timers: systemTimers, fetch: globalThis.fetch.bind(globalThis), openUrl: approveInSandboxBrowser });
  await core.signIn(endpoints.user);
  await core.setPreferences({ timeZone: 'UTC', kinds: { follow_up: false, reminder: false } });
  await core.connect({ provider: 'google' });
  return core;
}

const youngCommitted = (): number => getHeapSpaceStatistics().reduce((n, s) => (s.space_name === 'new_space' || s.space_name === 'new_large_object_space' ? n + s.space_size : n), 0);

async function memory(endpoints: Endpoints, items: number): Promise<MemoryFigures> {
  const core = await startCore(endpoints);
  const rssBefore = process.memoryUsage().rss;
  const m0 = process.memoryUsage();
  const f = { rssPeak: rssBefore, heapCommittedBefore: m0.heapTotal, externalBefore: m0.external, heapCommittedAtPeak: 0, externalAtPeak: 0, heapUsedAtPeak: 0, heapUsedMax: 0, heapCommittedMax: 0, youngCommittedMax: 0 };
  const phasePeaks: Record<string, number> = {};
  let phase = 'start';
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.rss > f.rssPeak) {
      f.rssPeak = m.rss;
      f.heapUsedAtPeak = m.heapUsed;
      f.heapCommittedAtPeak = m.heapTotal;
      f.externalAtPeak = m.external;
    }
    f.heapUsedMax = Math.max(f.heapUsedMax, m.heapUsed);
    f.heapCommittedMax = Math.max(f.heapCommittedMax, m.heapTotal);
    f.youngCommittedMax = Math.max(f.youngCommittedMax, youngCommitted());
    phasePeaks[phase] = Math.max(phasePeaks[phase] ?? 0, m.rss);
  };
  const timer = setInterval(sample, 20);
  const summary = await core.syncNow({}, (p) => {
    if (p.phase !== phase) {
      sample();
      phase = p.phase;
    }
  });
  clearInterval(timer);
  sample();
  // With --expose-gc: what the sync left alive, as opposed to garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const liveAfterGc = gc ? process.memoryUsage().heapUsed : null;
  core.close();
  delete phasePeaks.done;
  return { items, created: summary.created, rssBefore, ...f, liveAfterGc, phasePeaks };
}

async function cpu(endpoints: Endpoints, items: number, runs: number): Promise<CpuFigures> {
  const core = await startCore(endpoints);
  await core.syncNow({});
  await core.syncNow({}); // the first quiet run may still settle cursors
  const cpuMsPerRun: number[] = [];
  let changesSeen = 0;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    const s = await core.syncNow({});
    const used = process.cpuUsage(before);
    cpuMsPerRun.push((used.user + used.system) / 1000);
    changesSeen += s.created + s.updated + s.deleted + s.pulled + s.failures;
  }
  core.close();
  return { items, runs, cpuMsPerRun, changesSeen };
}

const [mode, itemsArg, endpointsArg] = process.argv.slice(2);
const endpoints = Endpoints.parse(JSON.parse(endpointsArg ?? '{}'));
const items = Number(itemsArg);
const figures = mode === 'memory' ? await memory(endpoints, items) : await cpu(endpoints, items, 5);
process.stdout.write(`${JSON.stringify(figures)}\n`);
