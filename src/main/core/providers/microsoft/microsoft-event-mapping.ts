// EventDraft → Graph event JSON, and Graph event JSON → RemoteEvent. What
// matters here: we write the local time with the user's IANA zone (Graph accepts
// IANA names) so Outlook shows it in their zone, and we read every time in UTC
// (Prefer: outlook.timezone="UTC"), so Windows zone names ("W. Europe Standard
// Time", which Outlook desktop writes when the user moves an event) never reach
// the engine: an event's zone is its IANA originalStartTimeZone, or UTC.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { Timing } from '../../../../shared/domain';
import { InvalidInputError, ProviderError } from '../../../../shared/errors';
import type { EventDraft, RemoteEvent } from '../provider';
import { SOURCE_PROPERTY_ID, transactionIdFor } from './microsoft-ids';

const GraphDateTime = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

/** Only the fields sync reads; everything else Graph sends is ignored. */
export const GraphEventJson = z
  .object({
    id: z.string().min(1),
    '@odata.etag': z.string().nullish(),
    changeKey: z.string().nullish(),
    lastModifiedDateTime: z.string().nullish(),
    subject: z.string().nullish(),
    webLink: z.string().nullish(),
    isAllDay: z.boolean().nullish(),
    isCancelled: z.boolean().nullish(),
    start: GraphDateTime.nullish(),
    end: GraphDateTime.nullish(),
    originalStartTimeZone: z.string().nullish(),
    singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string().nullish() }).loose()).nullish(),
  })
  .loose();
export type GraphEventJson = z.infer<typeof GraphEventJson>;

/** A delta tombstone: only the id and @removed. */
export const GraphRemovedJson = z.object({ id: z.string().min(1), '@removed': z.object({ reason: z.string().nullish() }).loose() }).loose();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body of a create (with transactionId) or of a PATCH: only the fields we own. */
export function toGraphEvent(draft: EventDraft, create: { key: string; calendarId: string } | null): Record<string, unknown> {
  const reminder = draft.reminderMinutes.length > 0 ? Math.max(...draft.reminderMinutes) : null;
  return {
    subject: draft.title,
    body: { contentType: 'text', content: draft.description ?? '' },
    location: { displayName: draft.location ?? '' },
    ...graphTimes(draft.timing),
    // Outlook keeps one reminder per event: the earliest asked for.
    isReminderOn: reminder !== null,
    ...(reminder !== null ? { reminderMinutesBeforeStart: reminder } : {}),
    showAs: draft.transparency === 'transparent' ? 'free' : 'busy',
    singleValueExtendedProperties: [{ id: SOURCE_PROPERTY_ID, value: draft.sourceId }],
    ...(create ? { transactionId: transactionIdFor(create.key, create.calendarId) } : {}),
  };
}

function graphTimes(timing: Timing): Record<string, unknown> {
  if (timing.type === 'allDay') {
    const day = DateTime.fromISO(timing.date, { zone: 'utc' });
    if (!ISO_DATE.test(timing.date) || !day.isValid) throw new InvalidInputError(`"${timing.date}" is not a valid date.`);
    // All-day events run midnight to midnight in one zone; UTC keeps the date itself.
    return {
      isAllDay: true,
      start: { dateTime: `${timing.date}T00:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day.plus({ days: 1 }).toISODate() ?? timing.date}T00:00:00`, timeZone: 'UTC' },
    };
  }
  if (!IANAZone.isValidZone(timing.zone)) throw new InvalidInputError(`"${timing.zone}" is not a time zone Outlook knows.`);
  return { isAllDay: false, start: { dateTime: localTime(timing.startUtc, timing.zone), timeZone: timing.zone }, end: { dateTime: localTime(timing.endUtc, timing.zone), timeZone: timing.zone } };
}

/** The instant as wall-clock time in `zone`, without offset, as Graph wants it. */
function localTime(instant: string, zone: string): string {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  if (!local.isValid) throw new InvalidInputError(`"${instant}" is not a valid time.`);
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/** The source tag an expanded read carries, or null when the event has none. */
export function sourceTagOf(json: GraphEventJson): string | null {
  const prop = json.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === SOURCE_PROPERTY_ID.toLowerCase());
  return prop?.value ?? null;
}

export function parseGraphEvent(json: unknown): GraphEventJson {
  const parsed = GraphEventJson.safeParse(json);
  if (!parsed.success) throw microsoftBadResponse('an event that does not have the expected shape', parsed.error);
  return parsed.data;
}

/**
 * `sourceId` is what we know the tag to be (from the read's $expand, or our own
 * write); null for events the app did not create. Our own events must be
 * complete: a missing time would read as a change.
 */
export function toRemoteEvent(event: GraphEventJson, sourceId: string | null): RemoteEvent {
  const timing = timingOf(event);
  const revision = event['@odata.etag'] ?? (event.changeKey ? `W/"${event.changeKey}"` : null);
  if (sourceId !== null) {
    if (timing === null) throw microsoftBadResponse(`event ${event.id} without readable start and end times`);
    if (!revision) throw microsoftBadResponse(`event ${event.id} without an etag`);
  }
  return {
    remoteId: event.id,
    revision: revision ?? '',
    updated: event.lastModifiedDateTime ?? null,
    sourceId,
    title: event.subject ?? null,
    webLink: safeWebLink(event.webLink),
    // Only an event the app did not create can lack times (checked above); sync ignores those.
    timing: timing ?? { type: 'allDay', date: '1970-01-01' },
  };
}

/** Only an https link is ever offered to the user to open. */
function safeWebLink(link: string | null | undefined): string | null {
  return link && /^https:\/\//.test(link) ? link : null;
}

/** Null when the times are missing or not in UTC / an IANA zone. */
export function timingOf(event: Pick<GraphEventJson, 'start' | 'end' | 'isAllDay' | 'originalStartTimeZone'>): Timing | null {
  const { start, end } = event;
  if (!start || !end) return null;
  if (event.isAllDay) {
    const date = start.dateTime.slice(0, 10);
    return ISO_DATE.test(date) && DateTime.fromISO(date).isValid ? { type: 'allDay', date } : null;
  }
  const read = (t: z.infer<typeof GraphDateTime>): DateTime | null => {
    const zone = t.timeZone ?? 'UTC';
    if (!IANAZone.isValidZone(zone)) return null; // we asked for UTC; anything else is not ours to guess
    const parsed = DateTime.fromISO(t.dateTime.replace(/(\.\d{3})\d+$/, '$1'), { zone });
    return parsed.isValid ? parsed.toUTC() : null;
  };
  const s = read(start);
  const e = read(end);
  if (!s || !e) return null;
  const original = event.originalStartTimeZone;
  const zone = original && IANAZone.isValidZone(original) ? original : 'UTC';
  return { type: 'timed', startUtc: s.toISO() ?? '', endUtc: e.toISO() ?? '', zone };
}

export function microsoftBadResponse(what: string, cause?: unknown): ProviderError {
  return new ProviderError(
    'provider_bad_response',
    'Outlook sent an answer the app could not read, so nothing was changed. The app will try again later; if this keeps happening, report it.',
    { cause: cause ?? new Error(`Graph sent ${what}`), retryable: true },
  );
}
