// Times in iCalendar, both ways, with the offsets always from luxon's zone data
// (the platform's tzdata), never computed by hand:
// - reading follows RFC 5545 §3.3.5: a local time that occurs twice (autumn) is
//   the first occurrence, one skipped by a DST gap (spring) is read with the
//   offset before the gap;
// - writing uses the event's IANA zone as TZID with a VTIMEZONE made from luxon's
//   transitions around the event (one observance per transition), and falls
//   back to UTC inside a repeated hour, where a local time names two instants.
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function isIanaZone(name: string | null | undefined): name is string {
  return typeof name === 'string' && name !== '' && IANAZone.isValidZone(name);
}

/** Zones whose offset is always 0; written as UTC ("Z") times, with no VTIMEZONE. */
export function isUtcZone(name: string): boolean {
  return ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Zulu', 'Universal'].includes(name);
}

function wallMs(f: LocalFields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** The instants a local wall time can name in the zone: two in a repeated hour, none in a gap. */
function candidatesOf(fields: LocalFields, zone: IANAZone): { wall: number; before: number; instants: number[] } {
  const wall = wallMs(fields);
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const instants = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((t) => zone.offset(t) * MINUTE === wall - t);
  return { wall, before, instants };
}

/** The instant a local wall time names in `zoneName`, by RFC 5545's rules for repeated and skipped times. */
export function instantOfLocal(fields: LocalFields, zoneName: string): number {
  const { wall, before, instants } = candidatesOf(fields, IANAZone.create(zoneName));
  if (instants.length > 0) return Math.min(...instants);
  return wall - before * MINUTE; // in a gap: the offset before the transition
}

export function localFieldsOf(ms: number, zoneName: string): LocalFields {
  const d = DateTime.fromMillis(ms, { zone: zoneName });
  return { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute, second: d.second };
}

function utcFieldsOf(ms: number): LocalFields {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** A local time with no zone of its own: the TZID parameter (or the observance) says which. */
function floatingTime(f: LocalFields): ICAL.Time {
  return ICAL.Time.fromData({ ...f, isDate: false });
}

/**
 * Sets DATE-TIME property `name` on `component` to the instant, as local time in
 * `zoneName` with TZID when that local time names this one instant only, else as
 * UTC. Readers disagree about a repeated hour (RFC 5545 says the first pass,
 * ical.js takes the second), so a time in one is written as UTC and every
 * reader gets the same instant. Returns whether the TZID form was used.
 */
export function setInstant(component: ICAL.Component, name: string, ms: number, zoneName: string): boolean {
  component.removeAllProperties(name);
  if (!isUtcZone(zoneName)) {
    const local = localFieldsOf(ms, zoneName);
    const { instants } = candidatesOf(local, IANAZone.create(zoneName));
    if (instants.length === 1 && instants[0] === ms) {
      const prop = component.addPropertyWithValue(name, floatingTime(local));
      prop.setParameter('tzid', zoneName);
      return true;
    }
  }
  const time = ICAL.Time.fromData({ ...utcFieldsOf(ms), isDate: false }, ICAL.Timezone.utcTimezone);
  component.addPropertyWithValue(name, time);
  return false;
}

export function setDate(component: ICAL.Component, name: string, isoDate: string): void {
  component.removeAllProperties(name);
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  // ical.js writes VALUE=DATE itself for a date value.
  component.addPropertyWithValue(name, ICAL.Time.fromData({ year, month, day, isDate: true }));
}

export type ReadTime = { kind: 'date'; date: string } | { kind: 'instant'; ms: number; zone: string | null };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Reads DTSTART/DTEND-like properties. `zone` in the result is the IANA zone the
 * time was written in, when it says; an unknown TZID is resolved through the
 * resource's own VTIMEZONE (Outlook's "W. Europe Standard Time"); a floating time
 * is read in `floatingZone` (or UTC).
 */
export function readTime(prop: ICAL.Property, vcalendar: ICAL.Component, floatingZone: string | null): ReadTime | null {
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Time)) return null;
  if (value.isDate) return { kind: 'date', date: `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}` };
  const fields: LocalFields = { year: value.year, month: value.month, day: value.day, hour: value.hour, minute: value.minute, second: value.second };
  if (value.zone === ICAL.Timezone.utcTimezone) return { kind: 'instant', ms: wallMs(fields), zone: null };
  const tzid = prop.getFirstParameter('tzid');
  if (isIanaZone(tzid)) return { kind: 'instant', ms: instantOfLocal(fields, tzid), zone: tzid };
  if (tzid) {
    const vtimezone = vcalendar.getAllSubcomponents('vtimezone').find((c) => c.getFirstPropertyValue('tzid') === tzid);
    if (vtimezone) {
      const offsetSeconds = new ICAL.Timezone(vtimezone).utcOffset(value);
      return { kind: 'instant', ms: wallMs(fields) - offsetSeconds * 1000, zone: null };
    }
  }
  if (isIanaZone(floatingZone)) return { kind: 'instant', ms: instantOfLocal(fields, floatingZone), zone: floatingZone };
  return { kind: 'instant', ms: wallMs(fields), zone: null };
}

/** Built VTIMEZONEs as jCal, per zone and year range: building one looks up a few hundred offsets. */
const vtimezoneCache = new Map<string, unknown[]>();

/**
 * A VTIMEZONE for `zoneName` covering the years around [fromMs, toMs]: an
 * observance for the offset in force at the start, then one per transition.
 */
export function vtimezoneFor(zoneName: string, fromMs: number, toMs: number): ICAL.Component {
  const fromYear = new Date(fromMs).getUTCFullYear() - 1;
  const toYear = new Date(toMs).getUTCFullYear() + 1;
  const key = `${zoneName}|${fromYear}|${toYear}`;
  let jcal = vtimezoneCache.get(key);
  if (!jcal) {
    jcal = buildVtimezone(zoneName, Date.UTC(fromYear, 0, 1), Date.UTC(toYear + 1, 0, 1)).toJSON() as unknown[];
    vtimezoneCache.set(key, jcal);
  }
  return new ICAL.Component(structuredClone(jcal));
}

function buildVtimezone(zoneName: string, start: number, end: number): ICAL.Component {
  const zone = IANAZone.create(zoneName);
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', zoneName);
  const observance = (at: number, before: number, after: number): void => {
    const kind = DateTime.fromMillis(at, { zone: zoneName }).isInDST ? 'daylight' : 'standard';
    const c = new ICAL.Component(kind);
    // DTSTART of an observance is the local time under the offset in force before it.
    c.addPropertyWithValue('dtstart', floatingTime(utcFieldsOf(at + before * MINUTE)));
    c.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(before * 60));
    c.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(after * 60));
    const name = DateTime.fromMillis(at, { zone: zoneName }).offsetNameShort;
    if (name) c.addPropertyWithValue('tzname', name);
    tz.addSubcomponent(c);
  };
  const first = zone.offset(start);
  observance(start, first, first);
  for (let t = start; t < end; t += WEEK) {
    const a = zone.offset(t);
    const b = zone.offset(t + WEEK);
    if (a === b) continue;
    // The first second with the new offset.
    let lo = t;
    let hi = t + WEEK;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zone.offset(mid) === a) lo = mid;
      else hi = mid;
    }
    observance(hi, a, zone.offset(hi));
  }
  return tz;
}
