// iCalendar mapping and time handling of the CalDAV provider, pure parts:
// RFC 5545's rules for repeated and skipped local times, the VTIMEZONE we
// write checked against ical.js's own conversion, and updates that rewrite
// only the app's properties.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { applyDraft, buildCalendarObject, readCalendarObject, UnreadableIcsError } from '../../src/main/core/providers/caldav/caldav-ics';
import { instantOfLocal, vtimezoneFor } from '../../src/main/core/providers/caldav/caldav-time';
import type { EventDraft } from '../../src/main/core/providers/provider';

const iso = (ms: number): string => new Date(ms).toISOString();
const NOW = new Date('2026-05-01T12:00:00Z');

function draft(extra: Partial<EventDraft> = {}): EventDraft {
  return {
    sourceId: 'application:42:interview',
    title: 'Interview, Engineer; at "Acme" & Co',
    timing: { type: 'timed', startUtc: '2026-10-24T08:00:00Z', endUtc: '2026-10-24T09:00:00Z', zone: 'Europe/Berlin' },
    location: 'Berlin',
    description: 'Line one\nLine two',
    reminderMinutes: [30],
    transparency: 'opaque',
    ...extra,
  };
}

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

describe('local times (RFC 5545 §3.3.5)', () => {
  it('reads a repeated local time as its first occurrence and a skipped one with the offset before the gap', () => {
    const at = (year: number, month: number, day: number, hour: number, minute: number, zone: string): string =>
      iso(instantOfLocal({ year, month, day, hour, minute, second: 0 }, zone));
    expect(at(2026, 10, 25, 2, 30, 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z'); // CEST, the first pass
    expect(at(2026, 3, 29, 2, 30, 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 CEST
    // RFC 5545's own example: 02:30 on 2007-03-11 in New York is 03:30 EDT.
    expect(at(2007, 3, 11, 2, 30, 'America/New_York')).toBe('2007-03-11T07:30:00.000Z');
    expect(at(2026, 7, 1, 12, 0, 'Asia/Kolkata')).toBe('2026-07-01T06:30:00.000Z');
  });

  it('writes a VTIMEZONE that ical.js converts exactly as luxon does, through the year and around each change', () => {
    const HOUR = 3600_000;
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo']) {
      const from = Date.UTC(2026, 0, 1);
      const tz = new ICAL.Timezone(vtimezoneFor(zone, from, Date.UTC(2026, 11, 31)));
      const instants: number[] = [];
      for (let ms = from; ms < Date.UTC(2027, 0, 1); ms += 5 * HOUR) {
        instants.push(ms);
        // Every quarter hour for a day either side of a change.
        if (DateTime.fromMillis(ms, { zone }).offset !== DateTime.fromMillis(ms + 5 * HOUR, { zone }).offset) {
          for (let q = ms - 24 * HOUR; q < ms + 29 * HOUR; q += HOUR / 4) instants.push(q);
        }
      }
      for (const ms of instants) {
        const local = DateTime.fromMillis(ms, { zone });
        // Skip the repeated hour, where a local time has two instants.
        if (local.minus({ hours: 1 }).offset !== local.offset || local.plus({ hours: 1 }).offset !== local.offset) continue;
        const t = ICAL.Time.fromData({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: 0 }, tz);
        expect(iso(t.toUnixTime() * 1000), `${zone} ${local.toISO()}`).toBe(iso(ms));
      }
    }
  });

  it('names the observances with the offsets around each transition', () => {
    const text = vtimezoneFor('Europe/Berlin', Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 1)).toString();
    expect(text).toContain('TZID:Europe/Berlin');
    expect(text).toMatch(/BEGIN:DAYLIGHT\r?\nDTSTART:20260329T020000\r?\nTZOFFSETFROM:\+0100\r?\nTZOFFSETTO:\+0200/);
    expect(text).toMatch(/BEGIN:STANDARD\r?\nDTSTART:20261025T030000\r?\nTZOFFSETFROM:\+0200\r?\nTZOFFSETTO:\+0100/);
  });
});

describe('building and updating events', () => {
  it('round-trips a draft, with escaped text, our tag and our alarm', () => {
    const ics = buildCalendarObject(draft(), 'application:42:interview', NOW);
    const event = readCalendarObject(ics, '/cal/x.ics', '"e1"');
    expect(event).toEqual({
      remoteId: '/cal/x.ics',
      revision: '"e1"',
      updated: '2026-05-01T12:00:00.000Z',
      sourceId: 'application:42:interview',
      title: 'Interview, Engineer; at "Acme" & Co',
      timing: draft().timing,
    });
    expect(ics).toContain('SUMMARY:Interview\\, Engineer\\; at "Acme" & Co');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261024T100000');
    expect(ics).toMatch(/BEGIN:VALARM\r?\nACTION:DISPLAY/);
  });

  it("rewrites only the app's properties and alarms, keeping everything the user added", () => {
    const ours = buildCalendarObject(draft(), 'application:42:interview', NOW);
    const calendar = new ICAL.Component(ICAL.parse(ours) as unknown[]);
    const event = calendar.getFirstSubcomponent('vevent')!;
    event.addPropertyWithValue('attendee', 'mailto:recruiter@example.com');
    event.addPropertyWithValue('url', 'https://meet.example.com/x');
    event.addPropertyWithValue('x-apple-travel-advisory-behavior', 'AUTOMATIC');
    event.addPropertyWithValue('categories', 'Job search');
    const mine = new ICAL.Component('valarm');
    mine.addPropertyWithValue('action', 'AUDIO');
    mine.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-3600));
    event.addSubcomponent(mine);

    const moved = draft({
      title: 'Second round',
      location: null,
      reminderMinutes: [10, 60],
      timing: { type: 'timed', startUtc: '2026-12-01T15:00:00Z', endUtc: '2026-12-01T16:00:00Z', zone: 'America/New_York' },
    });
    const updated = new ICAL.Component(ICAL.parse(applyDraft(calendar.toString(), moved, NOW)) as unknown[]);
    const e = updated.getFirstSubcomponent('vevent')!;
    expect(e.getFirstPropertyValue('attendee')).toBe('mailto:recruiter@example.com');
    expect(e.getFirstPropertyValue('url')).toBe('https://meet.example.com/x');
    expect(e.getFirstPropertyValue('x-apple-travel-advisory-behavior')).toBe('AUTOMATIC');
    expect(e.hasProperty('categories')).toBe(true);
    expect(e.hasProperty('location')).toBe(false);
    expect(e.getFirstPropertyValue('sequence')).toBe(1);
    expect(e.getAllSubcomponents('valarm').map((a) => `${String(a.getFirstPropertyValue('action'))} ${String(a.getFirstPropertyValue('trigger'))}`).sort()).toEqual([
      'AUDIO -PT1H',
      'DISPLAY -PT10M',
      'DISPLAY -PT1H',
    ]);
    // The Berlin VTIMEZONE went with the old time; New York's came with the new one.
    expect(updated.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['America/New_York']);
    expect(readCalendarObject(updated.toString(), '/x', 'e')!.timing).toEqual(moved.timing);
  });

  it('writes all-day events as dates with an exclusive end', () => {
    const ics = buildCalendarObject(draft({ timing: { type: 'allDay', date: '2026-12-31' }, reminderMinutes: [] }), 'k', NOW);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261231');
    expect(ics).toContain('DTEND;VALUE=DATE:20270101');
    expect(ics).not.toContain('VTIMEZONE');
    expect(readCalendarObject(ics, '/x', 'e')!.timing).toEqual({ type: 'allDay', date: '2026-12-31' });
  });
});

