import { prepared, type Db } from './database';
import { Timing, type ConflictChoice } from '../../../shared/domain';
import { z } from 'zod';

/** What the calendar said when the conflict was found. */
export interface CalendarSide {
  remoteId: string | null;
  updated: string | null;
  /** Deleted in the calendar. */
  gone: boolean;
  title: string | null;
  timing: Timing | null;
}

// Rows written before the status model stored a whole RemoteEvent with `cancelled`.
const StoredSide = z
  .object({
    remoteId: z.string().nullable().optional(),
    updated: z.string().nullable().optional(),
    gone: z.boolean().optional(),
    cancelled: z.boolean().optional(),
    title: z.string().nullable().optional(),
    timing: Timing.nullable().optional(),
  })
  .transform((s): CalendarSide => ({ remoteId: s.remoteId ?? null, updated: s.updated || null, gone: s.gone ?? s.cancelled ?? false, title: s.title ?? null, timing: s.timing ?? null }));

export interface ConflictRecord {
  id: number;
  accountId: string;
  sourceId: string;
  copilot: Timing | null;
  calendar: CalendarSide;
  explanation: string;
  detectedAt: string;
  resolvedAt: string | null;
  resolution: ConflictChoice | null;
}

interface ConflictRow {
  id: number;
  account_id: string;
  source_id: string;
  copilot: string;
  calendar: string;
  explanation: string;
  detected_at: string;
  resolved_at: string | null;
  resolution: ConflictChoice | null;
}

function fromRow(r: ConflictRow): ConflictRecord {
  const copilot = JSON.parse(r.copilot) as unknown;
  return {
    id: r.id,
    accountId: r.account_id,
    sourceId: r.source_id,
    copilot: copilot === null ? null : Timing.parse(copilot),
    calendar: StoredSide.parse(JSON.parse(r.calendar)),
    explanation: r.explanation,
    detectedAt: r.detected_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  };
}

export class ConflictsRepo {
  constructor(private readonly db: Db) {}

  /** Records an open conflict; a second one for the same link refreshes the first. */
  open(c: { accountId: string; sourceId: string; copilot: Timing | null; calendar: CalendarSide; explanation: string; now: string }): void {
    const existing = prepared(this.db, 'SELECT id FROM conflicts WHERE account_id = ? AND source_id = ? AND resolved_at IS NULL')
      .get(c.accountId, c.sourceId) as { id: number } | undefined;
    const args = [JSON.stringify(c.copilot), JSON.stringify(c.calendar), c.explanation];
    if (existing) {
      prepared(this.db, 'UPDATE conflicts SET copilot = ?, calendar = ?, explanation = ? WHERE id = ?').run(...args, existing.id);
    } else {
      prepared(this.db, 'INSERT INTO conflicts (account_id, source_id, copilot, calendar, explanation, detected_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.accountId, c.sourceId, ...args, c.now);
    }
  }

  openOnes(): ConflictRecord[] {
    return (prepared(this.db, 'SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY id').all() as ConflictRow[]).map(fromRow);
  }

  get(id: number): ConflictRecord | null {
    const row = prepared(this.db, 'SELECT * FROM conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
    return row ? fromRow(row) : null;
  }

  resolve(id: number, resolution: ConflictChoice, now: string): void {
    prepared(this.db, 'UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(now, resolution, id);
  }
}
