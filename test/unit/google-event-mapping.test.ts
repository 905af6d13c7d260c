import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError, ProviderError } from '../../src/shared/errors';
import { SOURCE_TAG, type EventDraft } from '../../src/main/core/providers/provider';
import { base32hex, googleEventIdFor, isValidGoogleEventId } from '../../src/main/core/providers/google/google-event-id';
import { readGoogleEvent, timingOf, toGoogleEvent, toGooglePatch, toLiveEvent } from '../../src/main/core/providers/google/google-event-mapping';

const draft = (overrides: Partial<EventDraft> = {}): EventDraft => ({
  sourceId: 'application:42:interview',
  title: 'Interview: Acme — Engineer',
  timing: { type: 'timed', startUtc: '2026-05-04T12:00:00.000Z', endUtc: '2026-05-04T13:00:00.000Z', zone: 'Europe/Berlin' },
  location: 'Berlin',
  description: 'Bring portfolio',
  reminderMinutes: [30, 1440],
  transparency: 'opaque',
  ...overrides,
});

describe('event ids', () => {
  it('encodes base32hex per RFC 4648 test vectors (lowercase, no padding)', () => {
    const enc = (s: string) => base32hex(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('co');
    expect(enc('fo')).toBe('cpng');
    expect(enc('foo')).toBe('cpnmu');
    expect(enc('foob')).toBe('cpnmuog');
    expect(enc('fooba')).toBe('cpnmuoj1');
    expect(enc('foobar')).toBe('cpnmuoj1e8');
  });

  it('derives the same valid id from the same source id, different ids from different ones', () => {
    const id = googleEventIdFor('application:42:interview');
    expect(id).toBe(googleEventIdFor('application:42:interview'));
    expect(id).not.toBe(googleEventIdFor('application:42:follow_up'));
    expect(isValidGoogleEventId(id)).toBe(true);
    // Decodes back to the tagged source id.
    expect(decodeBase32hex(id)).toBe('ccal:application:42:interview');
  });

  it('is always valid for Google, whatever the source id holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (sourceId) => {
        const id = googleEventIdFor(sourceId);
        expect(isValidGoogleEventId(id)).toBe(true);
        expect(decodeBase32hex(id)).toBe(`ccal:${sourceId}`);
      }),
    );
  });

  it('refuses a source id too long for Google', () => {
    expect(() => googleEventIdFor('x'.repeat(700))).toThrow(AppError);
  });
});

describe('draft → Google event', () => {
  it('writes our fields, popup reminders, the private tag and confirmed status', () => {
    const event = toGoogleEvent(draft());
    expect(event).toEqual({
      summary: 'Interview: Acme — Engineer',
      location: 'Berlin',
      description: 'Bring portfolio',
      start: { dateTime: '2026-05-04T14:00:00+02:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-05-04T15:00:00+02:00', timeZone: 'Europe/Berlin' },
      reminders: {
        useDefault: false,
        overrides: [
          { method: 'popup', minutes: 30 },
          { method: 'popup', minutes: 1440 },
        ],
      },
      transparency: 'opaque',
      status: 'confirmed',
      extendedProperties: { private: { [SOURCE_TAG]: 'application:42:interview' } },
    });
  });

  it('omits empty text and writes no reminder overrides when none are wanted', () => {
    const event = toGoogleEvent(draft({ location: null, description: null, reminderMinutes: [], transparency: 'transparent' }));
    expect(event.location).toBeUndefined();
    expect(event.description).toBeUndefined();
    expect(event.reminders).toEqual({ useDefault: false, overrides: [] });
    expect(event.transparency).toBe('transparent');
  });

  it('writes all-day events with an exclusive next-day end, across month and year ends', () => {
    expect(toGoogleEvent(draft({ timing: { type: 'allDay', date: '2026-02-28' } })).end).toEqual({ date: '2026-03-01' });
    expect(toGoogleEvent(draft({ timing: { type: 'allDay', date: '2026-12-31' } }))).toMatchObject({
      start: { date: '2026-12-31' },
      end: { date: '2027-01-01' },
    });
  });

  it('uses the right offset on both sides of Berlin spring-forward (2026-03-29)', () => {
    // 00:30Z is 01:30 CET; 01:30Z is 03:30 CEST (02:00–03:00 local does not exist).
    const event = toGoogleEvent(
      draft({ timing: { type: 'timed', startUtc: '2026-03-29T00:30:00.000Z', endUtc: '2026-03-29T01:30:00.000Z', zone: 'Europe/Berlin' } }),
    );
    expect(event.start).toEqual({ dateTime: '2026-03-29T01:30:00+01:00', timeZone: 'Europe/Berlin' });
    expect(event.end).toEqual({ dateTime: '2026-03-29T03:30:00+02:00', timeZone: 'Europe/Berlin' });
  });

  it('tells apart the two 01:30s of New York fall-back (2026-11-01)', () => {
    const event = toGoogleEvent(
      draft({ timing: { type: 'timed', startUtc: '2026-11-01T05:30:00.000Z', endUtc: '2026-11-01T06:30:00.000Z', zone: 'America/New_York' } }),
    );
    expect(event.start).toEqual({ dateTime: '2026-11-01T01:30:00-04:00', timeZone: 'America/New_York' });
    expect(event.end).toEqual({ dateTime: '2026-11-01T01:30:00-05:00', timeZone: 'America/New_York' });
  });

  it('refuses an unknown zone or a broken instant', () => {
    expect(() => toGoogleEvent(draft({ timing: { type: 'timed', startUtc: '2026-01-01T00:00:00Z', endUtc: '2026-01-01T01:00:00Z', zone: 'Mars/Olympus' } }))).toThrow(AppError);
    expect(() => toGoogleEvent(draft({ timing: { type: 'timed', startUtc: 'tomorrow', endUtc: '2026-01-01T01:00:00Z', zone: 'UTC' } }))).toThrow(AppError);
  });
});

