// The fast instant reader must agree with luxon (what stored hashes were made
// with) on every string: exactly, where it answers; by declining, where it does not.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { instantMs, utcIso, utcText } from '../../src/main/core/time/instant';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const luxonUtc = (s: string, suppress: boolean): string | null => {
  const d = DateTime.fromISO(s, { setZone: true });
  return d.isValid ? d.toUTC().toISO({ suppressMilliseconds: suppress }) : null;
};

const instantText = fc
  .record({
    year: fc.integer({ min: 1900, max: 2200 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.option(fc.integer({ min: 0, max: 59 })),
    millis: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 }))),
    offset: fc.oneof(fc.constant('Z'), fc.integer({ min: -14 * 60, max: 14 * 60 }).map((m) => `${m < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`)),
  })
  .map(({ year, month, day, hour, minute, second, millis, offset }) => {
    const sec = second === null ? '' : `:${pad(second)}${millis === null ? '' : `.${pad(millis, 3)}`}`;
    return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${sec}${offset}`;
  });

describe('instantMs and utcIso', () => {
  it('write what luxon writes for every instant they read, and decline only what luxon also rejects or reads another way', () => {
    fc.assert(
      fc.property(instantText, fc.boolean(), (text, suppress) => {
        const ms = instantMs(text);
        const luxon = luxonUtc(text, suppress);
        if (ms === null) expect(luxon).toBeNull(); // only impossible dates are declined from this grammar
        else expect(utcIso(ms, suppress)).toBe(luxon);
      }),
      { numRuns: 5000 },
    );
  });

  it('declines what it cannot read the same way, so the caller asks luxon', () => {
    for (const text of ['2026-12-03T10:00:00', '2026-12-03', '2026-12-03T10:00:00.123456Z', '2026-12-03T24:00:00Z', '2026-02-30T10:00:00Z', '2026-12-03t10:00:00z', 'soon']) {
      expect(instantMs(text), text).toBeNull();
    }
  });

  it('writes milliseconds always, or only when there are some', () => {
    expect(utcIso(Date.parse('2026-12-03T10:00:00+01:00'), true)).toBe('2026-12-03T09:00:00Z');
    expect(utcIso(Date.parse('2026-12-03T10:00:00+01:00'), false)).toBe('2026-12-03T09:00:00.000Z');
    expect(utcIso(Date.parse('2026-12-03T10:00:00.250Z'), true)).toBe('2026-12-03T10:00:00.250Z');
  });

  it('reads text without an offset with luxon in the zone given, and says null for what neither reads', () => {
    expect(utcText('2026-12-03T10:00:00', false, 'Europe/Berlin')).toBe('2026-12-03T09:00:00.000Z');
    expect(utcText('2026-12-03T10:00:00+01:00', true, 'America/New_York')).toBe('2026-12-03T09:00:00Z');
    expect(utcText('2026-12-03T10:00:00.123456Z', true)).toBe('2026-12-03T10:00:00.123Z');
    expect(utcText('soon', true)).toBeNull();
  });
});
