// Metrics from sync_runs and the audit log (DESIGN §8), over the last 7 days.
// Recent days come from raw rows; days whose raw rows were rolled up
// (store/retention.ts) come from the daily roll-ups, counted whole when the day
// starts inside the window, so the oldest, partial day drops out once it is
// rolled up. Latency percentiles are exact over raw runs and high by at most 19%
// over rolled-up days (telemetry/latency-histogram.ts).
import type { Metrics } from '../../../shared/contract';
import type { Store } from '../store/store';
import { mergeHistograms, quantileMs, type LatencyHistogram } from './latency-histogram';

const WINDOW_DAYS = 7;

export function computeMetrics(store: Store, now: Date): Metrics {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const firstDay = firstWholeDay(since);
  const rolledUntil = store.rollups.rolledUntil();

  const runs = store.runs.since(since);
  const runDays = store.rollups.runDaysFrom(firstDay);
  const latencies = runs.flatMap((r) => r.stats.latenciesMs).sort((a, b) => a - b);
  const histogram: LatencyHistogram = {};
  for (const d of runDays) mergeHistograms(histogram, d.latencyHist);
  const latencyCount = latencies.length + runDays.reduce((n, d) => n + d.latencyCount, 0);
  const latencySum = latencies.reduce((a, b) => a + b, 0) + runDays.reduce((n, d) => n + d.latencySumMs, 0);
  const runCount = runs.length + runDays.reduce((n, d) => n + d.runs, 0);
  const requests =
    runs.reduce((n, r) => n + r.stats.requests.copilot + r.stats.requests.provider, 0) + runDays.reduce((n, d) => n + d.copilotRequests + d.providerRequests, 0);

  const perProvider: Metrics['perProvider'] = {};
  // Per day and provider, for the activity charts: syncs and failures from the audit, latency per day from the runs.
  const daily = new Map<string, { day: string; provider: string; syncs: number; failures: number }>();
  const dayRow = (day: string, provider: string): { day: string; provider: string; syncs: number; failures: number } => {
    const key = `${day}|${provider}`;
    let row = daily.get(key);
    if (!row) {
      row = { day, provider, syncs: 0, failures: 0 };
      daily.set(key, row);
    }
    return row;
  };
  const accounts = store.accounts.all();
  const providerOf = new Map(accounts.map((a) => [a.id, a.provider]));
  // Audit rows before rolledUntil are counted in calendar_days already, even while they are kept.
  const rawFrom = rolledUntil !== null && rolledUntil > since ? rolledUntil : since;
  for (const row of store.audit.calendarOutcomes(rawFrom, null)) {
    const slot = (perProvider[providerOf.get(row.accountId) ?? 'unknown'] ??= { successes: 0, failures: 0 });
    if (row.outcome === 'ok') slot.successes += row.n;
    else if (row.outcome === 'failed') slot.failures += row.n;
    const d = dayRow(row.day, providerOf.get(row.accountId) ?? 'unknown');
    if (row.outcome === 'ok') d.syncs += row.n;
    else if (row.outcome === 'failed') d.failures += row.n;
  }
  for (const d of store.rollups.calendarDaysFrom(firstDay)) {
    const slot = (perProvider[d.provider] ??= { successes: 0, failures: 0 });
    slot.successes += d.successes;
    slot.failures += d.failures;
    const row = dayRow(d.day, d.provider);
    row.syncs += d.successes;
    row.failures += d.failures;
  }
  const latencyByDay = new Map<string, { exact: number[]; hist: LatencyHistogram }>();
  for (const r of runs) {
    const slot = latencyByDay.get(r.startedAt.slice(0, 10)) ?? { exact: [], hist: {} };
    slot.exact.push(...r.stats.latenciesMs);
    latencyByDay.set(r.startedAt.slice(0, 10), slot);
  }
  for (const d of runDays) {
    const slot = latencyByDay.get(d.day) ?? { exact: [], hist: {} };
    mergeHistograms(slot.hist, d.latencyHist);
    latencyByDay.set(d.day, slot);
  }
  const dayLatency = (day: string, q: number): number | null => {
    const slot = latencyByDay.get(day);
    return slot ? quantileMs([...slot.exact].sort((a, b) => a - b), slot.hist, q) : null;
  };

  return {
    connectedCalendars: accounts.filter((a) => a.status === 'connected').length,
    perProvider,
    runs: runCount,
    averageLatencyMs: latencyCount ? Math.round(latencySum / latencyCount) : null,
    p95LatencyMs: quantileMs(latencies, histogram, 0.95),
    p50LatencyMs: quantileMs(latencies, histogram, 0.5),
    daily: [...daily.values()]
      .sort((a, b) => a.day.localeCompare(b.day) || a.provider.localeCompare(b.provider))
      .map((row) => ({ ...row, p50LatencyMs: dayLatency(row.day, 0.5), p95LatencyMs: dayLatency(row.day, 0.95) })),
    averageRequestsPerRun: runCount ? Math.round((requests / runCount) * 10) / 10 : null,
    failuresLastHour: store.audit.failuresSince(hourAgo),
  };
}

/** The first UTC day (YYYY-MM-DD) that starts at or after `iso`. */
function firstWholeDay(iso: string): string {
  const day = iso.slice(0, 10);
  if (iso === `${day}T00:00:00.000Z`) return day;
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
