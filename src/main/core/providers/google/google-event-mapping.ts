// EventDraft → Google event JSON, and Google event JSON → RemoteEvent.
// Google's conventions that matter here: a timed event carries a local dateTime
// with offset plus an IANA timeZone (so recurrence and DST stay right in the
// user's zone); an all-day event carries dates and its end date is exclusive.
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Timing } from '../../../../shared/domain';
import { InvalidInputError, ProviderError } from '../../../../shared/errors';
import { isKnownZone } from '../../time/known-zone';
import { SOURCE_TAG, type EventDraft, type RemoteEvent } from '../provider';

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
  start: GoogleTime.nullish(),
  end: GoogleTime.nullish(),
  extendedProperties: z
    .object({ private: z.record(z.string(), z.string()).nullish() })
    .nullish(),
});
export type GoogleEventJson = z.infer<typeof GoogleEventJson>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toGoogleEvent(draft: EventDraft): calendar_v3.Schema$Event {
  return {
    summary: draft.title,
    location: draft.location ?? undefined,
    description: draft.description ?? undefined,
    ...googleTimes(draft.timing),
    reminders: {
      useDefault: false,
      overrides: draft.reminderMinutes.map((minutes) => ({ method: 'popup', minutes })),
    },
    transparency: draft.transparency,
    status: 'confirmed',
    extendedProperties: { private: { [SOURCE_TAG]: draft.sourceId } },
  };
}

function googleTimes(timing: Timing): Pick<calendar_v3.Schema$Event, 'start' | 'end'> {
  if (timing.type === 'allDay') {
    const day = DateTime.fromISO(timing.date, { zone: 'utc' });
    if (!ISO_DATE.test(timing.date) || !day.isValid) throw new InvalidInputError(`"${timing.date}" is not a valid date.`);
    return { start: { date: timing.date }, end: { date: day.plus({ days: 1 }).toISODate() } };
  }
  if (!isKnownZone(timing.zone)) throw new InvalidInputError(`"${timing.zone}" is not a time zone Google Calendar knows.`);
  return {
    start: { dateTime: localIso(timing.startUtc, timing.zone), timeZone: timing.zone },
    end: { dateTime: localIso(timing.endUtc, timing.zone), timeZone: timing.zone },
  };
}

/** The instant as local time with offset in `zone`, e.g. 2026-03-29T03:30:00+02:00. */
function localIso(instant: string, zone: string): string {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  const text = local.isValid ? local.toISO({ suppressMilliseconds: true }) : null;
  if (text === null) throw new InvalidInputError(`"${instant}" is not a valid time.`);
  return text;
}

/** Throws provider_bad_response when the JSON is not an event we can use. */
export function toRemoteEvent(json: unknown): RemoteEvent {
  const parsed = GoogleEventJson.safeParse(json);
  if (!parsed.success) throw badResponse('an event that does not have the expected shape', parsed.error);
  const event = parsed.data;
  const cancelled = event.status === 'cancelled';
  const sourceId = event.extendedProperties?.private?.[SOURCE_TAG] ?? null;
  const timing = timingOf(event);
  // Our own live events must be complete: sync would otherwise read a missing
  // time as a change. Other events are ignored by sync, and tombstones carry no times.
  if (!cancelled && sourceId !== null) {
    if (timing === null) throw badResponse(`event ${event.id} without readable start and end times`);
    if (!event.etag) throw badResponse(`event ${event.id} without an etag`);
  }
  return {
    remoteId: event.id,
    etag: event.etag ?? '',
    updated: event.updated ?? '',
    cancelled,
    sourceId,
    title: event.summary ?? null,
    timing,
  };
}

/** Null when the event has no (readable) times, e.g. a cancelled tombstone. */
export function timingOf(event: Pick<GoogleEventJson, 'start' | 'end'>): Timing | null {
  const { start, end } = event;
  if (start?.dateTime) {
    if (!end?.dateTime) return null;
    const zone = start.timeZone && isKnownZone(start.timeZone) ? start.timeZone : 'UTC';
    const endZone = end.timeZone && isKnownZone(end.timeZone) ? end.timeZone : zone;
    // Google always sends an offset; the zone only applies if one were missing.
    const startUtc = DateTime.fromISO(start.dateTime, { zone }).toUTC();
    const endUtc = DateTime.fromISO(end.dateTime, { zone: endZone }).toUTC();
    if (!startUtc.isValid || !endUtc.isValid) return null;
    return { type: 'timed', startUtc: startUtc.toISO(), endUtc: endUtc.toISO(), zone };
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