describe('draft → Google patch', () => {
  it('writes only our fields, clears the text we no longer write, and leaves status alone', () => {
    const patch = toGooglePatch(draft({ location: null, description: null, reminderMinutes: [] }));
    expect(patch).toEqual({
      summary: 'Interview: Acme — Engineer',
      location: null,
      description: null,
      start: { dateTime: '2026-05-04T14:00:00+02:00', timeZone: 'Europe/Berlin', date: null },
      end: { dateTime: '2026-05-04T15:00:00+02:00', timeZone: 'Europe/Berlin', date: null },
      reminders: { useDefault: false, overrides: [] },
      transparency: 'opaque',
      extendedProperties: { private: { [SOURCE_TAG]: 'application:42:interview' } },
    });
    // Nothing the user may have added is named, so the patch keeps it.
    for (const key of ['attendees', 'colorId', 'conferenceData', 'status', 'visibility', 'recurrence']) expect(patch).not.toHaveProperty(key);
  });

  it('nulls the other kind of time, so a timed event can become all-day under merge semantics', () => {
    expect(toGooglePatch(draft({ timing: { type: 'allDay', date: '2026-05-04' } }))).toMatchObject({
      start: { date: '2026-05-04', dateTime: null, timeZone: null },
      end: { date: '2026-05-05', dateTime: null, timeZone: null },
    });
  });

  it('confirms the event only when reviving our own deleted one', () => {
    expect(toGooglePatch(draft(), { revive: true }).status).toBe('confirmed');
  });
});

