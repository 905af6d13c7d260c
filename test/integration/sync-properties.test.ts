// Property-based (vdirsyncer's state-machine test, in spirit): random interleavings
// of edits in Career Copilot, edits "made by the user" in Google Calendar and sync
// runs, against the real sandboxes. After the user answers any open conflicts and
// two more syncs, both sides must agree, with no duplicate and nothing stuck.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { startHarness, taggedEvents, type Harness } from '../fixtures/harness';

const APPS = 4;
const ZONE = 'Europe/Berlin';

type Step =
  | { kind: 'copilotMove'; app: number; day: number; hour: number }
  | { kind: 'copilotReject'; app: number }
  | { kind: 'copilotReopen'; app: number }
  | { kind: 'calendarMove'; app: number; day: number; hour: number }
  | { kind: 'calendarDelete'; app: number }
  | { kind: 'copilotFollowUp'; app: number; day: number | null }
  | { kind: 'calendarMoveFollowUp'; app: number; day: number }
  | { kind: 'toggleFollowUps' }
  | { kind: 'reminderStyle'; style: 'alert' | 'block' }
  | { kind: 'sync' };

const app = fc.integer({ min: 0, max: APPS - 1 });
const day = fc.integer({ min: 2, max: 40 });
const hour = fc.integer({ min: 8, max: 17 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('copilotMove' as const), app, day, hour }),
  fc.record({ kind: fc.constant('copilotReject' as const), app }),
  fc.record({ kind: fc.constant('copilotReopen' as const), app }),
  fc.record({ kind: fc.constant('calendarMove' as const), app, day, hour }),
  fc.record({ kind: fc.constant('calendarDelete' as const), app }),
  fc.record({ kind: fc.constant('copilotFollowUp' as const), app, day: fc.option(day, { nil: null }) }),
  fc.record({ kind: fc.constant('calendarMoveFollowUp' as const), app, day }),
  fc.constant({ kind: 'toggleFollowUps' as const }),
  fc.record({ kind: fc.constant('reminderStyle' as const), style: fc.constantFrom('alert' as const, 'block' as const) }),
  fc.constant({ kind: 'sync' as const }),
  fc.constant({ kind: 'sync' as const }),
);

const local = (d: number, h: number): DateTime => DateTime.now().setZone(ZONE).startOf('day').plus({ days: d }).set({ hour: h });

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function apply(harness: Harness, ids: number[], s: Step): Promise<void> {
  const id = 'app' in s ? (ids[s.app] as number) : 0;
  const event = (): { id: string } | undefined => taggedEvents(harness.google).get(`application:${id}:interview`)?.[0];
  switch (s.kind) {
    case 'copilotMove':
      harness.copilot.updateApplication(id, { interview_date: local(s.day, s.hour).toFormat("yyyy-MM-dd'T'HH:mm:ss") });
      return;
    case 'copilotReject':
      harness.copilot.updateApplication(id, { status: 'rejected' });
      return;
    case 'copilotReopen':
      harness.copilot.updateApplication(id, { status: 'interview' });
      return;
    case 'calendarMove': {
      const e = event();
      const t = local(s.day, s.hour);
      if (e) harness.google.userMoveEvent('primary', e.id, { dateTime: t.toISO() ?? '', timeZone: ZONE }, { dateTime: t.plus({ hours: 1 }).toISO() ?? '', timeZone: ZONE });
      return;
    }
    case 'calendarDelete': {
      const e = event();
      if (e) harness.google.userDeleteEvent('primary', e.id);
      return;
    }
    case 'copilotFollowUp':
      harness.copilot.updateApplication(id, { follow_up_date: s.day === null ? null : local(s.day, 0).toISODate() });
      return;
    case 'calendarMoveFollowUp': {
      const e = taggedEvents(harness.google).get(`application:${id}:follow_up`)?.[0];
      const d = local(s.day, 0);
      if (e) harness.google.userMoveEvent('primary', e.id, { date: d.toISODate() ?? '' }, { date: d.plus({ days: 1 }).toISODate() ?? '' });
      return;
    }
    case 'toggleFollowUps': {
      const prefs = (await harness.core.getState()).preferences;
      await harness.core.setPreferences({ kinds: { follow_up: !prefs.kinds.follow_up } });
      return;
    }
    case 'reminderStyle':
      await harness.core.setPreferences({ reminderStyle: s.style });
      return;
    case 'sync':
      await harness.core.syncNow({});
      return;
  }
}

describe('sync converges under random interleavings', () => {
  it('leaves both sides agreeing, with no duplicates and nothing queued', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (steps) => {
        await h?.close();
        h = await startHarness({ timeZone: ZONE });
        await h.core.setPreferences({ maxDeletesWithoutAsking: 100 });
        const job = h.copilot.addJob({ title: 'Engineer', company: 'Acme', location: null });
        const ids = Array.from({ length: APPS }, (_, i) =>
          h!.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: local(3 + i, 10).toFormat("yyyy-MM-dd'T'HH:mm:ss"), follow_up_date: null }, 'jane@careercopilot.example').id,
        );
        await h.core.syncNow({});
        for (const s of steps) await apply(h, ids, s);

        // The user answers whatever was asked (conflicts, and deletions a safety stop
        // held back), then the app settles.
        await h.core.syncNow({});
        for (const c of await h.core.listConflicts()) await h.core.resolveConflict({ id: c.id, choice: 'keep_copilot', remember: false });
        await h.core.syncNow({ allowDeletes: true });
        await h.core.syncNow({ allowDeletes: true });

        const state = await h.core.getState();
        expect(state.openConflicts).toBe(0);
        expect(state.outbox).toMatchObject({ pending: 0, failed: 0 });
        const tagged = taggedEvents(h.google);
        const prefs = state.preferences;
        for (const [sourceId, copies] of tagged) expect(copies.length, sourceId).toBe(1);
        for (const item of await h.core.listItems()) {
          const copies = tagged.get(item.sourceId) ?? [];
          const wanted = !item.cancelled && prefs.kinds[item.kind] && (item.kind !== 'reminder' || prefs.reminderStyle === 'block');
          const link = item.links[0];
          if (!wanted) {
            expect(copies, `${item.sourceId} should not be in the calendar`).toHaveLength(0);
          } else if (copies.length === 1) {
            // Both sides agree on when it happens.
            const expected = item.timing.type === 'allDay' ? item.timing.date : DateTime.fromISO(item.timing.startUtc).toUTC().toISO();
            const start = copies[0]?.start ?? '';
            const actual = item.timing.type === 'allDay' ? start : DateTime.fromISO(start).toUTC().toISO();
            expect(actual, item.sourceId).toBe(expected);
            expect(link?.state, item.sourceId).toBe('synced');
          } else {
            // The only reason a wanted item has no event: the user deleted it in the calendar.
            expect(link?.state, item.sourceId).toBe('remote_deleted');
          }
        }
        // Career Copilot's side agrees too: every live interview event shows the application's time.
        for (const id of ids) {
          const application = h.copilot.application(id);
          const copy = tagged.get(`application:${id}:interview`)?.[0];
          if (copy) expect(DateTime.fromISO(copy.start ?? '').setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss")).toBe(application?.interview_date);
        }
      }),
      { numRuns: Number(process.env.CCAL_PROPERTY_RUNS ?? 12), endOnFailure: true, ...(process.env.CI ? { seed: 2026 } : {}) },
    );
  }, 300_000);
});
