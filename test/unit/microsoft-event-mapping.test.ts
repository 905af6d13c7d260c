import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, SOURCE_PROPERTY_ID, transactionIdFor } from '../../src/main/core/providers/microsoft/microsoft-ids';
import { parseGraphEvent, sourceTagOf, timingOf, toGraphEvent, toRemoteEvent } from '../../src/main/core/providers/microsoft/microsoft-event-mapping';
import type { EventDraft } from '../../src/main/core/providers/provider';

const draft = (overrides: Partial<EventDraft> = {}): EventDraft => ({
  sourceId: 'application:7:interview',
  title: 'Interview',
  timing: { type: 'timed', startUtc: '2026-03-29T00:30:00.000Z', endUtc: '2026-03-29T01:30:00.000Z', zone: 'Europe/Berlin' },
  location: null,
  description: null,
  reminderMinutes: [10, 60],
  transparency: 'opaque',
  ...overrides,
});

describe('Graph event mapping', () => {
  it('writes wall-clock time in the IANA zone across the spring-forward gap', () => {
    const body = toGraphEvent(draft(), { key: 'k', calendarId: 'default' });
    // 00:30Z is 01:30 CET; 01:30Z is 03:30 CEST (02:00–03:00 does not exist that night).
    expect(body.start).toEqual({ dateTime: '2026-03-29T01:30:00', timeZone: 'Europe/Berlin' });
    expect(body.end).toEqual({ dateTime: '2026-03-29T03:30:00', timeZone: 'Europe/Berlin' });
    expect(body).toMatchObject({ isAllDay: false, isReminderOn: true, reminderMinutesBeforeStart: 60, showAs: 'busy', body: { contentType: 'text', content: '' }, location: { displayName: '' } });
    expect(body.singleValueExtendedProperties).toEqual([{ id: SOURCE_PROPERTY_ID, value: 'application:7:interview' }]);
    expect(body.transactionId).toBe(transactionIdFor('k', 'default'));
  });

  it('writes busy-only blocks as free time when asked, no reminder, and no transactionId on a PATCH', () => {
    const body = toGraphEvent(draft({ transparency: 'transparent', reminderMinutes: [] }), null);
    expect(body).toMatchObject({ showAs: 'free', isReminderOn: false });
    expect(body).not.toHaveProperty('reminderMinutesBeforeStart');
    expect(body).not.toHaveProperty('transactionId');
  });

  it('writes all-day events midnight to midnight, the end exclusive', () => {
    const body = toGraphEvent(draft({ timing: { type: 'allDay', date: '2026-12-31' } }), null);
    expect(body).toMatchObject({ isAllDay: true, start: { dateTime: '2026-12-31T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-01T00:00:00', timeZone: 'UTC' } });
  });

  it('reads UTC times; a Windows zone name never becomes the event\'s zone', () => {
    const json = parseGraphEvent({
      id: 'AAMkA1=',
      '@odata.etag': 'W/"ck1"',
      subject: 'Moved in Outlook',
      isAllDay: false,
      start: { dateTime: '2026-06-01T14:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-06-01T15:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'W. Europe Standard Time',
      singleValueExtendedProperties: [{ id: SOURCE_PROPERTY_ID.toLowerCase(), value: 'application:1:interview' }],
    });
    expect(sourceTagOf(json)).toBe('application:1:interview');
    expect(toRemoteEvent(json, sourceTagOf(json))).toEqual({
      remoteId: 'AAMkA1=',
      revision: 'W/"ck1"',
      updated: null,
      sourceId: 'application:1:interview',
      title: 'Moved in Outlook',
      timing: { type: 'timed', startUtc: '2026-06-01T14:00:00.000Z', endUtc: '2026-06-01T15:00:00.000Z', zone: 'UTC' },
      webLink: null,
    });
    expect(timingOf({ ...json, originalStartTimeZone: 'America/New_York' })).toMatchObject({ zone: 'America/New_York' });
  });

  it('refuses our own event without readable times, and times in a zone it did not ask for', () => {
    const json = parseGraphEvent({ id: 'AAMkA2=', '@odata.etag': 'W/"x"', start: { dateTime: '2026-06-01T14:00:00', timeZone: 'Pacific Standard Time' }, end: { dateTime: '2026-06-01T15:00:00', timeZone: 'Pacific Standard Time' } });
    expect(timingOf(json)).toBeNull();
    expect(() => toRemoteEvent(json, 'application:2:interview')).toThrow(expect.objectContaining({ code: 'provider_bad_response' }));
  });
});

describe('identifiers', () => {
  it('derives one transactionId per key and calendar', () => {
    expect(transactionIdFor('k1', 'default')).toBe(transactionIdFor('k1', 'default'));
    expect(transactionIdFor('k1', 'default')).not.toBe(transactionIdFor('k2', 'default'));
    expect(transactionIdFor('k1', 'default')).not.toBe(transactionIdFor('k1', 'AAMkAother='));
  });

  it('keeps the window with the deltaLink, and reads anything else as no cursor', () => {
    const text = encodeCursor({ calendarId: 'default', window: { start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' }, deltaLink: 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=abc' });
    expect(decodeCursor(text)).toMatchObject({ calendarId: 'default', deltaLink: expect.stringContaining('$deltatoken=abc') });
    expect(decodeCursor('CPxyz-google-sync-token')).toBeNull();
    expect(decodeCursor(JSON.stringify({ v: 2 }))).toBeNull();
    expect(decodeCursor(null)).toBeNull();
  });
});
