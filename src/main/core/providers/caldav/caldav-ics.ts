// EventDraft ⇄ iCalendar, built and parsed with ical.js (no hand-written ICS).
// The app owns a short list of properties (OWN_PROPERTIES, its tag, and the
// VALARMs it marks as its own); an update rewrites only those inside the
// resource as the server last gave it, so what the user added in their calendar
// app (their own alarms, attendees, a video link, categories) stays.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Timing } from '../../../../shared/domain';
import { InvalidInputError } from '../../../../shared/errors';
import type { EventDraft, RemoteEvent } from '../provider';
import { isIanaZone, isUtcZone, readTime, setDate, setInstant, vtimezoneFor, type ReadTime } from './caldav-time';

/** The private tag: the Career Copilot source id of an event the app created. */
export const TAG_PROPERTY = 'x-career-copilot-source-id';
/** Marks the VALARMs the app wrote, so an update replaces those and keeps the user's own. */
export const ALARM_MARK = 'x-career-copilot-alarm';
/** The event's zone, written only when neither DTSTART nor DTEND can carry it as TZID. */
const ZONE_PROPERTY = 'x-career-copilot-zone';
const PRODID = '-//Career Copilot//Career Copilot Calendar//EN';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Thrown for a resource ical.js cannot read; the caller decides whether that matters. */
export class UnreadableIcsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreadableIcsError';
  }
}

export function parseCalendar(ics: string): ICAL.Component {
  try {
    const jcal: unknown = ICAL.parse(ics);
    if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') throw new Error('not a single VCALENDAR');
    return new ICAL.Component(jcal);
  } catch (cause) {
    throw new UnreadableIcsError('the calendar object is not valid iCalendar', { cause });
  }
}

/** The event itself, not one of its recurrence overrides. */
function masterEvent(vcalendar: ICAL.Component): ICAL.Component | null {
  const events = vcalendar.getAllSubcomponents('vevent');
  return events.find((e) => !e.hasProperty('recurrence-id')) ?? events[0] ?? null;
}

/** A new calendar object for the draft, with UID `uid`. */
export function buildCalendarObject(draft: EventDraft, uid: string, now: Date): string {
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('prodid', PRODID);
  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', uid);
  event.addPropertyWithValue('created', utcTime(now));
  event.addPropertyWithValue('sequence', 0);
  vcalendar.addSubcomponent(event);
  writeDraft(vcalendar, event, draft, now);
  return vcalendar.toString();
}

/** The resource `ics` with the app's own properties rewritten from the draft, everything else untouched. */
export function applyDraft(ics: string, draft: EventDraft, now: Date): string {
  const vcalendar = parseCalendar(ics);
  const event = masterEvent(vcalendar);
  if (!event) throw new UnreadableIcsError('the calendar object has no VEVENT');
  const sequence = event.getFirstPropertyValue('sequence');
  event.updatePropertyWithValue('sequence', (typeof sequence === 'number' ? sequence : 0) + 1);
  writeDraft(vcalendar, event, draft, now);
  return vcalendar.toString();
}

function writeDraft(vcalendar: ICAL.Component, event: ICAL.Component, draft: EventDraft, now: Date): void {
  event.updatePropertyWithValue('dtstamp', utcTime(now));
  event.updatePropertyWithValue('last-modified', utcTime(now));
  event.updatePropertyWithValue('summary', draft.title);
  setOptionalText(event, 'location', draft.location);
  setOptionalText(event, 'description', draft.description);
  event.updatePropertyWithValue('transp', draft.transparency === 'transparent' ? 'TRANSPARENT' : 'OPAQUE');
  event.updatePropertyWithValue(TAG_PROPERTY, draft.sourceId);
  writeTiming(vcalendar, event, draft.timing);
  for (const alarm of event.getAllSubcomponents('valarm')) {
    if (alarm.hasProperty(ALARM_MARK)) event.removeSubcomponent(alarm);
  }
  for (const minutes of draft.reminderMinutes) {
    const alarm = new ICAL.Component('valarm');
    alarm.addPropertyWithValue('action', 'DISPLAY');
    alarm.addPropertyWithValue('description', draft.title);
    alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-minutes * 60));
    alarm.addPropertyWithValue(ALARM_MARK, 'TRUE');
    event.addSubcomponent(alarm);
  }
  pruneTimezones(vcalendar);
}

function setOptionalText(event: ICAL.Component, name: string, value: string | null): void {
  if (value === null || value === '') event.removeAllProperties(name);
  else event.updatePropertyWithValue(name, value);
}

