// How long history is kept, so a year of minute-by-minute syncing stays small
// and fast (runMaintenance, called as Store.maintenance once per run, does the
// work at most once a day):
// - sync_runs: raw rows for runs started since UTC midnight RAW_RUN_DAYS days ago
//   (2–3 days, about 4,000 rows at one run a minute); older days are rolled up into
//   run_days first. The newest run is always kept: getState shows it, however old.
// - audit_log per-run rows (listings, outbound attempts, polls, token refreshes,
//   notes): ROUTINE_AUDIT_DAYS. Their calendar outcomes are rolled up into
//   calendar_days with the runs, so the metrics never read old raw rows.
// - audit_log rows of the user's own record (RECORD_ACTIONS: sign-in, connect,
//   disconnect, revoke, calendar choice, …): RECORD_AUDIT_DAYS, two years.
// - roll-ups: ROLLUP_DAYS.
// The metrics window (7 days) and the failure alert (1 hour) only read rows far
// younger than any of these limits.
import type { RunDay } from './rollups-repo';
import { emptyRunDay } from './rollups-repo';
import type { Store } from './store';
import { addLatency } from '../telemetry/latency-histogram';

export const RAW_RUN_DAYS = 2;
export const ROUTINE_AUDIT_DAYS = 30;
export const RECORD_AUDIT_DAYS = 730;
export const ROLLUP_DAYS = 730;
const DAY_MS = 86_400_000;
const LAST_MAINTENANCE_KEY = 'maintenance:last_run';

export interface MaintenanceReport {
  /** False when maintenance already ran within the last 24 hours. */
  ran: boolean;
  runsRolledUp: number;
  auditPruned: number;
  rollupsPruned: number;
}

/**
 * Rolls up and prunes old history, at most once per 24 hours (cheap to call every
 * run), in one transaction: a crash leaves either the old rows or their roll-up.
 */
export function runMaintenance(store: Store, now: Date): MaintenanceReport {
  return store.tx(() => {
    const last = store.kv.get<string>(LAST_MAINTENANCE_KEY);
    const elapsed = last === null ? Infinity : now.getTime() - Date.parse(last);
    // A clock set back makes `elapsed` negative: run, rather than wait for the old time to return.
    if (elapsed >= 0 && elapsed < DAY_MS) return { ran: false, runsRolledUp: 0, auditPruned: 0, rollupsPruned: 0 };
    const boundary = Math.max(Date.parse(store.rollups.rolledUntil() ?? '') || 0, utcMidnight(now, -RAW_RUN_DAYS));
    const boundaryIso = new Date(boundary).toISOString();
    const runsRolledUp = rollUpRuns(store, boundaryIso);
    rollUpCalendarOutcomes(store, boundaryIso);
    store.rollups.setRolledUntil(boundaryIso);
    const auditPruned = store.audit.prune(isoDaysBefore(now, ROUTINE_AUDIT_DAYS), isoDaysBefore(now, RECORD_AUDIT_DAYS));
    const rollupsPruned = store.rollups.pruneBefore(isoDaysBefore(now, ROLLUP_DAYS).slice(0, 10));
    store.kv.set(LAST_MAINTENANCE_KEY, now.toISOString());
    return { ran: true, runsRolledUp, auditPruned, rollupsPruned };
  });
}

function rollUpRuns(store: Store, before: string): number {
  const days = new Map<string, RunDay>();
  store.runs.forEachOlderThan(before, (run) => {
    const key = run.startedAt.slice(0, 10);
    let day = days.get(key);
    if (!day) days.set(key, (day = emptyRunDay(key)));
    day.runs += 1;
    if (run.outcome === null) day.unfinished += 1;
    else day[run.outcome] += 1;
    day.copilotRequests += run.stats.requests.copilot;
    day.providerRequests += run.stats.requests.provider;
    for (const ms of run.stats.latenciesMs) {
      day.latencyCount += 1;
      day.latencySumMs += Math.round(ms);
      addLatency(day.latencyHist, ms);
    }
  });
  for (const day of days.values()) store.rollups.addRunDay(day);
  const deleted = store.runs.deleteOlderThan(before);
  return deleted;
}

/** Counts calendar outcomes not rolled up yet (at < before) per day and provider. */
function rollUpCalendarOutcomes(store: Store, before: string): void {
  const from = store.rollups.rolledUntil() ?? '';
  if (from >= before) return;
  // The provider is looked up as the metrics page does: by the account as it is now.
  const providerOf = new Map(store.accounts.all().map((a) => [a.id, a.provider]));
  const totals = new Map<string, { day: string; provider: string; successes: number; failures: number }>();
  for (const row of store.audit.calendarOutcomes(from, before)) {
    const provider = providerOf.get(row.accountId) ?? 'unknown';
    const key = `${row.day} ${provider}`;
    const slot = totals.get(key) ?? { day: row.day, provider, successes: 0, failures: 0 };
    if (row.outcome === 'ok') slot.successes += row.n;
    else if (row.outcome === 'failed') slot.failures += row.n;
    totals.set(key, slot);
  }
  for (const t of totals.values()) if (t.successes + t.failures > 0) store.rollups.addCalendarDay(t);
}

/** UTC midnight `offsetDays` days from the day of `now`, in ms. */
function utcMidnight(now: Date, offsetDays: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays);
}

function isoDaysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
