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
        await h.core.setPreferences({ kinds: { follow_up: false }, maxDeletesWithoutAsking: 100 });
        const job = h.copilot.addJob({ title: 'Engineer', company: 'Acme', location: null });
        const ids = Array.from({ length: APPS }, (_, i) =>
          h!.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: local(3 + i, 10).toFormat("yyyy-MM-dd'T'HH:mm:ss"), follow_up_date: null }, 'jane@careercopilot.example').id,
        );
        await h.core.syncNow({});
        for (const s of steps) await apply(h, ids, s);

        // The user answers whatever was asked, then the app settles.
        await h.core.syncNow({});
        for (const c of await h.core.listConflicts()) await h.core.resolveConflict({ id: c.id, choice: 'keep_copilot', remember: false });
        await h.core.syncNow({});
        await h.core.syncNow({});

        const state = await h.core.getState();
        expect(state.openConflicts).toBe(0);
        expect(state.outbox).toEqual({ pending: 0, failed: 0 });
        const tagged = taggedEvents(h.google);
        const items = new Map((await h.core.listItems()).map((i) => [i.sourceId, i]));
        for (const id of ids) {
          const sourceId = `application:${id}:interview`;
          const copies = tagged.get(sourceId) ?? [];
          expect(copies.length).toBeLessThanOrEqual(1);
          const application = h.copilot.application(id);
          const rejected = application?.status === 'rejected';
          const link = items.get(sourceId)?.links[0];
          if (rejected) {
            expect(copies).toHaveLength(0);
          } else if (copies.length === 1) {
            // Both sides agree on the time.
            const start = DateTime.fromISO(copies[0]?.start ?? '').setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss");
            expect(start).toBe(application?.interview_date);
            expect(link?.state).toBe('synced');
          } else {
            // The only reason a live interview has no event: the user deleted it in the calendar.
            expect(link?.state).toBe('remote_deleted');
          }
        }
      }),
      { numRuns: Number(process.env.CCAL_PROPERTY_RUNS ?? 12), endOnFailure: true },
    );
  }, 300_000);
});
