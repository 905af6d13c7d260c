// EventDraft → Google event JSON (an insert body, or a patch body that touches
// only our fields), and Google event JSON → a change: a live event, or a removal.
// Google's conventions that matter here: a timed event carries a local dateTime
// with offset plus an IANA timeZone (so recurrence and DST stay right in the
// user's zone); an all-day event carries dates and its end date is exclusive; a
// deleted event is "only guaranteed to have the id field populated".
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Timing } from '../../../../shared/domain';
import { InvalidInputError, ProviderError } from '../../../../shared/errors';
import { instantMs, utcText } from '../../time/instant';
import { isKnownZone } from '../../time/known-zone';
import { SOURCE_TAG, type EventDraft, type RemoteEvent } from '../provider';

/** What Google sent for one event id, as sync reads it. */
export type GoogleEventRead =
  | { kind: 'live'; event: RemoteEvent }
  /** Deleted (status cancelled), with the tombstone's etag when it has one. */
  | { kind: 'removed'; remoteId: string; etag: string | null }
  /** An event the app did not create whose times or etag cannot be read: sync ignores it. */
  | { kind: 'foreign_unreadable'; remoteId: string };

const GoogleTime = z.object({
  date: z.string().nullish(),
  dateTime: z.string().nullish(),
  timeZone: z.string().nullish(),
});

/** Only the fields sync reads; everything else Google sends is ignored. */
export const GoogleEventJson = z.object({
  id: z.string().min(1),
  etag: z.string().nullish(),
  updated: z.string().nullish(),
  status: z.string().nullish(),
  summary: z.string().nullish(),
  htmlLink: z.string().nullish(),
  start: GoogleTime.nullish(),
  end: GoogleTime.nullish(),
  extendedProperties: z
    .object({ private: z.record(z.string(), z.string()).nullish() })
    .nullish(),
});
export type GoogleEventJson = z.infer<typeof GoogleEventJson>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body of events.insert: our fields and tag, nothing else. */
export function toGoogleEvent(draft: EventDraft): calendar_v3.Schema$Event {
  return {
    summary: draft.title,
    location: draft.location ?? undefined,
    description: draft.description ?? undefined,
    ...googleTimes(draft.timing, false),
    reminders: remindersOf(draft),
    transparency: draft.transparency,
    status: 'confirmed',
    extendedProperties: { private: { [SOURCE_TAG]: draft.sourceId } },
  };
}

/**
 * The body of events.patch: exactly the fields the app owns. Patch semantics
 * (Google's "partial update"): a field left out is kept, so the user's attendees,
 * colour, conference link and own extended properties survive; a nested object
 * merges, so a timed↔all-day switch nulls the other kind of time; an array
 * replaces; null clears, so text we no longer write (busy-only mode) is removed.
 * The private map merges too: only our tag key is written. Status is left alone
 * (a tentative mark stays; a deleted event is not revived by an update) unless
 * `revive` says so, for a create that finds its own deleted event.
 */
export function toGooglePatch(draft: EventDraft, options: { revive?: boolean } = {}): calendar_v3.Schema$Event {
  return {
    summary: draft.title,
    location: draft.location ?? null,
    description: draft.description ?? null,
    ...googleTimes(draft.timing, true),
    reminders: remindersOf(draft),
    transparency: draft.transparency,
    ...(options.revive ? { status: 'confirmed' } : {}),
    extendedProperties: { private: { [SOURCE_TAG]: draft.sourceId } },
  };
}

function remindersOf(draft: EventDraft): calendar_v3.Schema$Event['reminders'] {
  // An empty overrides array replaces the old one: no reminder at all.
  return { useDefault: false, overrides: draft.reminderMinutes.map((minutes) => ({ method: 'popup', minutes })) };
}

/** `clearOther`: for a patch, null the fields of the other kind of time so the merge drops them. */
function googleTimes(timing: Timing, clearOther: boolean): Pick<calendar_v3.Schema$Event, 'start' | 'end'> {
  if (timing.type === 'allDay') {
    const day = DateTime.fromISO(timing.date, { zone: 'utc' });
    if (!ISO_DATE.test(timing.date) || !day.isValid) throw new InvalidInputError(`"${timing.date}" is not a valid date.`);
    const clear = clearOther ? { dateTime: null, timeZone: null } : {};
    return { start: { date: timing.date, ...clear }, end: { date: day.plus({ days: 1 }).toISODate(), ...clear } };
  }
  if (!isKnownZone(timing.zone)) throw new InvalidInputError(`"${timing.zone}" is not a time zone Google Calendar knows.`);
  const clear = clearOther ? { date: null } : {};
  return {
    start: { dateTime: localIso(timing.startUtc, timing.zone), timeZone: timing.zone, ...clear },
    end: { dateTime: localIso(timing.endUtc, timing.zone), timeZone: timing.zone, ...clear },
  };
}

