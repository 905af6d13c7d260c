// A year of syncing through the real repositories on a real SQLite file, with
// Store.maintenance called after every run as the engine does and explicit
// timestamps for a clock: the tables stay bounded, the user's record outlives
// the per-run rows, the metrics stay right across raw rows and roll-ups, the
// failure alert still fires, and getState's last run is one primary-key lookup.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyStats, LAST_RUN_SQL, type RunOutcome } from '../../src/main/core/store/runs-repo';
import { RAW_RUN_DAYS, ROUTINE_AUDIT_DAYS } from '../../src/main/core/store/retention';
import { Store } from '../../src/main/core/store/store';
import { failureNotification } from '../../src/main/core/telemetry/alerts';
import { computeMetrics } from '../../src/main/core/telemetry/metrics';

const DAY = 86_400_000;
const START = Date.parse('2025-03-01T00:00:00.000Z');
/** One run every 10 minutes: the year test stays a few seconds on a busy machine. Minute cadence only multiplies the raw counts. */
const RUN_EVERY_MS = 10 * 60_000;
const RUNS_PER_DAY = DAY / RUN_EVERY_MS;
const ACCOUNT = 'google:jane@gmail.example';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function openStore(): Store {
  store = Store.open(join(mkdtempSync(join(tmpdir(), 'ccal-retention-')), 'calendar.db'));
  store.accounts.upsert({ id: ACCOUNT, provider: 'google', email: 'jane@gmail.example', scopes: [], calendarId: 'primary', now: new Date(START).toISOString() });
  return store;
}

/** What run `i` did: deterministic, so the expected metrics can be computed from it alone. */
interface GeneratedRun {
  startedAt: number;
  outcome: RunOutcome;
  latencies: number[];
  copilotRequests: number;
  providerRequests: number;
  /** calendar.* audit rows of this run, per outcome */
  calendarOk: number;
  calendarFailed: number;
}

function generated(i: number): GeneratedRun {
  const failed = i % 97 === 0;
  const writes = i % 7 === 0 ? 2 : 0;
  return {
    startedAt: START + i * RUN_EVERY_MS,
    outcome: failed ? 'partial' : 'ok',
    latencies: Array.from({ length: writes }, (_, k) => 400 + ((i * 37 + k * 211) % 4_000)),
    copilotRequests: 3,
    providerRequests: 1 + writes,
    calendarOk: 1 + writes, // the listing, then each write
    calendarFailed: failed ? 1 : 0,
  };
}

/** Records run `i` through the repositories as the engine would, then calls maintenance. */
function recordRun(s: Store, i: number): void {
  const run = generated(i);
  const at = (ms: number): string => new Date(run.startedAt + ms).toISOString();
  const id = s.runs.start('timer', at(0));
  s.audit.record({ at: at(100), accountId: ACCOUNT, action: 'calendar.list', outcome: 'ok', detail: { events: 0, full: false } });
  for (let w = 0; w < run.calendarOk - 1; w++) s.audit.record({ at: at(200 + w), accountId: ACCOUNT, action: 'calendar.update', outcome: 'ok', detail: { attempt: 1 } });
  if (run.calendarFailed) s.audit.record({ at: at(300), accountId: ACCOUNT, action: 'calendar.update', outcome: 'failed', detail: { error: 'provider_unavailable' } });
  if (i % 6 === 0) s.audit.record({ at: at(50), accountId: ACCOUNT, action: 'token.refresh', outcome: 'ok', detail: {} });
  const stats = { ...emptyStats(), latenciesMs: run.latencies, requests: { copilot: run.copilotRequests, provider: run.providerRequests } };
  s.runs.finish(id, run.outcome, stats, at(2_000));
  s.maintenance(new Date(run.startedAt + 3_000));
}