describe("reading other apps' events", () => {
  it('resolves a Windows zone name through the VTIMEZONE in the resource', () => {
    const ics = crlf([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
      'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16011028T030000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010325T020000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT', 'UID:outlook-1', 'DTSTAMP:20260101T000000Z', 'SUMMARY:Team lunch',
      'DTSTART;TZID=W. Europe Standard Time:20260715T120000', 'DTEND;TZID=W. Europe Standard Time:20260715T130000',
      'END:VEVENT', 'END:VCALENDAR',
    ]);
    const event = readCalendarObject(ics, '/x', 'e')!;
    expect(event.sourceId).toBeNull();
    expect(event.timing).toEqual({ type: 'timed', startUtc: '2026-07-15T10:00:00Z', endUtc: '2026-07-15T11:00:00Z', zone: 'UTC' });
  });

  it('reads DURATION instead of DTEND, and a floating time as UTC', () => {
    const ics = crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', 'UID:f', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260301T090000', 'DURATION:PT90M', 'END:VEVENT', 'END:VCALENDAR']);
    expect(readCalendarObject(ics, '/x', 'e')!.timing).toEqual({ type: 'timed', startUtc: '2026-03-01T09:00:00Z', endUtc: '2026-03-01T10:30:00Z', zone: 'UTC' });
  });

  it('skips a task, and calls unreadable text unreadable', () => {
    const todo = crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VTODO', 'UID:t', 'DTSTAMP:20260101T000000Z', 'SUMMARY:Buy milk', 'END:VTODO', 'END:VCALENDAR']);
    expect(readCalendarObject(todo, '/x', 'e')).toBeNull();
    expect(() => readCalendarObject('this is not iCalendar', '/x', 'e')).toThrow(UnreadableIcsError);
  });
});
