// Event start/end as Google reads and writes them: an all-day {date} or a
// {dateTime, timeZone?}. A dateTime without an offset needs a timeZone; Google
// answers with the instant rendered in the event's zone (or the calendar's),
// to the second, so clients must not compare strings, only instants.
import { DateTime, IANAZone } from 'luxon';
import { invalid, required } from './google-errors';
import type { GoogleEventDateTime } from './google-types';

export interface EventTime {
  value: GoogleEventDateTime;
  /** The instant, or local midnight in the calendar's zone for an all-day date. */
  ms: number;
  allDay: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const HAS_OFFSET = /(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseEventTime(raw: unknown, which: 'start' | 'end', calendarZone: string): EventTime {
  if (raw === undefined || raw === null) throw required(`Missing ${which} time.`);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid(`Invalid ${which} time.`, which);
  const o = raw as Record<string, unknown>;
  const zone = o.timeZone;
  if (zone !== undefined && zone !== null && (typeof zone !== 'string' || !IANAZone.isValidZone(zone))) {
    throw invalid(`Invalid time zone definition for ${which} time.`, `${which}.timeZone`);
  }
  if (typeof o.date === 'string' && (o.dateTime === undefined || o.dateTime === null)) {
    const day = DateTime.fromISO(o.date, { zone: calendarZone });
    if (!DATE.test(o.date) || !day.isValid) throw invalid(`Invalid ${which} time.`, `${which}.date`);
    return { value: { date: o.date }, ms: day.toMillis(), allDay: true };
  }
  if (typeof o.dateTime !== 'string' || !RFC3339.test(o.dateTime) || (o.date !== undefined && o.date !== null)) {
    throw o.dateTime === undefined && o.date === undefined ? required(`Missing ${which} time.`) : invalid(`Invalid ${which} time.`, `${which}.dateTime`);
  }
  const eventZone = typeof zone === 'string' ? zone : undefined;
  if (!HAS_OFFSET.test(o.dateTime) && !eventZone) throw required(`Missing time zone definition for ${which} time.`);
  const parsed = HAS_OFFSET.test(o.dateTime) ? DateTime.fromISO(o.dateTime, { setZone: true }) : DateTime.fromISO(o.dateTime, { zone: eventZone });
  if (!parsed.isValid) throw invalid(`Invalid ${which} time.`, `${which}.dateTime`);
  // Google keeps whole seconds.
  const ms = Math.floor(parsed.toMillis() / 1000) * 1000;
  const rendered = DateTime.fromMillis(ms, { zone: eventZone ?? calendarZone }).toISO({ suppressMilliseconds: true });
  if (rendered === null) throw invalid(`Invalid ${which} time.`, `${which}.dateTime`);
  return { value: eventZone ? { dateTime: rendered, timeZone: eventZone } : { dateTime: rendered }, ms, allDay: false };
}

/** Query instants (timeMin, timeMax, updatedMin) must carry an offset. */
export function parseQueryInstant(raw: string | null, name: string): number | null {
  if (raw === null) return null;
  const parsed = RFC3339.test(raw) && HAS_OFFSET.test(raw) ? DateTime.fromISO(raw, { setZone: true }) : null;
  if (!parsed?.isValid) throw invalid(`Bad Request`, name);
  return parsed.toMillis();
}
