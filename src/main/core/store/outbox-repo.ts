// Pending writes. Each is written in the same transaction as the decision that
// caused it and removed in the same transaction as the acknowledgement's effect,
// so a crash anywhere leaves either the intent or its result, never neither.
import { z } from 'zod';
import { prepared, type Db } from './database';

export const OutboxOpKind = z.enum(['create', 'update', 'delete', 'copilot_put']);
export type OutboxOpKind = z.infer<typeof OutboxOpKind>;

export const CopilotPutPayload = z.object({
  applicationId: z.number().int(),
  patch: z.object({ interview_date: z.string().nullable().optional(), follow_up_date: z.string().nullable().optional() }),
  /** The calendar's state being pushed back, to record as the new base on ack. */
  remoteHash: z.string().nullable(),
  remoteId: z.string().nullable(),
  etag: z.string().nullable(),
  /** The calendar account whose event moved (null when no calendar is involved). */
  accountId: z.string().nullable().optional(),
});
export type CopilotPutPayload = z.infer<typeof CopilotPutPayload>;

export const ProviderOpPayload = z.object({
  /** Write without If-Match (the user chose Career Copilot's version). */
  force: z.boolean().optional(),
  /** Create: the event left in the calendar the account used before, deleted once the new one exists. */
  moveFrom: z.object({ calendarId: z.string(), remoteId: z.string(), revision: z.string().nullable() }).optional(),
  /** Create, second half of a move: the new event exists and is recorded; only the old one is left to delete. */
  deleteOld: z.object({ calendarId: z.string(), remoteId: z.string() }).optional(),
});
export type ProviderOpPayload = z.infer<typeof ProviderOpPayload>;

export interface OutboxEntry {
  id: number;
  key: string;
  accountId: string | null;
  sourceId: string;
  op: OutboxOpKind;
  payload: unknown;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  failed: boolean;
  createdAt: string;
  seenChangeAt: string | null;
  /** Bumped each time a newer decision replaces the row; an ack must name the one it sent. */
  revision: number;
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  account_id: string | null;
  source_id: string;
  op: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  failed: number;
  created_at: string;
  seen_change_at: string | null;
  revision: number;
}

function fromRow(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    key: r.idempotency_key,
    accountId: r.account_id,
    sourceId: r.source_id,
    op: OutboxOpKind.parse(r.op),
    payload: JSON.parse(r.payload) as unknown,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    failed: r.failed === 1,
    createdAt: r.created_at,
    seenChangeAt: r.seen_change_at,
    revision: r.revision,
  };
}