describe('Google event → RemoteEvent', () => {
  const ours = {
    id: 'abc123',
    etag: '"3181161784712000"',
    updated: '2026-03-01T10:00:00.000Z',
    status: 'confirmed',
    summary: 'Interview',
    start: { dateTime: '2026-03-29T03:30:00+02:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-29T04:30:00+02:00', timeZone: 'Europe/Berlin' },
    extendedProperties: { private: { [SOURCE_TAG]: 'application:7:interview', other: 'x' } },
    kind: 'calendar#event',
    reminders: { useDefault: true },
  };

  it('maps a timed event to UTC instants plus its zone, across Berlin spring-forward', () => {
    expect(readGoogleEvent(ours)).toEqual({
      kind: 'live',
      event: {
        remoteId: 'abc123',
        revision: '"3181161784712000"',
        updated: '2026-03-01T10:00:00.000Z',
        sourceId: 'application:7:interview',
        title: 'Interview',
        timing: { type: 'timed', startUtc: '2026-03-29T01:30:00.000Z', endUtc: '2026-03-29T02:30:00.000Z', zone: 'Europe/Berlin' },
        webLink: null,
      },
    });
  });

  it('reads both New York 01:30s on 2026-11-01 as different instants', () => {
    const timing = timingOf({
      start: { dateTime: '2026-11-01T01:30:00-04:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-11-01T01:30:00-05:00', timeZone: 'America/New_York' },
    });
    expect(timing).toEqual({ type: 'timed', startUtc: '2026-11-01T05:30:00.000Z', endUtc: '2026-11-01T06:30:00.000Z', zone: 'America/New_York' });
  });

  it('round-trips drafts through Google JSON, DST edges included', () => {
    for (const timing of [
      { type: 'timed', startUtc: '2026-03-29T00:30:00.000Z', endUtc: '2026-03-29T01:30:00.000Z', zone: 'Europe/Berlin' },
      { type: 'timed', startUtc: '2026-11-01T05:30:00.000Z', endUtc: '2026-11-01T06:30:00.000Z', zone: 'America/New_York' },
      { type: 'allDay', date: '2026-11-01' },
    ] as const) {
      const json = { ...toGoogleEvent(draft({ timing })), id: 'x1234', etag: '"1"', updated: '2026-01-01T00:00:00.000Z' };
      expect(toLiveEvent(json).timing).toEqual(timing);
      expect(toLiveEvent(json).sourceId).toBe('application:42:interview');
    }
  });

  it('uses UTC when Google gives no zone, and honours an offset-less dateTime in the given zone', () => {
    expect(timingOf({ start: { dateTime: '2026-01-10T09:00:00Z' }, end: { dateTime: '2026-01-10T10:00:00Z' } })).toEqual({
      type: 'timed',
      startUtc: '2026-01-10T09:00:00.000Z',
      endUtc: '2026-01-10T10:00:00.000Z',
      zone: 'UTC',
    });
    expect(timingOf({ start: { dateTime: '2026-07-10T09:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-07-10T10:00:00', timeZone: 'Europe/Berlin' } })).toMatchObject({
      startUtc: '2026-07-10T07:00:00.000Z',
    });
  });

  it('maps all-day events to their start date (Google end dates are exclusive)', () => {
    expect(toLiveEvent({ ...ours, start: { date: '2026-04-01' }, end: { date: '2026-04-02' } }).timing).toEqual({ type: 'allDay', date: '2026-04-01' });
  });

  it('reads a cancelled event as a removal, whatever else it carries or lacks', () => {
    expect(readGoogleEvent({ id: 'gone1', status: 'cancelled' })).toEqual({ kind: 'removed', remoteId: 'gone1', etag: null });
    expect(readGoogleEvent({ kind: 'calendar#event', etag: '"9"', id: 'gone2', status: 'cancelled' })).toEqual({ kind: 'removed', remoteId: 'gone2', etag: '"9"' });
    // Our tag and times on a tombstone change nothing; broken fields do not make it unreadable.
    expect(readGoogleEvent({ ...ours, status: 'cancelled' })).toEqual({ kind: 'removed', remoteId: 'abc123', etag: ours.etag });
    expect(readGoogleEvent({ id: 'gone3', status: 'cancelled', etag: 42, start: 'garbage', extendedProperties: 'x' })).toEqual({ kind: 'removed', remoteId: 'gone3', etag: null });
  });

  it('refuses a tombstone where a live event must be (an insert answer)', () => {
    expect(() => toLiveEvent({ id: 'gone1', status: 'cancelled' })).toThrow(ProviderError);
  });

  it('keeps events the app did not create, with a null source id; ignores those it cannot read', () => {
    const { extendedProperties: _drop, ...foreign } = ours;
    expect(toLiveEvent(foreign).sourceId).toBeNull();
    expect(readGoogleEvent({ id: 'weird', etag: '"e"', start: { date: 'not-a-date' } })).toEqual({ kind: 'foreign_unreadable', remoteId: 'weird' });
    expect(readGoogleEvent({ ...foreign, etag: undefined })).toEqual({ kind: 'foreign_unreadable', remoteId: 'abc123' });
  });

  it('calls an unreadable event of ours, or one without an id, a bad response', () => {
    const expectBad = (json: unknown) => {
      try {
        readGoogleEvent(json);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ProviderError);
        expect((error as ProviderError).code).toBe('provider_bad_response');
      }
    };
    expectBad(null);
    expectBad({ summary: 'no id' });
    expectBad({ status: 'cancelled' });
    expectBad({ ...ours, start: { dateTime: 'garbage' } });
    expectBad({ ...ours, end: undefined });
    expectBad({ ...ours, etag: undefined });
  });
});

function decodeBase32hex(text: string): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    buffer = (buffer << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
