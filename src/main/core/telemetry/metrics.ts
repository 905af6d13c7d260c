// Metrics from sync_runs and the audit log (DESIGN §8).
import type { Metrics } from '../../../shared/contract';
import type { Store } from '../store/store';

const WINDOW_DAYS = 7;

export function computeMetrics(store: Store, now: Date): Metrics {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const runs = store.runs.since(since);
  const latencies = runs.flatMap((r) => r.stats.latenciesMs).sort((a, b) => a - b);
  const perProvider: Metrics['perProvider'] = {};
  const accounts = store.accounts.all();
  const providerOf = new Map(accounts.map((a) => [a.id, a.provider]));
  for (const e of store.audit.list({ since, limit: 100_000 })) {
    if (!e.accountId || !e.action.startsWith('calendar.')) continue;
    const p = providerOf.get(e.accountId) ?? 'unknown';
    const slot = (perProvider[p] ??= { successes: 0, failures: 0 });
    if (e.outcome === 'ok') slot.successes++;
    else if (e.outcome === 'failed') slot.failures++;
  }
  const requests = runs.map((r) => r.stats.requests.copilot + r.stats.requests.provider);
  return {
    connectedCalendars: accounts.filter((a) => a.status === 'connected').length,
    perProvider,
    runs: runs.length,
    averageLatencyMs: latencies.length ? Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length) : null,
    p95LatencyMs: latencies.length ? (latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)] ?? null) : null,
    averageRequestsPerRun: requests.length ? Math.round((requests.reduce((a, b) => a + b, 0) / requests.length) * 10) / 10 : null,
    failuresLastHour: store.audit.failuresSince(hourAgo),
  };
}
