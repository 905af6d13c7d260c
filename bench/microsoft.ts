// Outlook benchmarks, printed as ratios (never asserted in tests). The real
// provider, MSAL and Graph client against the Microsoft sandbox over TLS; the
// engine is not involved (it drives providers the same way once integrated).
//   quiet     Graph requests for a listing in which nothing changed (target 1 per calendar)
//   initial   1,000 creates at 50 ms per Graph operation, the sandbox enforcing 4
//             concurrent per mailbox: wall time ÷ (1,000 × 50 ms ÷ 4), with and
//             without $batch, and the 429s seen (target 0)
// Run: node --import tsx bench/microsoft.ts [quiet|initial]
// The sandbox's certificate must be trusted at process start (NODE_EXTRA_CA_CERTS),
// so without one in the environment the script makes it and runs itself again.
import { DateTime } from 'luxon';
import { connectMicrosoft } from '../src/main/core/auth/microsoft-oauth';
import { systemClock, systemTimers } from '../src/main/core/ports';
import { createMicrosoftProvider } from '../src/main/core/providers/microsoft/microsoft-provider';
import type { EventDraft, ListingWindow } from '../src/main/core/providers/provider';
import { MemorySecretStore } from '../src/main/core/secrets/memory-secret-store';
import { relaunchTrustingSandbox, startMicrosoftSandbox, type MicrosoftSandboxOptions } from '../src/sandbox/microsoft';
import { approveInMicrosoftSandboxBrowser } from '../src/sandbox/microsoft/microsoft-browser';

const N = 1000;
const LATENCY_MS = 50;
const CONCURRENT = 4;
const ratio = (n: number): string => n.toFixed(3);

async function setup(options: MicrosoftSandboxOptions, useBatch: boolean) {
  const sandbox = await startMicrosoftSandbox({ email: 'bench@contoso.example', ...options });
  const secrets = new MemorySecretStore();
  const config = { clientId: sandbox.clientId, ...sandbox.endpoints, useBatch };
  const fetchImpl = globalThis.fetch.bind(globalThis);
  const { accountId } = await connectMicrosoft({ config, secrets, fetch: fetchImpl, openUrl: approveInMicrosoftSandboxBrowser, onConsentUrl: () => undefined, readProfile: async () => ({ email: 'bench@contoso.example', displayName: 'Bench' }) });
  const provider = createMicrosoftProvider({ config, secrets, accountId, clock: systemClock, timers: systemTimers, fetch: fetchImpl });
  return { sandbox, provider };
}

function drafts(count: number): EventDraft[] {
  const start = DateTime.now().setZone('UTC').startOf('day').plus({ days: 1 });
  return Array.from({ length: count }, (_, i) => ({
    sourceId: `application:${i}:interview`,
    title: `Interview ${i}`,
    timing: { type: 'timed', startUtc: start.plus({ minutes: 30 * i }).toISO() ?? '', endUtc: start.plus({ minutes: 30 * i + 30 }).toISO() ?? '', zone: 'Europe/Berlin' },
    location: 'Video call',
    description: null,
    reminderMinutes: [30],
    transparency: 'opaque',
  }));
}

const window = (): ListingWindow => {
  const now = DateTime.now().setZone('UTC').startOf('day');
  return { start: now.toISO() ?? '', end: now.plus({ days: 60 }).toISO() ?? '' };
};

async function quiet(): Promise<void> {
  const { sandbox, provider } = await setup({}, true);
  await Promise.all(drafts(250).map((d) => provider.createEvent('default', d, `create:${d.sourceId}`)));
  const w = window();
  const beforeFull = provider.requestCount();
  const full = await provider.listChanges('default', null, w);
  const before = provider.requestCount();
  await provider.listChanges('default', full.nextCursor, w);
  const requests = provider.requestCount() - before;
  console.log(`quiet: graph requests per calendar ${requests} (target 1) → ratio ${ratio(requests / 1)}; the full listing before it: ${full.changes.length} events in ${before - beforeFull} requests (delta pages of 100, tags known from the creates)`);
  await sandbox.close();
}

async function initial(useBatch: boolean): Promise<void> {
  const { sandbox, provider } = await setup({ latencyMs: LATENCY_MS, maxConcurrent: CONCURRENT }, useBatch);
  sandbox.resetStats();
  const before = provider.requestCount();
  const t0 = performance.now();
  // As an engine with enough creates in flight would: all of them handed over at once.
  await Promise.all(drafts(N).map((d) => provider.createEvent('default', d, `create:${d.sourceId}`)));
  const wall = (performance.now() - t0) / 1000;
  const stats = sandbox.stats();
  const bound = (N * LATENCY_MS) / CONCURRENT / 1000;
  console.log(
    `initial ${useBatch ? 'with $batch' : 'without $batch'}: ${N} creates in ${wall.toFixed(2)} s ÷ ${bound} s bound (${N} × ${LATENCY_MS} ms ÷ ${CONCURRENT}) → ratio ${ratio(wall / bound)}; ${provider.requestCount() - before} HTTP requests, ${stats.byRoute['events.create'] ?? 0} create operations, ${stats.throttled} rate-limited answers (target 0), peak ${stats.peakConcurrency} in flight, ${sandbox.events().length} events`,
  );
  await sandbox.close();
}

async function main(which: string | undefined): Promise<void> {
  if (!which || which === 'quiet') await quiet();
  if (!which || which === 'initial') {
    await initial(true);
    await initial(false);
  }
}

if (!relaunchTrustingSandbox()) await main(process.argv[2]);