function writeTiming(vcalendar: ICAL.Component, event: ICAL.Component, timing: Timing): void {
  event.removeAllProperties('duration');
  if (timing.type === 'allDay') {
    event.removeAllProperties(ZONE_PROPERTY);
    const day = DateTime.fromISO(timing.date, { zone: 'utc' });
    if (!ISO_DATE.test(timing.date) || !day.isValid) throw new InvalidInputError(`"${timing.date}" is not a valid date.`);
    setDate(event, 'dtstart', timing.date);
    setDate(event, 'dtend', day.plus({ days: 1 }).toISODate() ?? timing.date); // DTEND of a date is exclusive
    return;
  }
  if (!isIanaZone(timing.zone)) throw new InvalidInputError(`"${timing.zone}" is not a time zone the app knows.`);
  const start = Date.parse(timing.startUtc);
  const end = Date.parse(timing.endUtc);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new InvalidInputError(`"${timing.startUtc}" – "${timing.endUtc}" is not a valid time range.`);
  const local = [setInstant(event, 'dtstart', start, timing.zone), setInstant(event, 'dtend', end, timing.zone)];
  // Both ends in UTC (a repeated hour) would lose the zone the event was meant in.
  if (!local.includes(true) && !isUtcZone(timing.zone)) event.updatePropertyWithValue(ZONE_PROPERTY, timing.zone);
  else event.removeAllProperties(ZONE_PROPERTY);
  if (local.includes(true)) {
    for (const old of vcalendar.getAllSubcomponents('vtimezone')) {
      if (old.getFirstPropertyValue('tzid') === timing.zone) vcalendar.removeSubcomponent(old);
    }
    // RFC 5545: VTIMEZONEs come before the components that use them.
    const tz = vtimezoneFor(timing.zone, start, end);
    const rest = vcalendar.getAllSubcomponents().filter((c) => c.name !== 'vtimezone');
    for (const c of rest) vcalendar.removeSubcomponent(c);
    vcalendar.addSubcomponent(tz);
    for (const c of rest) vcalendar.addSubcomponent(c);
  }
}

/** Drops VTIMEZONEs nothing refers to any more (ours, after the event moved zone). */
function pruneTimezones(vcalendar: ICAL.Component): void {
  const used = new Set<string>();
  const visit = (c: ICAL.Component): void => {
    if (c.name === 'vtimezone') return;
    for (const p of c.getAllProperties()) {
      const tzid = p.getFirstParameter('tzid');
      if (tzid) used.add(tzid);
    }
    for (const sub of c.getAllSubcomponents()) visit(sub);
  };
  visit(vcalendar);
  for (const tz of vcalendar.getAllSubcomponents('vtimezone')) {
    const tzid = tz.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string' || !used.has(tzid)) vcalendar.removeSubcomponent(tz);
  }
}

function utcTime(d: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(Math.floor(d.getTime() / 1000) * 1000), true);
}

/** Whether the raw text carries the app's tag, for deciding if an unreadable resource matters. */
export function mentionsTag(ics: string): boolean {
  return ics.toLowerCase().includes(TAG_PROPERTY);
}

/**
 * The resource as sync sees it; null when it holds no event (a task, a journal).
 * Throws UnreadableIcsError when ical.js cannot read it.
 */
export function readCalendarObject(ics: string, remoteId: string, revision: string): RemoteEvent | null {
  const vcalendar = parseCalendar(ics);
  const event = masterEvent(vcalendar);
  if (!event) return null;
  try {
    const tag = event.getFirstPropertyValue(TAG_PROPERTY);
    const summary = event.getFirstPropertyValue('summary');
    const timing = timingOf(vcalendar, event);
    if (!timing) throw new UnreadableIcsError('the event has no readable DTSTART');
    return {
      remoteId,
      revision,
      updated: updatedOf(event),
      sourceId: typeof tag === 'string' && tag !== '' ? tag : null,
      title: typeof summary === 'string' ? summary : null,
      timing,
    };
  } catch (cause) {
    if (cause instanceof UnreadableIcsError) throw cause;
    throw new UnreadableIcsError('the event could not be read', { cause });
  }
}

function timingOf(vcalendar: ICAL.Component, event: ICAL.Component): Timing | null {
  const startProp = event.getFirstProperty('dtstart');
  if (!startProp) return null;
  const start = readTime(startProp, vcalendar, null);
  if (!start) return null;
  if (start.kind === 'date') return { type: 'allDay', date: start.date };
  const endProp = event.getFirstProperty('dtend');
  let end: ReadTime | null = endProp ? readTime(endProp, vcalendar, start.zone) : null;
  if (!end || end.kind !== 'instant') {
    const duration = event.getFirstPropertyValue('duration');
    const seconds = duration instanceof ICAL.Duration ? duration.toSeconds() : 0;
    end = { kind: 'instant', ms: start.ms + seconds * 1000, zone: start.zone };
  }
  const hint = event.getFirstPropertyValue(ZONE_PROPERTY);
  const zone = start.zone ?? end.zone ?? (typeof hint === 'string' && isIanaZone(hint) ? hint : 'UTC');
  return { type: 'timed', startUtc: isoUtc(start.ms), endUtc: isoUtc(end.ms), zone };
}

function isoUtc(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

function updatedOf(event: ICAL.Component): string | null {
  for (const name of ['last-modified', 'dtstamp']) {
    const value = event.getFirstPropertyValue(name);
    if (value instanceof ICAL.Time && value.zone === ICAL.Timezone.utcTimezone) return value.toJSDate().toISOString();
  }
  return null;
}
