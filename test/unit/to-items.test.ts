import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../src/shared/domain';
import { itemsForApplication, patchFromTiming } from '../../src/main/core/copilot/to-items';
import type { CopilotApplication } from '../../src/main/core/copilot/copilot-types';

const job = { title: 'Backend Engineer', company: 'Acme', location: 'Berlin' };
const now = new Date('2026-03-01T00:00:00Z');

function app(over: Partial<CopilotApplication> = {}): CopilotApplication {
  return { id: 42, user_id: 1, job_id: 7, status: 'interview', interview_date: '2026-03-30T10:00:00', follow_up_date: '2026-04-02', notes: 'Bring portfolio', created_at: '2026-02-01T09:00:00', updated_at: '2026-02-20T09:00:00', ...over };
}

function prefs(over: Partial<Preferences> = {}): Preferences {
  return { ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin', ...over };
}

describe('applications → calendar items', () => {
  it('titles an interview with role and company and reads the naive time in the user zone', () => {
    const [interview] = itemsForApplication(app(), job, prefs(), now);
    expect(interview?.title).toBe('Interview: Backend Engineer at Acme');
    expect(interview?.sourceId).toBe('application:42:interview');
    // 30 March 2026 is after the EU switch to summer time (29 March): UTC+2.
    expect(interview?.timing).toEqual({ type: 'timed', startUtc: '2026-03-30T08:00:00Z', endUtc: '2026-03-30T09:00:00Z', zone: 'Europe/Berlin' });
    expect(interview?.location).toBe('Berlin');
  });

  it('keeps the same wall time on both sides of a DST change', () => {
    const before = itemsForApplication(app({ interview_date: '2026-03-28T10:00:00' }), job, prefs(), now)[0];
    const after = itemsForApplication(app({ interview_date: '2026-03-29T10:00:00' }), job, prefs(), now)[0];
    expect(before?.timing.type === 'timed' && before.timing.startUtc).toBe('2026-03-28T09:00:00Z');
    expect(after?.timing.type === 'timed' && after.timing.startUtc).toBe('2026-03-29T08:00:00Z');
  });

  it('moves a time that does not exist (spring-forward gap) forward instead of failing', () => {
    const [gap] = itemsForApplication(app({ interview_date: '2026-03-29T02:30:00' }), job, prefs(), now);
    expect(gap?.timing.type === 'timed' && gap.timing.startUtc).toBe('2026-03-29T01:30:00Z');
  });

  it('makes follow-ups all-day by default and timed at the preferred hour otherwise', () => {
    const allDay = itemsForApplication(app(), job, prefs(), now).find((i) => i.kind === 'follow_up');
    expect(allDay?.timing).toEqual({ type: 'allDay', date: '2026-04-02' });
    const timed = itemsForApplication(app(), job, prefs({ followUpHour: 9 }), now).find((i) => i.kind === 'follow_up');
    expect(timed?.timing).toEqual({ type: 'timed', startUtc: '2026-04-02T07:00:00Z', endUtc: '2026-04-02T07:30:00Z', zone: 'Europe/Berlin' });
  });

  it('cancels future events of a rejected or declined application but keeps past ones', () => {
    for (const status of ['rejected', 'declined'] as const) {
      const items = itemsForApplication(app({ status }), job, prefs(), now);
      expect(items.every((i) => i.cancelled)).toBe(true);
    }
    const past = itemsForApplication(app({ status: 'rejected', interview_date: '2026-02-10T10:00:00', follow_up_date: null }), job, prefs(), now);
    expect(past[0]?.cancelled).toBe(false);
  });

  it('adds a prep block only when reminders are blocks', () => {
    expect(itemsForApplication(app(), job, prefs(), now).some((i) => i.kind === 'reminder')).toBe(false);
    const block = itemsForApplication(app(), job, prefs({ reminderStyle: 'block', reminderMinutes: 45 }), now).find((i) => i.kind === 'reminder');
    expect(block?.timing).toEqual({ type: 'timed', startUtc: '2026-03-30T07:15:00Z', endUtc: '2026-03-30T08:00:00Z', zone: 'Europe/Berlin' });
  });

  it('names an application without a job by its number and changes the hash when content changes', () => {
    const [a] = itemsForApplication(app(), null, prefs(), now);
    expect(a?.title).toBe('Interview: application #42');
    const [b] = itemsForApplication(app({ interview_date: '2026-03-30T11:00:00' }), null, prefs(), now);
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
    const [ny] = itemsForApplication(app({ interview_date: '2026-11-01T01:30:00' }), job, prefs({ timeZone: 'America/New_York' }), now);
    const start = ny?.timing.type === 'timed' ? ny.timing.startUtc : '';
    expect(['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']).toContain(start);
  });
});
