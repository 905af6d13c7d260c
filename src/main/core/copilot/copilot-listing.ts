// Reading a listing (applications, jobs) one record at a time: a record that fails
// the schema is reported with its id and a short reason, and the others still sync.
// Offset paging can show a row twice when data shifts between pages, so records
// are kept by id and the later read wins.
import type { z } from 'zod';
import { stableHash } from '../sync/hash';
import type { RejectedRecord } from './copilot-types';

type Entry<T> = { ok: true; record: T } | { ok: false; rejected: RejectedRecord };

export class ListingCollector<T> {
  private readonly byId = new Map<number, Entry<T>>();
  /** Records without a readable id cannot be deduplicated; each is reported. */
  private readonly anonymous: RejectedRecord[] = [];

  constructor(private readonly schema: z.ZodType<T>) {}

  /** Adds one page; returns how many ids it added that earlier pages did not have. */
  addPage(elements: unknown[]): number {
    let fresh = 0;
    for (const element of elements) {
      const id = readableId(element);
      const parsed = this.schema.safeParse(element);
      const entry: Entry<T> = parsed.success ? { ok: true, record: parsed.data } : { ok: false, rejected: { id, reason: rejectionReason(parsed.error), fingerprint: stableHash(element) } };
      if (id === null) {
        if (!entry.ok) this.anonymous.push(entry.rejected);
        continue;
      }
      if (!this.byId.has(id)) fresh += 1;
      this.byId.set(id, entry);
    }
    return fresh;
  }

  result(): { records: T[]; rejected: RejectedRecord[] } {
    const records: T[] = [];
    const rejected: RejectedRecord[] = [];
    for (const entry of this.byId.values()) {
      if (entry.ok) records.push(entry.record);
      else rejected.push(entry.rejected);
    }
    return { records, rejected: [...rejected, ...this.anonymous] };
  }
}

/** The record's id when it is a usable one, whatever else is wrong with it. */
export function readableId(element: unknown): number | null {
  if (typeof element !== 'object' || element === null) return null;
  const id = (element as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

const PROBLEM: Record<string, string> = {
  invalid_type: 'wrong type',
  invalid_value: 'unknown value',
  invalid_format: 'bad format',
  too_big: 'too long',
  too_small: 'too short',
};

/**
 * A short reason naming the fields, e.g. "status: unknown value; notes: too long".
 * Values are never quoted: they can be huge or personal.
 */
export function rejectionReason(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.map(String).join('.') || 'record';
    return `${field}: ${PROBLEM[issue.code] ?? 'invalid'}`;
  });
  const more = error.issues.length > 3 ? `; ${error.issues.length - 3} more` : '';
  return `${parts.join('; ')}${more}`;
}
