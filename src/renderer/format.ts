// Dates and times in the user's chosen zone (Preferences.timeZone), in the
// system's locale. luxon does the zone arithmetic (DST edges, reading a wall
// time typed in the user's zone); the words come from Intl.
import { DateTime } from 'luxon';
import type { Timing } from '../shared/domain';

/** The zone to show times in: the preference, or the computer's own when it is not a zone Intl knows. */
const checkedZones = new Map<string, string>();

/** The zone if luxon knows it, else the computer's; checked once per name (it is called per item). */
export function zoneOrLocal(zone: string): string {
  let z = checkedZones.get(zone);
  if (z === undefined) {
    z = DateTime.now().setZone(zone).isValid ? zone : DateTime.local().zoneName;
    checkedZones.set(zone, z);
  }
  return z;
}

const dayFormats = new Map<boolean, Intl.DateTimeFormat>();

/** One formatter per shape: building an Intl.DateTimeFormat costs more than using one. */
function dayFormat(withYear: boolean): Intl.DateTimeFormat {
  let f = dayFormats.get(withYear);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) });
    dayFormats.set(withYear, f);
  }
  return f;
}

/** The computer's own zone, as the first-run screen proposes it. */
export function detectedZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const sameYear = (d: Date, now: Date, zone: string): boolean =>
  DateTime.fromJSDate(d).setZone(zone).year === DateTime.fromJSDate(now).setZone(zone).year;

function dayOptions(withYear: boolean): Intl.DateTimeFormatOptions {
  return withYear ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : { weekday: 'short', day: 'numeric', month: 'short' };
}

/** "Tue, Mar 10, 10:00 – 11:00 AM" (the year only when it is not this one), or "Wed, Mar 11 · all day". */
export function formatTiming(timing: Timing, zone: string, now: Date = new Date()): string {
  if (timing.type === 'allDay') {
    // An all-day date names a calendar day, not an instant: format it in UTC so no zone shifts it.
    const day = new Date(`${timing.date}T00:00:00Z`);
    return `${new Intl.DateTimeFormat(undefined, { ...dayOptions(!sameYear(day, now, 'UTC')), timeZone: 'UTC' }).format(day)} · all day`;
  }
  const z = zoneOrLocal(zone);
  const start = new Date(timing.startUtc);
  const format = new Intl.DateTimeFormat(undefined, { ...dayOptions(!sameYear(start, now, z)), timeZone: z, hour: 'numeric', minute: '2-digit' });
  return format.formatRange(start, new Date(timing.endUtc));
}

/** The start alone, as a sentence names it: "Sat, Dec 5, 3:00 PM" or "Sat, Dec 5 (all day)". */
export function formatStart(timing: Timing, zone: string, now: Date = new Date()): string {
  if (timing.type === 'allDay') {
    const day = new Date(`${timing.date}T00:00:00Z`);
    return `${new Intl.DateTimeFormat(undefined, { ...dayOptions(!sameYear(day, now, 'UTC')), timeZone: 'UTC' }).format(day)} (all day)`;
  }
  const z = zoneOrLocal(zone);
  const start = new Date(timing.startUtc);
  return new Intl.DateTimeFormat(undefined, { ...dayOptions(!sameYear(start, now, z)), timeZone: z, hour: 'numeric', minute: '2-digit' }).format(start);
}

/** The day part of a timing, for side-by-side comparison. */
export function formatDay(timing: Timing, zone: string, now: Date = new Date()): string {
  if (timing.type === 'allDay') {
    const day = new Date(`${timing.date}T00:00:00Z`);
    return new Intl.DateTimeFormat(undefined, { ...dayOptions(!sameYear(day, now, 'UTC')), timeZone: 'UTC' }).format(day);
  }
  const z = zoneOrLocal(zone);
  const start = new Date(timing.startUtc);
  return new Intl.DateTimeFormat(undefined, { ...dayOptions(!sameYear(start, now, z)), timeZone: z }).format(start);
}