/** The year: runs 0 … n-1, one transaction per simulated day, plus the user's own actions on the way. */
function liveAYear(s: Store): { runs: number; end: number } {
  const runs = 365 * RUNS_PER_DAY;
  const record = (dayIndex: number, action: string, outcome: 'ok' | 'failed' | 'info'): void =>
    s.audit.record({ at: new Date(START + dayIndex * DAY + 1_000).toISOString(), accountId: action.startsWith('copilot') ? null : ACCOUNT, action, outcome, detail: {} });
  for (let day = 0; day < 365; day++) {
    s.tx(() => {
      if (day === 0) for (const action of ['copilot.signin', 'connect', 'calendar.target']) record(day, action, 'ok');
      if (day === 100) record(day, 'token.refresh', 'failed'); // access lost…
      if (day === 101) record(day, 'connect', 'ok'); // …and granted again
      if (day % 30 === 15) record(day, 'preferences', 'info');
      for (let i = day * RUNS_PER_DAY; i < (day + 1) * RUNS_PER_DAY; i++) recordRun(s, i);
    });
  }
  return { runs, end: START + runs * RUN_EVERY_MS };
}

/** The metrics the window should show, from the generator: whole UTC days from the first one starting inside the window. */
function expectedMetrics(runs: number, now: number) {
  const windowStart = now - 7 * DAY;
  const firstDay = Math.ceil(windowStart / DAY) * DAY;
  const inWindow = Array.from({ length: runs }, (_, i) => generated(i)).filter((r) => r.startedAt >= firstDay);
  const latencies = inWindow.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const requests = inWindow.reduce((n, r) => n + r.copilotRequests + r.providerRequests, 0);
  return {
    runs: inWindow.length,
    successes: inWindow.reduce((n, r) => n + r.calendarOk, 0),
    failures: inWindow.reduce((n, r) => n + r.calendarFailed, 0),
    averageLatencyMs: Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
    exactP95: latencies[Math.ceil(latencies.length * 0.95) - 1] ?? 0,
    averageRequestsPerRun: Math.round((requests / inWindow.length) * 10) / 10,
  };
}

