// Career Copilot records that could not be read. Each is reported once per change
// of the record (or of the reason), not on every run: a run a minute would
// otherwise trip the "more than 5 failures in an hour" alert forever.
import { prepared, type Db } from './database';

export class SkippedRecordsRepo {
  constructor(private readonly db: Db) {}

  /** Records the record's current hash; true when it is new or changed since last reported. */
  noteIfChanged(recordKey: string, hash: string, now: string): boolean {
    const row = prepared(this.db, 'SELECT hash FROM skipped_records WHERE record_key = ?').get(recordKey) as { hash: string } | undefined;
    if (row?.hash === hash) return false;
    prepared(this.db, 'INSERT INTO skipped_records (record_key, hash, reported_at) VALUES (?, ?, ?) ON CONFLICT(record_key) DO UPDATE SET hash = excluded.hash, reported_at = excluded.reported_at')
      .run(recordKey, hash, now);
    return true;
  }

  /** Forgets records that are readable again (or gone), so a relapse is reported. */
  keepOnly(recordKeys: ReadonlySet<string>): void {
    const rows = prepared(this.db, 'SELECT record_key FROM skipped_records').all() as { record_key: string }[];
    const drop = prepared(this.db, 'DELETE FROM skipped_records WHERE record_key = ?');
    for (const r of rows) if (!recordKeys.has(r.record_key)) drop.run(r.record_key);
  }
}
