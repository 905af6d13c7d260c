import { prepared, type Db } from './database';
import { CalendarItem, Timing } from '../../../shared/domain';

interface ItemRow {
  source_id: string;
  application_id: number;
  kind: string;
  title: string;
  timing: string;
  location: string | null;
  notes: string | null;
  cancelled: number;
  source_updated_at: string;
  hash: string;
}

function fromRow(r: ItemRow): CalendarItem {
  return CalendarItem.parse({
    sourceId: r.source_id,
    applicationId: r.application_id,
    kind: r.kind,
    title: r.title,
    timing: Timing.parse(JSON.parse(r.timing)),
    location: r.location,
    notes: r.notes,
    cancelled: r.cancelled === 1,
    sourceUpdatedAt: r.source_updated_at,
    hash: r.hash,
  });
}

export class ItemsRepo {
  constructor(private readonly db: Db) {}

  all(): CalendarItem[] {
    return (prepared(this.db, 'SELECT * FROM items ORDER BY source_id').all() as ItemRow[]).map(fromRow);
  }

  get(sourceId: string): CalendarItem | null {
    const row = prepared(this.db, 'SELECT * FROM items WHERE source_id = ?').get(sourceId) as ItemRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Inserts or replaces; returns how many rows actually changed content. */
  upsertMany(items: readonly CalendarItem[], seenAt: string): number {
    const existing = prepared(this.db, 'SELECT hash FROM items WHERE source_id = ?');
    const upsert = prepared(this.db, `
      INSERT INTO items (source_id, application_id, kind, title, timing, location, notes, cancelled, source_updated_at, hash, seen_at)
      VALUES (@source_id, @application_id, @kind, @title, @timing, @location, @notes, @cancelled, @source_updated_at, @hash, @seen_at)
      ON CONFLICT(source_id) DO UPDATE SET
        application_id = excluded.application_id, kind = excluded.kind, title = excluded.title,
        timing = excluded.timing, location = excluded.location, notes = excluded.notes,
        cancelled = excluded.cancelled, source_updated_at = excluded.source_updated_at,
        hash = excluded.hash, seen_at = excluded.seen_at`);
    let changed = 0;
    for (const item of items) {
      const prev = existing.get(item.sourceId) as { hash: string } | undefined;
      if (prev?.hash !== item.hash) changed++;
      upsert.run({
        source_id: item.sourceId,
        application_id: item.applicationId,
        kind: item.kind,
        title: item.title,
        timing: JSON.stringify(item.timing),
        location: item.location,
        notes: item.notes,
        cancelled: item.cancelled ? 1 : 0,
        source_updated_at: item.sourceUpdatedAt,
        hash: item.hash,
        seen_at: seenAt,
      });
    }
    return changed;
  }

  sourceIds(): Set<string> {
    const rows = prepared(this.db, 'SELECT source_id FROM items').all() as { source_id: string }[];
    return new Set(rows.map((r) => r.source_id));
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }
}
