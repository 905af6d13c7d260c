// The activity log: connect, disconnect, token refresh, revoke and every outbound
// attempt. Details are scrubbed before they are stored: no secret is ever written.
import { prepared, type Db } from './database';
import { scrubSecrets } from '../telemetry/redact';

export interface AuditEntry {
  id: number;
  at: string;
  accountId: string | null;
  action: string;
  outcome: 'ok' | 'failed' | 'info';
  detail: Record<string, unknown>;
}

/**
 * The user's own record (DESIGN §8): signing in and out, connecting, choosing a
 * calendar, disconnecting, revoking, preferences, conflict choices, and a token
 * refresh that failed (access lost). Retention keeps these far longer than the
 * per-run rows (listings, outbound attempts, polls), which arrive every minute.
 */
export const RECORD_ACTIONS: readonly string[] = [
  'copilot.signin',
  'copilot.signout',
  'connect',
  'disconnect',
  'revoke',
  'calendar.target',
  'preferences',
  'conflict.resolve',
];

/** SQL for "this row is part of the user's record"; bound to the RECORD_ACTIONS JSON. */
const IS_RECORD = "(action IN (SELECT value FROM json_each(@recordActions)) OR (action = 'token.refresh' AND outcome = 'failed'))";

/** Rows the metrics count per provider: every calendar.* action of an account. */
const IS_CALENDAR = "account_id IS NOT NULL AND substr(action, 1, 9) = 'calendar.'";

export interface CalendarOutcomeCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  accountId: string;
  outcome: AuditEntry['outcome'];
  n: number;
}

export class AuditRepo {
  constructor(private readonly db: Db) {}

  record(e: Omit<AuditEntry, 'id'>): void {
    prepared(this.db, 'INSERT INTO audit_log (at, account_id, action, outcome, detail) VALUES (?, ?, ?, ?, ?)')
      .run(e.at, e.accountId, e.action, e.outcome, scrubSecrets(JSON.stringify(e.detail)));
  }

  list(opts: { since?: string; limit?: number } = {}): AuditEntry[] {
    const rows = prepared(this.db, 'SELECT * FROM audit_log WHERE at >= ? ORDER BY id DESC LIMIT ?')
      .all(opts.since ?? '', opts.limit ?? 200) as {
      id: number;
      at: string;
      account_id: string | null;
      action: string;
      outcome: AuditEntry['outcome'];
      detail: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      accountId: r.account_id,
      action: r.action,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }

  failuresSince(iso: string): number {
    return (prepared(this.db, "SELECT count(*) AS n FROM audit_log WHERE outcome = 'failed' AND at >= ?").get(iso) as { n: number }).n;
  }

  /** calendar.* rows with `from` ≤ at < `to` (`to` null: no end), counted per day, account and outcome. */
  calendarOutcomes(from: string, to: string | null): CalendarOutcomeCount[] {
    return prepared(
      this.db,
      `SELECT substr(at, 1, 10) AS day, account_id AS accountId, outcome, count(*) AS n FROM audit_log
       WHERE at >= @from AND (@to IS NULL OR at < @to) AND ${IS_CALENDAR} GROUP BY day, account_id, outcome`,
    ).all({ from, to }) as CalendarOutcomeCount[];
  }

  /** Deletes per-run rows older than `routineBefore` and record rows older than `recordBefore`; returns how many. */
  prune(routineBefore: string, recordBefore: string): number {
    const recordActions = JSON.stringify(RECORD_ACTIONS);
    const routine = prepared(this.db, `DELETE FROM audit_log WHERE at < @before AND NOT ${IS_RECORD}`).run({ before: routineBefore, recordActions }).changes;
    return routine + prepared(this.db, 'DELETE FROM audit_log WHERE at < @before').run({ before: recordBefore }).changes;
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  }
}