/** The time part: "10:00 – 11:00 AM", or "All day". */
export function formatTimeOfDay(timing: Timing, zone: string): string {
  if (timing.type === 'allDay') return 'All day';
  const format = new Intl.DateTimeFormat(undefined, { timeZone: zoneOrLocal(zone), hour: 'numeric', minute: '2-digit' });
  return format.formatRange(new Date(timing.startUtc), new Date(timing.endUtc));
}

/** The calendar day an item falls on in the user's zone, as YYYY-MM-DD (the grouping key). */
const dateKeyFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date an item starts on in `zone`, as YYYY-MM-DD (ICU's zone data, one formatter per zone: it runs per item). */
export function dayKey(timing: Timing, zone: string): string {
  if (timing.type === 'allDay') return timing.date;
  const z = zoneOrLocal(zone);
  let f = dateKeyFormats.get(z);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateKeyFormats.set(z, f);
  }
  const key = f.format(new Date(timing.startUtc));
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? key : timing.startUtc.slice(0, 10);
}

/** "Today", "Tomorrow", "Yesterday", or "Thursday, March 12" (with the year when it is not this one). */
export function dayHeading(key: string, zone: string, now: Date = new Date()): string {
  const z = zoneOrLocal(zone);
  const today = DateTime.fromJSDate(now).setZone(z).startOf('day');
  const day = DateTime.fromISO(key, { zone: z });
  const diff = Math.round(day.diff(today, 'days').days);
  const date = dayFormat(day.year !== today.year).format(new Date(`${key}T00:00:00Z`));
  if (diff === 0) return `Today · ${date}`;
  if (diff === 1) return `Tomorrow · ${date}`;
  if (diff === -1) return `Yesterday · ${date}`;
  return date;
}

/** Sort key: the instant an item starts (all-day items at the start of their day in the zone). */
/** Where an all-day date starts and ends in a zone; many items share a date, so each is worked out once. */
const dayBounds = new Map<string, { start: number; end: number }>();

function boundsOf(date: string, zone: string): { start: number; end: number } {
  const z = zoneOrLocal(zone);
  const key = `${z}|${date}`;
  let b = dayBounds.get(key);
  if (!b) {
    const day = DateTime.fromISO(date, { zone: z });
    b = { start: day.toMillis(), end: day.endOf('day').toMillis() };
    if (dayBounds.size > 20_000) dayBounds.clear();
    dayBounds.set(key, b);
  }
  return b;
}

export function startMillis(timing: Timing, zone = 'UTC'): number {
  return timing.type === 'allDay' ? boundsOf(timing.date, zone).start : Date.parse(timing.startUtc);
}

/** The instant an item is over: an all-day item lasts to the end of its day in the zone. */
export function endMillis(timing: Timing, zone = 'UTC'): number {
  return timing.type === 'allDay' ? boundsOf(timing.date, zone).end : Date.parse(timing.endUtc);
}

export function formatInstant(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: zoneOrLocal(zone), dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "2 minutes ago", "in 3 hours", "just now". */
export function relative(iso: string, now: Date = new Date()): string {
  const seconds = (Date.parse(iso) - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 45) return 'just now';
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') return words.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** A timing as the edit form shows it: the wall-clock date and time in the user's zone. */
export function toWallClock(timing: Timing, zone: string): { date: string; time: string } {
  if (timing.type === 'allDay') return { date: timing.date, time: '' };
  const start = DateTime.fromISO(timing.startUtc).setZone(zoneOrLocal(zone));
  return { date: start.toISODate() ?? '', time: start.toFormat('HH:mm') };
}

/**
 * The new timing for a wall-clock date and time typed in the user's zone, keeping
 * the old duration. Null when the input is not a real moment.
 */
export function fromWallClock(old: Timing, date: string, time: string, zone: string): Timing | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  if (old.type === 'allDay') return DateTime.fromISO(date).isValid ? { type: 'allDay', date } : null;
  const z = zoneOrLocal(zone);
  const start = DateTime.fromISO(`${date}T${time}`, { zone: z });
  if (!start.isValid) return null;
  const duration = Date.parse(old.endUtc) - Date.parse(old.startUtc);
  const iso = (d: DateTime): string => d.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  return { type: 'timed', startUtc: iso(start), endUtc: iso(start.plus({ milliseconds: duration })), zone: z };
}