/** The instant as local time with offset in `zone`, e.g. 2026-03-29T03:30:00+02:00. */
function localIso(instant: string, zone: string): string {
  // From epoch milliseconds where the text carries its offset (instant.ts): luxon's
  // ISO parser was the costliest part of a write. Anything else is luxon's to read.
  const ms = instantMs(instant);
  const local = ms === null ? DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone) : DateTime.fromMillis(ms, { zone });
  const text = local.isValid ? local.toISO({ suppressMilliseconds: true }) : null;
  if (text === null) throw new InvalidInputError(`"${instant}" is not a valid time.`);
  return text;
}

/** Enough to recognise a tombstone, whatever else it carries or lacks. */
const GoogleTombstone = z.object({
  id: z.string().min(1),
  status: z.literal('cancelled'),
  etag: z.string().min(1).nullish().catch(null),
});

/**
 * Reads one event from Google. A cancelled event is a removal whatever else it
 * has. Throws provider_bad_response when the JSON has no id, or when one of our
 * own live events lacks what sync needs (times, etag): sync would otherwise read
 * a missing time as a change.
 */
export function readGoogleEvent(json: unknown): GoogleEventRead {
  const tombstone = GoogleTombstone.safeParse(json);
  if (tombstone.success) return { kind: 'removed', remoteId: tombstone.data.id, etag: tombstone.data.etag ?? null };
  const parsed = GoogleEventJson.safeParse(json);
  if (!parsed.success) throw badResponse('an event that does not have the expected shape', parsed.error);
  const event = parsed.data;
  const sourceId = event.extendedProperties?.private?.[SOURCE_TAG] ?? null;
  const timing = timingOf(event);
  if (timing === null || !event.etag) {
    if (sourceId === null) return { kind: 'foreign_unreadable', remoteId: event.id };
    throw badResponse(timing === null ? `event ${event.id} without readable start and end times` : `event ${event.id} without an etag`);
  }
  return {
    kind: 'live',
    event: {
      remoteId: event.id,
      revision: event.etag,
      updated: event.updated ?? null,
      sourceId,
      title: event.summary ?? null,
      webLink: event.htmlLink && /^https:\/\//.test(event.htmlLink) ? event.htmlLink : null,
      timing,
    },
  };
}

/** A live event we can use, or provider_bad_response (for answers that must be one, e.g. an insert). */
export function toLiveEvent(json: unknown): RemoteEvent {
  const read = readGoogleEvent(json);
  if (read.kind === 'live') return read.event;
  throw badResponse(read.kind === 'removed' ? `a cancelled event ${read.remoteId} where a live one was expected` : `event ${read.remoteId} without readable times or etag`);
}

/** Null when the event has no (readable) times, e.g. a cancelled tombstone. */
export function timingOf(event: Pick<GoogleEventJson, 'start' | 'end'>): Timing | null {
  const { start, end } = event;
  if (start?.dateTime) {
    if (!end?.dateTime) return null;
    const zone = start.timeZone && isKnownZone(start.timeZone) ? start.timeZone : 'UTC';
    const endZone = end.timeZone && isKnownZone(end.timeZone) ? end.timeZone : zone;
    // Google always sends an offset; the zone only applies if one were missing.
    const startUtc = utcText(start.dateTime, false, zone);
    const endUtc = utcText(end.dateTime, false, endZone);
    if (!startUtc || !endUtc) return null;
    return { type: 'timed', startUtc, endUtc, zone };
  }
  if (start?.date) {
    if (!ISO_DATE.test(start.date) || !DateTime.fromISO(start.date).isValid) return null;
    return { type: 'allDay', date: start.date };
  }
  return null;
}

function badResponse(what: string, cause?: unknown): ProviderError {
  return new ProviderError(
    'provider_bad_response',
    'Google Calendar sent an answer the app could not read, so nothing was changed. The app will try again later; if this keeps happening, report it.',
    { cause: cause ?? new Error(`Google sent ${what}`), retryable: true },
  );
}
export { badResponse as googleBadResponse };
