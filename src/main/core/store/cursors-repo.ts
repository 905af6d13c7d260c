import { prepared, type Db } from './database';

export class CursorsRepo {
  constructor(private readonly db: Db) {}

  get(accountId: string, calendarId: string): string | null {
    const row = prepared(this.db, 'SELECT cursor FROM cursors WHERE account_id = ? AND calendar_id = ?').get(accountId, calendarId) as
      | { cursor: string }
      | undefined;
    return row?.cursor ?? null;
  }

  set(accountId: string, calendarId: string, cursor: string, now: string): void {
    prepared(this.db, 
        `INSERT INTO cursors (account_id, calendar_id, cursor, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(account_id, calendar_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(accountId, calendarId, cursor, now);
  }

  clear(accountId: string): void {
    prepared(this.db, 'DELETE FROM cursors WHERE account_id = ?').run(accountId);
  }
}
