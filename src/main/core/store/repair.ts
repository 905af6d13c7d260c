// Recovery for a damaged database: set the file aside (never delete it), start a
// fresh one, and carry over what cannot be rebuilt. Items, links and cursors come
// back from Career Copilot and the calendar (our events carry a private tag);
// calendar changes not yet sent to Career Copilot exist only here, so they are
// salvaged when the damaged file still lets us read them.
import Database from 'better-sqlite3';
import { openDatabase, setAsideDamagedDatabase } from './database';

export interface RepairResult {
  setAsideAs: string;
  salvaged: number;
  /** Null when the damaged file could not be read at all. */
  unreadable: boolean;
}

export function repairDatabase(file: string, now: Date): RepairResult {
  const aside = setAsideDamagedDatabase(file, now);
  let rows: Record<string, unknown>[] = [];
  let unreadable = false;
  try {
    const old = new Database(aside, { readonly: true, fileMustExist: true });
    try {
      rows = old.prepare("SELECT idempotency_key, account_id, source_id, op, payload, created_at, seen_change_at FROM outbox WHERE op = 'copilot_put'").all() as Record<string, unknown>[];
    } finally {
      old.close();
    }
  } catch {
    unreadable = true;
  }
  const db = openDatabase(file);
  try {
    const insert = db.prepare(
      `INSERT OR IGNORE INTO outbox (idempotency_key, account_id, source_id, op, payload, attempts, next_attempt_at, created_at, seen_change_at)
       VALUES (@idempotency_key, @account_id, @source_id, @op, @payload, 0, @created_at, @created_at, @seen_change_at)`,
    );
    db.transaction(() => {
      for (const r of rows) insert.run(r);
    })();
  } finally {
    db.close();
  }
  return { setAsideAs: aside, salvaged: rows.length, unreadable };
}
