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
}
