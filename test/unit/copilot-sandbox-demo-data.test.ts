// demoData: realistic, deterministic, and covering the cases the sync must handle.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { CopilotApplication, CopilotJob } from '../../src/main/core/copilot/copilot-types';
import { demoData } from '../../src/sandbox/copilot';

const NOW = new Date('2026-03-10T08:15:00Z');

describe('demoData', () => {
  it('is the same for the same inputs', () => {
    expect(demoData(NOW)).toEqual(demoData(new Date(NOW.getTime())));
    expect(demoData(NOW, 40)).toEqual(demoData(NOW, 40));
    expect(demoData(NOW, 40)).not.toEqual(demoData(new Date('2026-03-11T08:15:00Z'), 40));
  });

  it('makes 12 by default, with jobs for every application, all valid for the client schema', () => {
    const { jobs, applications } = demoData(NOW);
    expect(applications).toHaveLength(12);
    const jobIds = new Set(jobs.map((j) => j.id));
    for (const app of applications) {
      expect(jobIds.has(app.job_id)).toBe(true);
      expect(CopilotApplication.safeParse(app).success).toBe(true);
    }
    for (const job of jobs) expect(CopilotJob.safeParse(job).success).toBe(true);
    expect(demoData(NOW, 300).applications).toHaveLength(300);
    expect(new Set(demoData(NOW, 300).applications.map((a) => a.id)).size).toBe(300);
  });

  it('has interviews in the coming weeks as naive local datetimes, and follow-ups', () => {
    const { applications } = demoData(NOW);
    const upcoming = applications.filter((a) => a.interview_date && a.interview_date > '2026-03-10');
    expect(upcoming.length).toBeGreaterThanOrEqual(5);
    for (const a of upcoming) expect(a.interview_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(applications.filter((a) => a.follow_up_date).length).toBeGreaterThanOrEqual(3);
    expect(new Set(applications.map((a) => a.status)).size).toBeGreaterThanOrEqual(5);
  });

  it('includes a rejected application whose interview is still ahead', () => {
    const rejected = demoData(NOW).applications.find((a) => a.status === 'rejected' && a.interview_date !== null);
    expect(rejected?.interview_date && rejected.interview_date > '2026-03-10').toBe(true);
  });

  it('puts interviews on both sides of the next daylight-saving change', () => {
    const interviews = demoData(NOW).applications.flatMap((a) => (a.interview_date ? [a.interview_date] : []));
    // Europe changes on 29 March 2026, the US on 8 March (already past) and then 1 November.
    expect(interviews).toContain('2026-03-27T16:00:00');
    expect(interviews).toContain('2026-03-30T09:00:00');
    expect(interviews).toContain('2026-11-02T10:30:00');
    const offset = (naive: string): number => DateTime.fromISO(naive, { zone: 'Europe/Berlin' }).offset;
    expect(offset('2026-03-27T16:00:00')).not.toBe(offset('2026-03-30T09:00:00'));
  });
});
