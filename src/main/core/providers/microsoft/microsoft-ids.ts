// The identifiers the Microsoft provider derives: the extended property that
// tags our events (a String property in our own GUID namespace, invisible in
// Outlook), the transactionId that makes a create idempotent (derived from the
// create key and the calendar, so a retried create makes one event and a create
// in another calendar is not mistaken for it), and the cursor, which keeps the
// deltaLink together with the window and calendar it was made for.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseJsonAs } from '../../../../shared/parse-json';
import type { ListingWindow } from '../provider';
import { SOURCE_TAG } from '../provider';

/** Fixed for ever: events written with it are found by it. */
const PROPERTY_NAMESPACE = '{14a22bc9-0602-43df-b37f-521cb5ffc0fb}';
export const SOURCE_PROPERTY_ID = `String ${PROPERTY_NAMESPACE} Name ${SOURCE_TAG}`;

/** The documented way to read one extended property with an event. */
export const EXPAND_SOURCE_PROPERTY = `singleValueExtendedProperties($filter=id eq '${SOURCE_PROPERTY_ID}')`;

/** A GUID-shaped digest of the create key: stable, and no key text leaks into the mailbox. */
export function transactionIdFor(key: string, calendarId: string): string {
  const h = createHash('sha256').update(`ccal-create\n${calendarId}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const Cursor = z.object({
  v: z.literal(1),
  calendarId: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  deltaLink: z.url(),
});
export type DeltaCursor = z.infer<typeof Cursor>;

export function encodeCursor(cursor: Omit<DeltaCursor, 'v'>): string {
  return JSON.stringify({ v: 1, ...cursor });
}

/** Null when the text is not a cursor of ours (another provider's, or damaged). */
export function decodeCursor(text: string | null): DeltaCursor | null {
  return text === null ? null : parseJsonAs(Cursor, text);
}

export function sameWindow(a: ListingWindow, b: ListingWindow): boolean {
  return Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);
}
