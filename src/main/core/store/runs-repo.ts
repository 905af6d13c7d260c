import { prepared, type Db } from './database';

export interface RunStats {
  itemsSeen: number;
  rejected: number;
  created: number;
  updated: number;
  deleted: number;
  pulled: number;
  conflicts: number;
  failures: number;
  requests: { copilot: number; provider: number };
  /** Milliseconds from a change being seen to the provider acknowledging it. */
  latenciesMs: number[];
  errors: string[];
}

export function emptyStats(): RunStats {
  return {
    itemsSeen: 0,
    rejected: 0,
    created: 0,
    updated: 0,
    deleted: 0,
    pulled: 0,
    conflicts: 0,
    failures: 0,
    requests: { copilot: 0, provider: 0 },
    latenciesMs: [],
    errors: [],
  };
}

export type RunOutcome = 'ok' | 'partial' | 'failed' | 'stopped';

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome | null;
  trigger: string;
  stats: RunStats;
}

export class RunsRepo {
  constructor(private readonly db: Db) {}

  start(trigger: string, now: string): number {
    return Number(prepared(this.db, 'INSERT INTO sync_runs (started_at, trigger) VALUES (?, ?)').run(now, trigger).lastInsertRowid);
  }

  finish(id: number, outcome: RunOutcome, stats: RunStats, now: string): void {
    prepared(this.db, 'UPDATE sync_runs SET finished_at = ?, outcome = ?, stats = ? WHERE id = ?').run(now, outcome, JSON.stringify(stats), id);
  }

  since(isoTime: string): RunRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM sync_runs WHERE started_at >= ? ORDER BY id').all(isoTime) as {
      id: number;
      started_at: string;
      finished_at: string | null;
      outcome: RunOutcome | null;
      trigger: string;
      stats: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      outcome: r.outcome,
      trigger: r.trigger,
      stats: { ...emptyStats(), ...(JSON.parse(r.stats) as Partial<RunStats>) },
    }));
  }
}
