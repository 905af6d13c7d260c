import { prepared, type Db } from './database';
import { AccountStatus, ProviderKind, type AccountView } from '../../../shared/domain';

interface AccountRow {
  id: string;
  provider: string;
  email: string;
  scopes: string;
  status: string;
  calendar_id: string;
  last_sync_at: string | null;
  last_error: string | null;
}

function fromRow(r: AccountRow): AccountView {
  return {
    id: r.id,
    provider: ProviderKind.parse(r.provider),
    email: r.email,
    scopes: JSON.parse(r.scopes) as string[],
    status: AccountStatus.parse(r.status),
    calendarId: r.calendar_id,
    lastSyncAt: r.last_sync_at,
    lastError: r.last_error,
  };
}

export class AccountsRepo {
  constructor(private readonly db: Db) {}

  all(): AccountView[] {
    return (prepared(this.db, 'SELECT * FROM accounts ORDER BY created_at').all() as AccountRow[]).map(fromRow);
  }

  get(id: string): AccountView | null {
    const row = prepared(this.db, 'SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row ? fromRow(row) : null;
  }

  upsert(a: { id: string; provider: string; email: string; scopes: string[]; calendarId: string; now: string }): void {
    prepared(this.db, 
        `INSERT INTO accounts (id, provider, email, scopes, status, calendar_id, created_at)
         VALUES (@id, @provider, @email, @scopes, 'connected', @calendarId, @now)
         ON CONFLICT(id) DO UPDATE SET scopes = excluded.scopes, status = 'connected', last_error = NULL`,
      )
      .run({ ...a, scopes: JSON.stringify(a.scopes) });
  }

  setStatus(id: string, status: AccountStatus, lastError: string | null): void {
    prepared(this.db, 'UPDATE accounts SET status = ?, last_error = ? WHERE id = ?').run(status, lastError, id);
  }

  setCalendar(id: string, calendarId: string): void {
    prepared(this.db, 'UPDATE accounts SET calendar_id = ? WHERE id = ?').run(calendarId, id);
  }

  markSynced(id: string, at: string): void {
    prepared(this.db, "UPDATE accounts SET last_sync_at = ?, last_error = NULL, status = 'connected' WHERE id = ?").run(at, id);
  }

  remove(id: string): void {
    prepared(this.db, 'DELETE FROM accounts WHERE id = ?').run(id);
  }
}
