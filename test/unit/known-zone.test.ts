import { afterEach, describe, expect, it } from 'vitest';
import { IANAZone } from 'luxon';
import { isKnownZone } from '../../src/main/core/time/known-zone';
import { timingOf, toGoogleEvent } from '../../src/main/core/providers/google/google-event-mapping';

const RealDateTimeFormat = Intl.DateTimeFormat;

/** Counts Intl.DateTimeFormat constructions: each one holds tens of KiB of ICU memory outside the JS heap. */
function countFormatters(): { count: () => number } {
  let n = 0;
  Intl.DateTimeFormat = new Proxy(RealDateTimeFormat, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      n += 1;
      return new target(...args);
    },
    apply(target, _this, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      n += 1;
      return target(...args);
    },
  });
  return { count: () => n };
}

afterEach(() => {
  Intl.DateTimeFormat = RealDateTimeFormat;
});

describe('isKnownZone', () => {
  it('agrees with the runtime on real, aliased and made-up zones', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata', 'US/Pacific', 'Mars/Olympus', '', 'Europe/Berlin\u0000']) {
      expect(isKnownZone(zone), zone).toBe(IANAZone.isValidZone(zone));
    }
  });

  it('builds at most one formatter per zone name, however often it is asked', () => {
    const formatters = countFormatters();
    for (let i = 0; i < 1000; i++) isKnownZone('Pacific/Auckland');
    expect(formatters.count()).toBeLessThanOrEqual(1);
  });

  it('keeps no memory of names that are not zones', () => {
    const formatters = countFormatters();
    for (let i = 0; i < 3; i++) expect(isKnownZone('Not/AZone')).toBe(false);
    // Each made-up name is checked again: caching them would let arbitrary input grow the cache.
    expect(formatters.count()).toBe(3);
  });
});

describe('Google event mapping per event', () => {
  it('builds no time-zone formatter per event once a zone has been seen', () => {
    const timing = { type: 'timed', startUtc: '2026-05-04T12:00:00.000Z', endUtc: '2026-05-04T13:00:00.000Z', zone: 'Australia/Perth' } as const;
    const sample = toGoogleEvent({ sourceId: 'application:1:interview', title: 't', timing, location: null, description: null, reminderMinutes: [], transparency: 'opaque' });
    timingOf(sample);
    const formatters = countFormatters();
    for (let i = 0; i < 200; i++) {
      const event = toGoogleEvent({ sourceId: `application:${i}:interview`, title: 't', timing, location: null, description: null, reminderMinutes: [], transparency: 'opaque' });
      expect(timingOf(event)?.type).toBe('timed');
    }
    expect(formatters.count()).toBe(0);
  });
});
