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

/**
 * The newest run, found through the primary key alone: max(id) is read off the
 * end of the rowid b-tree and the row fetched by rowid, one row however many runs
 * there are (test/integration/retention.test.ts checks the query plan).
 */
export const LAST_RUN_SQL = 'SELECT * FROM sync_runs WHERE id = (SELECT max(id) FROM sync_runs)';

/** Old runs for the roll-up, the newest run excepted: getState shows it however old it is. */
const OLD_RUNS_WHERE = 'started_at < ? AND id < (SELECT max(id) FROM sync_runs)';

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  outcome: RunOutcome | null;
  trigger: string;
  stats: string;
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
    return (prepared(this.db, 'SELECT * FROM sync_runs WHERE started_at >= ? ORDER BY id').all(isoTime) as RunRow[]).map(toRecord);
  }

  last(): RunRecord | null {
    const row = prepared(this.db, LAST_RUN_SQL).get() as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /**
   * Calls `visit` for each run started before `isoTime` but the newest, one row in
   * memory at a time. No other statement may run on this database inside `visit`.
   */
  forEachOlderThan(isoTime: string, visit: (run: RunRecord) => void): void {
    for (const row of prepared(this.db, `SELECT * FROM sync_runs WHERE ${OLD_RUNS_WHERE}`).iterate(isoTime)) visit(toRecord(row as RunRow));
  }

  /** Deletes exactly the runs forEachOlderThan visits; returns how many. */
  deleteOlderThan(isoTime: string): number {
    return prepared(this.db, `DELETE FROM sync_runs WHERE ${OLD_RUNS_WHERE}`).run(isoTime).changes;
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM sync_runs').get() as { n: number }).n;
  }
}

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    trigger: r.trigger,
    stats: { ...emptyStats(), ...(JSON.parse(r.stats) as Partial<RunStats>) },
  };
}