describe('retention of sync_runs and audit_log', () => {
  it('keeps a year of syncing bounded, the user record long, and the metrics right', () => {
    const s = openStore();
    const { runs, end } = liveAYear(s);
    const now = new Date(end);

    // Raw runs: from UTC midnight RAW_RUN_DAYS ago, plus up to a day since the last maintenance.
    expect(s.runs.count()).toBeGreaterThanOrEqual(RAW_RUN_DAYS * RUNS_PER_DAY);
    expect(s.runs.count()).toBeLessThanOrEqual((RAW_RUN_DAYS + 2) * RUNS_PER_DAY);
    expect(s.rollups.runDaysFrom('').length).toBeLessThanOrEqual(365);
    const rolled = s.rollups.runDaysFrom('').reduce((n, d) => n + d.runs, 0);
    expect(rolled + s.runs.count()).toBe(runs); // every run is in exactly one place

    // Audit: per-run rows for ROUTINE_AUDIT_DAYS (+1 day between maintenances), the user's record all year.
    const perDayAudit = RUNS_PER_DAY * 2.5;
    expect(s.audit.count()).toBeLessThan((ROUTINE_AUDIT_DAYS + 1) * perDayAudit);
    const all = s.audit.list({ limit: 1_000_000 });
    const oldest = all.at(-1)?.at ?? '';
    const routine = all.filter((e) => ['calendar.list', 'calendar.update'].includes(e.action) || (e.action === 'token.refresh' && e.outcome === 'ok'));
    expect(routine.every((e) => Date.parse(e.at) >= end - (ROUTINE_AUDIT_DAYS + 1) * DAY)).toBe(true);
    const record = all.filter((e) => !routine.includes(e)).map((e) => `${e.at.slice(0, 10)} ${e.action} ${e.outcome}`);
    expect(record).toContain('2025-03-01 copilot.signin ok');
    expect(record).toContain('2025-03-01 connect ok');
    expect(record).toContain('2025-03-01 calendar.target ok');
    expect(record).toContain('2025-06-09 token.refresh failed');
    expect(record.filter((r) => r.includes('preferences'))).toHaveLength(12);
    expect(oldest.slice(0, 10)).toBe('2025-03-01');

    // Metrics: roll-ups for the older days of the window, raw rows for the last ones.
    const m = computeMetrics(s, now);
    const want = expectedMetrics(runs, end);
    expect(m.runs).toBe(want.runs);
    expect(m.perProvider).toEqual({ google: { successes: want.successes, failures: want.failures } });
    expect(m.averageLatencyMs).toBe(want.averageLatencyMs);
    expect(m.averageRequestsPerRun).toBe(want.averageRequestsPerRun);
    expect(m.p95LatencyMs).toBeGreaterThanOrEqual(want.exactP95);
    expect(m.p95LatencyMs).toBeLessThanOrEqual(Math.ceil(want.exactP95 * 1.19));
    expect(m.connectedCalendars).toBe(1);
  }, 120_000);

  it('still raises the failure notification on recent rows after maintenance', () => {
    const s = openStore();
    s.tx(() => {
      for (let i = 0; i < 38 * RUNS_PER_DAY; i++) recordRun(s, i);
    });
    const now = START + 40 * DAY; // two quiet days since the last run, so maintenance is due
    const iso = (ms: number): string => new Date(ms).toISOString();
    expect(failureNotification(s, new Date(now))).toBeNull();
    for (let k = 0; k < 6; k++) s.audit.record({ at: iso(now - 50 * 60_000 + k * 60_000), accountId: ACCOUNT, action: 'calendar.update', outcome: 'failed', detail: {} });
    expect(s.maintenance(new Date(now)).ran).toBe(true);
    expect(computeMetrics(s, new Date(now)).failuresLastHour).toBe(6);
    expect(failureNotification(s, new Date(now))?.message).toMatch(/failed 6 times in the last hour/);
  });

  it('works at most once a day, and again after the clock is set back', () => {
    const s = openStore();
    s.tx(() => {
      for (let i = 0; i < 5 * RUNS_PER_DAY; i++) s.runs.start('timer', new Date(START + i * RUN_EVERY_MS).toISOString());
    });
    const day5 = START + 5 * DAY;
    const first = s.maintenance(new Date(day5));
    expect(first).toMatchObject({ ran: true, runsRolledUp: 3 * RUNS_PER_DAY });
    s.runs.start('timer', new Date(day5 + 60_000).toISOString());
    expect(s.maintenance(new Date(day5 + DAY - 1)).ran).toBe(false);
    expect(s.maintenance(new Date(day5 + DAY))).toMatchObject({ ran: true, runsRolledUp: RUNS_PER_DAY });
    expect(s.maintenance(new Date(day5 - DAY)).ran).toBe(true); // clock set back: not stuck for a day
    // Runs that never finished (the app was killed) are rolled up as such.
    expect(s.rollups.runDay('2025-03-01')).toMatchObject({ runs: RUNS_PER_DAY, unfinished: RUNS_PER_DAY, ok: 0 });
  });

  it('keeps the newest run however old, so getState still shows the last sync after weeks away', () => {
    const s = openStore();
    const id = s.runs.start('timer', new Date(START).toISOString());
    s.runs.finish(id, 'ok', emptyStats(), new Date(START + 2_000).toISOString());
    expect(s.maintenance(new Date(START + 30 * DAY)).runsRolledUp).toBe(0);
    expect(s.runs.last()).toMatchObject({ id, outcome: 'ok', startedAt: new Date(START).toISOString() });
    // Once a newer run exists, the old one is rolled up into its own day, added to what that day had.
    s.rollups.addRunDay({ ...emptyRunDayFor('2025-03-01'), runs: 5, ok: 5 });
    const next = s.runs.start('timer', new Date(START + 31 * DAY).toISOString());
    expect(s.maintenance(new Date(START + 31 * DAY + 1)).runsRolledUp).toBe(1);
    expect(s.runs.last()?.id).toBe(next);
    expect(s.rollups.runDay('2025-03-01')).toMatchObject({ runs: 6, ok: 6 });
  });

  it("reads the last run with one primary-key lookup, whatever the table's size", () => {
    const s = openStore();
    const ids = s.tx(() => Array.from({ length: 5_000 }, (_, i) => s.runs.start('timer', new Date(START + i * 60_000).toISOString())));
    expect(s.runs.last()?.id).toBe(ids.at(-1));
    const plan = (s.db.prepare(`EXPLAIN QUERY PLAN ${LAST_RUN_SQL}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toContain('SEARCH sync_runs USING INTEGER PRIMARY KEY (rowid=?)');
    // max(id) is read off the end of the rowid b-tree: a SEARCH, never a SCAN of the table.
    expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
  });
});

function emptyRunDayFor(day: string) {
  return { day, runs: 0, ok: 0, partial: 0, failed: 0, stopped: 0, unfinished: 0, copilotRequests: 0, providerRequests: 0, latencyCount: 0, latencySumMs: 0, latencyHist: {} };
}
