// Reading the application listing one record at a time: a record that fails the
// schema is reported with its id and a short reason, and the others still sync.
// Offset paging can show a row twice when data shifts between pages, so records
// are kept by id and the later read wins.
import type { z } from 'zod';
import { stableHash } from '../sync/hash';
import { CopilotApplication, type ApplicationListing, type RejectedRecord } from './copilot-types';

type Entry = { ok: true; app: CopilotApplication } | { ok: false; rejected: RejectedRecord };

export class ListingCollector {
  private readonly byId = new Map<number, Entry>();
  /** Records without a readable id cannot be deduplicated; each is reported. */
  private readonly anonymous: RejectedRecord[] = [];

  /** Adds one page; returns how many ids it added that earlier pages did not have. */
  addPage(elements: unknown[]): number {
    let fresh = 0;
    for (const element of elements) {
      const id = readableId(element);
      const parsed = CopilotApplication.safeParse(element);
      const entry: Entry = parsed.success ? { ok: true, app: parsed.data } : { ok: false, rejected: { id, reason: rejectionReason(parsed.error), fingerprint: stableHash(element) } };
      if (id === null) {
        if (!entry.ok) this.anonymous.push(entry.rejected);
        continue;
      }
      if (!this.byId.has(id)) fresh += 1;
      this.byId.set(id, entry);
    }
    return fresh;
  }

  result(requests: number): ApplicationListing {
    const applications: CopilotApplication[] = [];
    const rejected: RejectedRecord[] = [];
    for (const entry of this.byId.values()) {
      if (entry.ok) applications.push(entry.app);
      else rejected.push(entry.rejected);
    }
    return { applications, rejected: [...rejected, ...this.anonymous], requests };
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