export function outboxKey(op: OutboxOpKind, accountId: string | null, sourceId: string): string {
  // One pending calendar write per link, one pending Career Copilot write per item:
  // a newer decision replaces an older one instead of queueing behind it.
  return op === 'copilot_put' ? `copilot|${sourceId}` : `${accountId ?? ''}|${sourceId}`;
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  enqueue(entry: { op: OutboxOpKind; accountId: string | null; sourceId: string; payload: unknown; now: string; seenChangeAt?: string | null }): void {
    prepared(this.db, 
        `INSERT INTO outbox (idempotency_key, account_id, source_id, op, payload, attempts, next_attempt_at, created_at, seen_change_at)
         VALUES (@key, @accountId, @sourceId, @op, @payload, 0, @now, @now, @seen)
         ON CONFLICT(idempotency_key) DO UPDATE SET op = excluded.op, payload = excluded.payload, attempts = 0,
           next_attempt_at = excluded.next_attempt_at, last_error = NULL, failed = 0, revision = outbox.revision + 1,
           seen_change_at = coalesce(outbox.seen_change_at, excluded.seen_change_at)`,
      )
      .run({
        key: outboxKey(entry.op, entry.accountId, entry.sourceId),
        accountId: entry.accountId,
        sourceId: entry.sourceId,
        op: entry.op,
        payload: JSON.stringify(entry.payload ?? {}),
        now: entry.now,
        seen: entry.seenChangeAt ?? entry.now,
      });
  }

  /**
   * Ids of due entries after `afterId`, oldest first, at most `limit`: a run walks
   * the queue a page of ids at a time and reads each entry as it sends it, so no
   * page of entries stays alive across the writes (DESIGN.md, "Memory").
   */
  dueIdsAfter(now: string, afterId: number, limit: number): number[] {
    return prepared(this.db, 'SELECT id FROM outbox WHERE failed = 0 AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT ?').pluck().all(now, afterId, limit) as number[];
  }

  /** The entry with this id if it is still due (null once acked, rescheduled or failed). */
  due(now: string, id: number): OutboxEntry | null {
    const row = prepared(this.db, 'SELECT * FROM outbox WHERE id = ? AND failed = 0 AND next_attempt_at <= ?').get(id, now) as OutboxRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** How many entries are due, per account and kind (to count a run's work without loading it). */
  dueCounts(now: string): { accountId: string | null; copilot: boolean; count: number }[] {
    const rows = prepared(
      this.db,
      "SELECT account_id, op = 'copilot_put' AS copilot, count(*) AS n FROM outbox WHERE failed = 0 AND next_attempt_at <= ? GROUP BY account_id, op = 'copilot_put'",
    ).all(now) as { account_id: string | null; copilot: number; n: number }[];
    return rows.map((r) => ({ accountId: r.account_id, copilot: r.copilot === 1, count: r.n }));
  }

  all(): OutboxEntry[] {
    return (prepared(this.db, 'SELECT * FROM outbox ORDER BY id').all() as OutboxRow[]).map(fromRow);
  }

  get(id: number): OutboxEntry | null {
    const row = prepared(this.db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row ? fromRow(row) : null;
  }

  forLink(accountId: string, sourceId: string): OutboxEntry | null {
    const row = prepared(this.db, 'SELECT * FROM outbox WHERE idempotency_key = ?').get(outboxKey('create', accountId, sourceId)) as
      | OutboxRow
      | undefined;
    return row ? fromRow(row) : null;
  }

  remove(id: number): void {
    prepared(this.db, 'DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Source ids with a write queued for this account, or a Career Copilot write (the planner leaves those alone). */
  busySourceIds(accountId: string): Set<string> {
    const rows = prepared(this.db, "SELECT DISTINCT source_id FROM outbox WHERE account_id = ? OR op = 'copilot_put'").all(accountId) as { source_id: string }[];
    return new Set(rows.map((r) => r.source_id));
  }

  /** Applications with a Career Copilot write on its way. */
  sendingApplicationIds(): Set<number> {
    const rows = prepared(this.db, "SELECT payload FROM outbox WHERE op = 'copilot_put'").all() as { payload: string }[];
    const ids = new Set<number>();
    for (const r of rows) {
      const id = (JSON.parse(r.payload) as { applicationId?: unknown }).applicationId;
      if (typeof id === 'number') ids.add(id);
    }
    return ids;
  }

  /** Records progress inside one entry (same revision: it is still the decision that was sent). */
  setPayload(entry: Pick<OutboxEntry, 'id' | 'revision'>, payload: unknown): boolean {
    return prepared(this.db, 'UPDATE outbox SET payload = ? WHERE id = ? AND revision = ?').run(JSON.stringify(payload), entry.id, entry.revision).changes === 1;
  }

  /** Compare-and-set acknowledgement: removes the row only if it is still the one that was sent. */
  ack(entry: Pick<OutboxEntry, 'id' | 'revision'>): boolean {
    return prepared(this.db, 'DELETE FROM outbox WHERE id = ? AND revision = ?').run(entry.id, entry.revision).changes === 1;
  }

  /** Still the row that was sent (not replaced by a newer decision, not removed)? */
  isCurrent(entry: Pick<OutboxEntry, 'id' | 'revision'>): boolean {
    return prepared(this.db, 'SELECT 1 FROM outbox WHERE id = ? AND revision = ?').get(entry.id, entry.revision) !== undefined;
  }

  forSource(sourceId: string): OutboxEntry[] {
    return (prepared(this.db, 'SELECT * FROM outbox WHERE source_id = ? ORDER BY id').all(sourceId) as OutboxRow[]).map(fromRow);
  }

  removeForAccount(accountId: string): void {
    prepared(this.db, 'DELETE FROM outbox WHERE account_id = ? AND op != ?').run(accountId, 'copilot_put');
  }

  /** Records a failed attempt, compare-and-set like an ack: a row replaced meanwhile starts afresh. */
  reschedule(entry: Pick<OutboxEntry, 'id' | 'revision'>, nextAttemptAt: string, lastError: string, failed: boolean): void {
    prepared(this.db, 'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, failed = ? WHERE id = ? AND revision = ?')
      .run(nextAttemptAt, lastError, failed ? 1 : 0, entry.id, entry.revision);
  }

  /** Puts failed and waiting operations back in line now (the user pressed Retry). */
  retryAll(now: string): number {
    return prepared(this.db, 'UPDATE outbox SET failed = 0, next_attempt_at = ? WHERE failed = 1 OR next_attempt_at > ?').run(now, now)
      .changes;
  }

  /** How many wait and how many gave up; and the soonest retry still to come (after a Retry-After, say). */
  counts(now?: string): { pending: number; failed: number; nextAttemptAt: string | null } {
    const r = prepared(this.db, 'SELECT sum(failed = 0) AS pending, sum(failed = 1) AS failed, min(CASE WHEN failed = 0 AND next_attempt_at > ? THEN next_attempt_at END) AS next FROM outbox')
      .get(now ?? '') as { pending: number | null; failed: number | null; next: string | null };
    return { pending: r.pending ?? 0, failed: r.failed ?? 0, nextAttemptAt: now ? r.next : null };
  }
}
