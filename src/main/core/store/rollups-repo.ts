// Daily roll-ups of what the metrics need once raw rows are gone (migration 003):
// per UTC day the runs, their outcomes, requests and a latency histogram; per day
// and provider the calendar successes and failures from the audit log. Adding to
// a day merges with what is there, so a day can be rolled up in several goes.
import { prepared, type Db } from './database';
import { mergeHistograms, parseHistogram, type LatencyHistogram } from '../telemetry/latency-histogram';

export interface RunDay {
  day: string;
  runs: number;
  ok: number;
  partial: number;
  failed: number;
  stopped: number;
  unfinished: number;
  copilotRequests: number;
  providerRequests: number;
  latencyCount: number;
  latencySumMs: number;
  latencyHist: LatencyHistogram;
}

export interface CalendarDay {
  day: string;
  provider: string;
  successes: number;
  failures: number;
}

/** Everything before this instant (a UTC midnight) is counted in the roll-ups, not in raw rows. */
const ROLLED_UNTIL_KEY = 'maintenance:rolled_until';

interface RunDayRow {
  day: string;
  runs: number;
  ok: number;
  partial: number;
  failed: number;
  stopped: number;
  unfinished: number;
  copilot_requests: number;
  provider_requests: number;
  latency_count: number;
  latency_sum_ms: number;
  latency_hist: string;
}

export function emptyRunDay(day: string): RunDay {
  return { day, runs: 0, ok: 0, partial: 0, failed: 0, stopped: 0, unfinished: 0, copilotRequests: 0, providerRequests: 0, latencyCount: 0, latencySumMs: 0, latencyHist: {} };
}

export class RollupsRepo {
  constructor(private readonly db: Db) {}

  /** Adds `add` to that day's row (creating it). */
  addRunDay(add: RunDay): void {
    const existing = this.runDay(add.day) ?? emptyRunDay(add.day);
    const hist = { ...existing.latencyHist };
    mergeHistograms(hist, add.latencyHist);
    prepared(
      this.db,
      `INSERT INTO run_days (day, runs, ok, partial, failed, stopped, unfinished, copilot_requests, provider_requests, latency_count, latency_sum_ms, latency_hist)
       VALUES (@day, @runs, @ok, @partial, @failed, @stopped, @unfinished, @copilotRequests, @providerRequests, @latencyCount, @latencySumMs, @latencyHist)
       ON CONFLICT(day) DO UPDATE SET runs = excluded.runs, ok = excluded.ok, partial = excluded.partial, failed = excluded.failed, stopped = excluded.stopped,
         unfinished = excluded.unfinished, copilot_requests = excluded.copilot_requests, provider_requests = excluded.provider_requests,
         latency_count = excluded.latency_count, latency_sum_ms = excluded.latency_sum_ms, latency_hist = excluded.latency_hist`,
    ).run({
      day: add.day,
      runs: existing.runs + add.runs,
      ok: existing.ok + add.ok,
      partial: existing.partial + add.partial,
      failed: existing.failed + add.failed,
      stopped: existing.stopped + add.stopped,
      unfinished: existing.unfinished + add.unfinished,
      copilotRequests: existing.copilotRequests + add.copilotRequests,
      providerRequests: existing.providerRequests + add.providerRequests,
      latencyCount: existing.latencyCount + add.latencyCount,
      latencySumMs: existing.latencySumMs + add.latencySumMs,
      latencyHist: JSON.stringify(hist),
    });
  }

  addCalendarDay(add: CalendarDay): void {
    prepared(
      this.db,
      `INSERT INTO calendar_days (day, provider, successes, failures) VALUES (@day, @provider, @successes, @failures)
       ON CONFLICT(day, provider) DO UPDATE SET successes = successes + excluded.successes, failures = failures + excluded.failures`,
    ).run(add);
  }

  runDay(day: string): RunDay | null {
    const row = prepared(this.db, 'SELECT * FROM run_days WHERE day = ?').get(day) as RunDayRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Days on or after `day` (YYYY-MM-DD), oldest first. */
  runDaysFrom(day: string): RunDay[] {
    return (prepared(this.db, 'SELECT * FROM run_days WHERE day >= ? ORDER BY day').all(day) as RunDayRow[]).map(fromRow);
  }

  calendarDaysFrom(day: string): CalendarDay[] {
    return prepared(this.db, 'SELECT day, provider, successes, failures FROM calendar_days WHERE day >= ? ORDER BY day, provider').all(day) as CalendarDay[];
  }

  /** Drops roll-ups of days before `day`; returns how many rows went. */
  pruneBefore(day: string): number {
    const runs = prepared(this.db, 'DELETE FROM run_days WHERE day < ?').run(day).changes;
    return runs + prepared(this.db, 'DELETE FROM calendar_days WHERE day < ?').run(day).changes;
  }

  rolledUntil(): string | null {
    const row = prepared(this.db, 'SELECT value FROM kv WHERE key = ?').get(ROLLED_UNTIL_KEY) as { value: string } | undefined;
    if (!row) return null;
    const value = JSON.parse(row.value) as unknown;
    return typeof value === 'string' ? value : null;
  }

  setRolledUntil(iso: string): void {
    prepared(this.db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(ROLLED_UNTIL_KEY, JSON.stringify(iso));
  }
}

function fromRow(r: RunDayRow): RunDay {
  return {
    day: r.day,
    runs: r.runs,
    ok: r.ok,
    partial: r.partial,
    failed: r.failed,
    stopped: r.stopped,
    unfinished: r.unfinished,
    copilotRequests: r.copilot_requests,
    providerRequests: r.provider_requests,
    latencyCount: r.latency_count,
    latencySumMs: r.latency_sum_ms,
    latencyHist: parseHistogram(r.latency_hist),
  };
}
