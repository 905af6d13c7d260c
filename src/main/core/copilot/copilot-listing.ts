// Reading a listing (applications, jobs) one record at a time: a record that fails
// the schema is reported with its id and a short reason, and the others still sync.
// Offset paging can show a row twice when data shifts between pages; the later
// read wins. Records are handed on as they are checked and not kept: the tally
// holds only ids and rejections, so a listing's size is not the app's memory.
import type { z } from 'zod';
import { stableHash } from '../sync/hash';
import type { ListingSummary, PageHandler, RejectedRecord } from './copilot-types';

export class ListingTally<T> {
  private readonly listed = new Set<number>();
  private readonly rejectedById = new Map<number, RejectedRecord>();
  /** Records without a readable id cannot be deduplicated; each is reported. */
  private readonly anonymous: RejectedRecord[] = [];

  constructor(private readonly schema: z.ZodType<T>) {}

  /**
   * Hands one page's good records to `onPage` and returns how many ids the page
   * added that earlier pages did not have. The records are checked as `onPage`
   * iterates, so only the record in hand is alive — a page of a hundred parsed
   * records alive at once is a pattern that can get V8 to pretenure the
   * allocation sites involved (docs/DESIGN.md, "Memory"). What `onPage` leaves unread is
   * checked afterwards, so the tally is whole either way.
   */
  addPage(elements: readonly unknown[], onPage: PageHandler<T>): number {
    let fresh = 0;
    const check = (element: unknown): T | undefined => {
      const id = readableId(element);
      const parsed = this.schema.safeParse(element);
      if (id === null) {
        if (!parsed.success) this.anonymous.push({ id, reason: rejectionReason(parsed.error), fingerprint: stableHash(element) });
        return undefined;
      }
      if (!this.listed.has(id) && !this.rejectedById.has(id)) fresh += 1;
      if (parsed.success) {
        this.listed.add(id);
        this.rejectedById.delete(id);
        return parsed.data;
      }
      this.listed.delete(id);
      this.rejectedById.set(id, { id, reason: rejectionReason(parsed.error), fingerprint: stableHash(element) });
      return undefined;
    };
    let next = 0;
    const records: Iterable<T> = {
      *[Symbol.iterator]() {
        while (next < elements.length) {
          const record = check(elements[next++]);
          if (record !== undefined) yield record;
        }
      },
    };
    onPage(records);
    while (next < elements.length) check(elements[next++]);
    return fresh;
  }

  summary(requests: number): ListingSummary {
    return { listed: this.listed, rejected: [...this.rejectedById.values(), ...this.anonymous], requests };
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
