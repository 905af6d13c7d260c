import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../src/shared/domain';
import { itemsForApplication, patchFromTiming } from '../../src/main/core/copilot/to-items';
import type { CopilotApplication } from '../../src/main/core/copilot/copilot-types';

const job = { title: 'Backend Engineer', company: 'Acme', location: 'Berlin' };

function app(over: Partial<CopilotApplication> = {}): CopilotApplication {
  return { id: 42, user_id: 1, job_id: 7, status: 'interview', interview_date: '2026-03-30T10:00:00', follow_up_date: '2026-04-02', notes: 'Bring portfolio', created_at: '2026-02-01T09:00:00', updated_at: '2026-02-20T09:00:00', ...over };
}

function prefs(over: Partial<Preferences> = {}): Preferences {
  return { ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin', ...over };
}

describe('applications → calendar items', () => {
  it('titles an interview with role and company and reads the naive time in the user zone', () => {
    const [interview] = itemsForApplication(app(), job, prefs());
    expect(interview?.title).toBe('Interview: Backend Engineer at Acme');
    expect(interview?.sourceId).toBe('application:42:interview');
    // 30 March 2026 is after the EU switch to summer time (29 March): UTC+2.
    expect(interview?.timing).toEqual({ type: 'timed', startUtc: '2026-03-30T08:00:00Z', endUtc: '2026-03-30T09:00:00Z', zone: 'Europe/Berlin' });
    expect(interview?.location).toBe('Berlin');
  });

  it('keeps the same wall time on both sides of a DST change', () => {
    const before = itemsForApplication(app({ interview_date: '2026-03-28T10:00:00' }), job, prefs())[0];
    const after = itemsForApplication(app({ interview_date: '2026-03-29T10:00:00' }), job, prefs())[0];
    expect(before?.timing.type === 'timed' && before.timing.startUtc).toBe('2026-03-28T09:00:00Z');
    expect(after?.timing.type === 'timed' && after.timing.startUtc).toBe('2026-03-29T08:00:00Z');
  });

  it('moves a time that does not exist (spring-forward gap) forward instead of failing', () => {
    const [gap] = itemsForApplication(app({ interview_date: '2026-03-29T02:30:00' }), job, prefs());
    expect(gap?.timing.type === 'timed' && gap.timing.startUtc).toBe('2026-03-29T01:30:00Z');
  });

  it('makes follow-ups all-day by default and timed at the preferred hour otherwise', () => {
    const allDay = itemsForApplication(app(), job, prefs()).find((i) => i.kind === 'follow_up');
    expect(allDay?.timing).toEqual({ type: 'allDay', date: '2026-04-02' });
    const timed = itemsForApplication(app(), job, prefs({ followUpHour: 9 })).find((i) => i.kind === 'follow_up');
    expect(timed?.timing).toEqual({ type: 'timed', startUtc: '2026-04-02T07:00:00Z', endUtc: '2026-04-02T07:30:00Z', zone: 'Europe/Berlin' });
  });

  it('cancels every item of a rejected, declined or deleted application, whatever its date (no clock)', () => {
    for (const status of ['rejected', 'declined'] as const) {
      const items = itemsForApplication(app({ status }), job, prefs());
      expect(items.every((i) => i.cancelled)).toBe(true);
    }
    const past = itemsForApplication(app({ status: 'rejected', interview_date: '2026-02-10T10:00:00', follow_up_date: null }), job, prefs());
    expect(past.every((i) => i.cancelled)).toBe(true);
    expect(itemsForApplication(app(), job, prefs(), true).every((i) => i.cancelled)).toBe(true);
  });

  it('hashes Career Copilot\'s data, not how it is rendered: preferences never change the source hash', () => {
    const base = itemsForApplication(app(), job, prefs());
    for (const p of [prefs({ reminderMinutes: 5 }), prefs({ detail: 'busy_only' }), prefs({ timeZone: 'America/New_York' }), prefs({ defaultDurationMinutes: 120 }), prefs({ followUpHour: 9 })]) {
      const other = itemsForApplication(app(), job, p);
      expect(other.map((i) => i.hash)).toEqual(base.map((i) => i.hash));
    }
    const renamed = itemsForApplication(app(), { ...job, company: 'Acme Corp' }, prefs());
    expect(renamed[0]?.hash).not.toBe(base[0]?.hash);
  });

  it('derives a prep block for every interview; the preference decides whether it is wanted', () => {
    const block = itemsForApplication(app(), job, prefs({ reminderStyle: 'block', reminderMinutes: 45 })).find((i) => i.kind === 'reminder');
    expect(block?.timing).toEqual({ type: 'timed', startUtc: '2026-03-30T07:15:00Z', endUtc: '2026-03-30T08:00:00Z', zone: 'Europe/Berlin' });
  });

  it('names an application without a job by its number and changes the hash when content changes', () => {
    const [a] = itemsForApplication(app(), null, prefs());
    expect(a?.title).toBe('Interview: application #42');
    const [b] = itemsForApplication(app({ interview_date: '2026-03-30T11:00:00' }), null, prefs());
    expect(a?.hash).not.toBe(b?.hash);
  });

  it('turns a moved calendar time back into a naive Career Copilot time in the user zone', () => {
    const current = { type: 'timed' as const, startUtc: '2026-10-24T08:00:00Z', endUtc: '2026-10-24T09:00:00Z', zone: 'Europe/Berlin' };
    // 26 October 2026 is after the EU switch back to winter time: UTC+1.
    const moved = { type: 'timed' as const, startUtc: '2026-10-26T09:00:00Z', endUtc: '2026-10-26T10:00:00Z', zone: 'Europe/Berlin' };
    expect(patchFromTiming('interview', moved, current, 'Europe/Berlin')).toEqual({ interview_date: '2026-10-26T10:00:00' });
    expect(patchFromTiming('follow_up', { type: 'allDay', date: '2026-11-03' }, current, 'Europe/Berlin')).toEqual({ follow_up_date: '2026-11-03' });
    expect(patchFromTiming('reminder', moved, current, 'Europe/Berlin')).toBeNull();
  });

  it('handles New York fall-back: an ambiguous 01:30 resolves to one instant', () => {
    const [ny] = itemsForApplication(app({ interview_date: '2026-11-01T01:30:00' }), job, prefs({ timeZone: 'America/New_York' }));
    const start = ny?.timing.type === 'timed' ? ny.timing.startUtc : '';
    expect(['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']).toContain(start);
  });
});

describe('item times, as stored hashes were made', () => {
  // Links store hashes of these strings: they must stay what luxon's calendar arithmetic wrote.
  const luxonUtc = (d: DateTime): string | null => d.toUTC().toISO({ suppressMilliseconds: true });
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  const pad = (n: number): string => String(n).padStart(2, '0');

  it('writes the interview, its prep block and the timed follow-up exactly as luxon does, across DST changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 5, max: 240 }),
        fc.integer({ min: 0, max: 180 }),
        fc.integer({ min: 0, max: 23 }),
        (zone, when, duration, reminder, hour) => {
          const naive = `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}T${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:00`;
          const day = naive.slice(0, 10);
          const p = prefs({ timeZone: zone, defaultDurationMinutes: duration, reminderMinutes: reminder, followUpHour: hour });
          const items = itemsForApplication(app({ interview_date: naive, follow_up_date: day }), job, p);
          const start = DateTime.fromISO(naive, { zone });
          const prep = start.minus({ minutes: Math.max(reminder, 5) });
          const followUp = DateTime.fromISO(day, { zone }).set({ hour, minute: 0, second: 0, millisecond: 0 });
          const timingOf = (kind: string): unknown => items.find((i) => i.kind === kind)?.timing;
          expect(timingOf('interview')).toEqual({ type: 'timed', startUtc: luxonUtc(start), endUtc: luxonUtc(start.plus({ minutes: duration })), zone });
          expect(timingOf('reminder')).toEqual({ type: 'timed', startUtc: luxonUtc(prep), endUtc: luxonUtc(start), zone });
          expect(timingOf('follow_up')).toEqual({ type: 'timed', startUtc: luxonUtc(followUp), endUtc: luxonUtc(followUp.plus({ minutes: 30 })), zone });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
