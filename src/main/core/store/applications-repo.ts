// Career Copilot's applications as it last listed them. Items are derived from
// these and the preferences (sync/desired.ts), never stored, so a preference
// change re-renders without a round trip and cannot pass for a Career Copilot change.
import { prepared, type Db } from './database';
import { CopilotApplication } from '../copilot/copilot-types';

export interface StoredApplication {
  record: CopilotApplication;
  /** No longer listed by Career Copilot (deleted there): its items are cancelled. */
  gone: boolean;
}

interface Row {
  id: number;
  record: string;
  gone: number;
}

export class ApplicationsRepo {
  constructor(private readonly db: Db) {}

  all(): StoredApplication[] {
    return (prepared(this.db, 'SELECT id, record, gone FROM applications ORDER BY id').all() as Row[]).map(fromRow);
  }

  /** Up to `limit` applications with ids above `afterId`, in id order: planning reads them a page at a time. */
  pageAfter(afterId: number, limit: number): (StoredApplication & { id: number })[] {
    const rows = prepared(this.db, 'SELECT id, record, gone FROM applications WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as Row[];
    return rows.map((r) => ({ id: r.id, ...fromRow(r) }));
  }

  get(id: number): StoredApplication | null {
    const row = prepared(this.db, 'SELECT id, record, gone FROM applications WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  put(record: CopilotApplication, seenAt: string): void {
    prepared(
      this.db,
      `INSERT INTO applications (id, job_id, record, gone, seen_at) VALUES (@id, @jobId, @record, 0, @seenAt)
       ON CONFLICT(id) DO UPDATE SET job_id = excluded.job_id, record = excluded.record, gone = 0, seen_at = excluded.seen_at`,
    ).run({ id: record.id, jobId: record.job_id, record: JSON.stringify(record), seenAt });
  }

  markGone(id: number): void {
    prepared(this.db, 'UPDATE applications SET gone = 1 WHERE id = ?').run(id);
  }

  /** Every application Career Copilot has listed, gone ones too, without parsing the records. */
  knownIds(): Set<number> {
    return new Set((prepared(this.db, 'SELECT id FROM applications').all() as { id: number }[]).map((r) => r.id));
  }

  ids(): number[] {
    return (prepared(this.db, 'SELECT id FROM applications WHERE gone = 0').all() as { id: number }[]).map((r) => r.id);
  }
}

function fromRow(r: Row): StoredApplication {
  return { record: CopilotApplication.parse(JSON.parse(r.record)), gone: r.gone === 1 };
}
