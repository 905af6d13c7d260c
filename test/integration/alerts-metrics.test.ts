// What the user is told when things keep failing, and the numbers behind the
// metrics page, from a real run against the sandboxes.
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startHarness, type Harness } from '../fixtures/harness';
import type { Alert } from '../../src/shared/contract';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const soon = (days: number): string => DateTime.now().plus({ days }).toFormat("yyyy-MM-dd'T'10:00:00");

describe('alerts and metrics', () => {
  it('raises one desktop notification when more than five failures happen within an hour', async () => {
    h = await startHarness();
    const job = h.copilot.addJob({ title: 'QA Engineer', company: 'Umbrella', location: null });
    h.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: soon(2), follow_up_date: null }, 'jane@careercopilot.example');
    const alerts: Alert[] = [];
    h.core.on('alert', (a) => alerts.push(a));
    h.copilot.failNext(100, 503); // Career Copilot is down for a while
    for (let i = 0; i < 8; i++) await h.core.syncNow({}); // six failures cross the line; two more must not notify again
    const notifications = alerts.filter((a) => a.id.startsWith('failures-'));
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.message).toMatch(/failed \d+ times in the last hour/);
    const state = await h.core.getState();
    expect(state.lastRun?.outcome).toBe('partial');
  }, 120_000);

  it('reports calendars, writes, requests per run and latency', async () => {
    h = await startHarness();
    const job = h.copilot.addJob({ title: 'SRE', company: 'Hooli', location: 'Zurich' });
    for (let i = 0; i < 5; i++) h.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: soon(2 + i), follow_up_date: null }, 'jane@careercopilot.example');
    await h.core.syncNow({});
    await h.core.syncNow({});
    const m = await h.core.getMetrics();
    expect(m.connectedCalendars).toBe(1);
    expect(m.perProvider.google?.successes).toBeGreaterThanOrEqual(5);
    expect(m.perProvider.google?.failures).toBe(0);
    expect(m.runs).toBe(2);
    expect(m.averageRequestsPerRun).toBeGreaterThan(0);
    expect(m.p95LatencyMs).not.toBeNull();
    const { jsonLines } = await h.core.exportAudit();
    const actions = jsonLines.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toContain('connect');
    expect(actions.filter((a) => a === 'calendar.create')).toHaveLength(5);
  });
});
