// What every CalendarProvider must do, whatever the service: one suite run
// against each real provider pointed at a real server (contract-env.ts). The
// cases are the ones the sync engine relies on — idempotent creates, removals by
// remote id, revisions as preconditions, updates that keep the user's additions,
// complete paging, quiet incremental listings, foreign events ignored, deleted
// events gone, windows honoured — so a provider that passes can be synced.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timing } from '../../src/shared/domain';
import { ProviderError } from '../../src/shared/errors';
import type { ChangePage, EventDraft, ListingWindow, RemoteEvent } from '../../src/main/core/providers/provider';
import type { ContractEnv, ContractSetup } from './contract-env';

/**
 * A timing as sync compares it: instants, not how a service spells them or which
 * zone label it reports (a user's calendar app may store a moved event in UTC).
 */
function norm(t: Timing | null | undefined): { start: string; end: string } | { date: string } | null {
  if (!t) return null;
  if (t.type === 'allDay') return { date: t.date };
  return { start: new Date(t.startUtc).toISOString(), end: new Date(t.endUtc).toISOString() };
}

/** Every timing the suite writes falls in this year, far from any real event. */
const YEAR = 2031;
const WINDOW: ListingWindow = { start: `${YEAR}-01-01T00:00:00.000Z`, end: `${YEAR + 1}-01-01T00:00:00.000Z` };

type TimedTiming = Extract<Timing, { type: 'timed' }>;

/** A one-hour interview on day `day` (1–300) of the suite's year, 10:00 UTC, meant in Berlin. */
export function contractTiming(day: number, hour = 10): TimedTiming {
  const start = new Date(Date.UTC(YEAR, 0, day, hour));
  const end = new Date(start.getTime() + 60 * 60_000);
  return { type: 'timed', startUtc: start.toISOString(), endUtc: end.toISOString(), zone: 'Europe/Berlin' };
}

export function providerContract(name: string, setup: ContractSetup): void {
  describe(`provider contract: ${name}`, () => {
    let env: ContractEnv;
    /** Keys are unique per run, so the suite can run again against a server that keeps data. */
    const run = randomUUID().slice(0, 8);
    let counter = 0;
    let day = 0;
    const created = new Set<string>();

    const newKey = (label: string): string => `contract:${run}:${label}:${(counter += 1)}`;
    const nextDay = (): number => (day = (day % 300) + 1);
    const window = (): ListingWindow | null => (env.provider.capabilities.windowedListing ? WINDOW : null);
    const list = (cursor: string | null): Promise<ChangePage> => env.provider.listChanges(env.calendarId, cursor, window());

    function draft(sourceId: string, overrides: Partial<EventDraft> = {}): EventDraft {
      return {
        sourceId,
        title: `Interview ${sourceId}`,
        timing: contractTiming(nextDay()),
        location: 'Video call',
        description: 'Created by the provider contract suite',
        reminderMinutes: [30],
        transparency: 'opaque',
        ...overrides,
      };
    }

    async function create(label: string, overrides: Partial<EventDraft> = {}): Promise<{ event: RemoteEvent; draft: EventDraft; key: string }> {
      const key = newKey(label);
      const d = draft(key, overrides);
      const event = await env.provider.createEvent(env.calendarId, d, key);
      created.add(event.remoteId);
      return { event, draft: d, key };
    }

    async function fresh(remoteId: string): Promise<RemoteEvent> {
      const event = await env.provider.getEvent(env.calendarId, remoteId);
      if (!event) throw new Error(`event ${remoteId} should exist`);
      return event;
    }

    async function refusal(promise: Promise<unknown>): Promise<ProviderError> {
      const error = await promise.then(
        () => new Error('expected the provider to refuse'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      return error as ProviderError;
    }

    const upserts = (page: ChangePage): RemoteEvent[] => page.changes.flatMap((c) => (c.type === 'upsert' ? [c.event] : []));
    const removals = (page: ChangePage): string[] => page.changes.flatMap((c) => (c.type === 'removed' ? [c.remoteId] : []));

    beforeAll(async () => {
      env = await setup();
    });

    afterAll(async () => {
      if (!env) return;
      // A shared server keeps what the suite made; remove it, whatever state it is in.
      for (const remoteId of created) await env.provider.deleteEvent(env.calendarId, remoteId, null).catch(() => undefined);
      await env.close();
    });

    it('creates what the draft says, tagged with its source id', async () => {
      const { event, draft: d, key } = await create('shape');
      expect(event).toMatchObject({ sourceId: key, title: d.title });
      expect(norm(event.timing)).toEqual(norm(d.timing));
      expect(typeof event.revision).toBe('string');
      expect(event.revision.length).toBeGreaterThan(0);
      const read = await fresh(event.remoteId);
      expect(read).toMatchObject({ remoteId: event.remoteId, sourceId: key });
      expect(norm(read.timing)).toEqual(norm(d.timing));
    });

    it('is idempotent on the create key: the same key twice is one event with one remote id', async () => {
      const { event, draft: d, key } = await create('idempotent');
      const again = await env.provider.createEvent(env.calendarId, { ...d, title: `${d.title} (retried)` }, key);
      expect(again.remoteId).toBe(event.remoteId);
      const ours = upserts(await list(null)).filter((e) => e.sourceId === key);
      expect(ours.map((e) => e.remoteId)).toEqual([event.remoteId]);
    });

    it('reports a deletion made by the user as a removal of that remote id', async () => {
      const { event } = await create('tombstone');
      const cursor = (await list(null)).nextCursor;
      await env.user.deleteEvent(event.remoteId);
      const page = await list(cursor);
      expect(page.full).toBe(false);
      expect(removals(page)).toContain(event.remoteId);
      expect(upserts(page).map((e) => e.remoteId)).not.toContain(event.remoteId);
    });

    it('reports the removal of an event created after the cursor and deleted before the next listing', async () => {
      // RFC 6578 lets a server say nothing of a member added and removed after the
      // token (xandikos does so, as does a ctag/etag comparison); the engine knew it.
      const cursor = (await list(null)).nextCursor;
      const { event } = await create('born-after-cursor');
      await env.user.deleteEvent(event.remoteId);
      const page = await list(cursor);
      expect(page.full).toBe(false);
      expect(removals(page)).toContain(event.remoteId);
    });

    it('refuses an update with a stale revision (provider_precondition), and takes the fresh one', async () => {
      const { event, draft: d } = await create('stale-update');
      const moved = contractTiming(nextDay(), 15);
      await env.user.moveEvent(event.remoteId, moved);
      const error = await refusal(env.provider.updateEvent(env.calendarId, event.remoteId, { ...d, title: 'stale' }, event.revision));
      expect(error.code).toBe('provider_precondition');
      const current = await fresh(event.remoteId);
      expect(current.revision).not.toBe(event.revision);
      expect(norm(current.timing)).toEqual(norm(moved));
      const updated = await env.provider.updateEvent(env.calendarId, event.remoteId, { ...d, title: 'Interview, updated' }, current.revision);
      expect(updated).toMatchObject({ remoteId: event.remoteId, title: 'Interview, updated', sourceId: d.sourceId });
      expect(norm(updated.timing)).toEqual(norm(d.timing));
      expect(updated.revision).not.toBe(current.revision);
    });

    it('refuses a delete with a stale revision (provider_precondition), and takes the fresh one', async () => {
      const { event } = await create('stale-delete');
      await env.user.moveEvent(event.remoteId, contractTiming(nextDay(), 15));
      const error = await refusal(env.provider.deleteEvent(env.calendarId, event.remoteId, event.revision));
      expect(error.code).toBe('provider_precondition');
      expect(await env.provider.getEvent(env.calendarId, event.remoteId)).not.toBeNull();
      await env.provider.deleteEvent(env.calendarId, event.remoteId, (await fresh(event.remoteId)).revision);
      expect(await env.provider.getEvent(env.calendarId, event.remoteId)).toBeNull();
    });

    it('keeps what the user added to the event through updates, with and without a revision', async () => {
      const { event, draft: d } = await create('user-detail');
      await env.user.addUserDetail(event.remoteId);
      expect(await env.user.hasUserDetail(event.remoteId)).toBe(true);
      const updated = await env.provider.updateEvent(env.calendarId, event.remoteId, { ...d, title: 'Interview, renamed', timing: contractTiming(nextDay()) }, (await fresh(event.remoteId)).revision);
      expect(updated.title).toBe('Interview, renamed');
      expect(await env.user.hasUserDetail(event.remoteId)).toBe(true);
      // Busy-only mode: the text goes, the user's additions stay.
      await env.provider.updateEvent(env.calendarId, event.remoteId, { ...d, title: 'Busy', location: null, description: null, reminderMinutes: [] }, null);
      expect(await env.user.hasUserDetail(event.remoteId)).toBe(true);
    });

    it('follows every page: more events than a page holds all come back, in full and incremental listings', async () => {
      const count = env.pageSize + 2;
      const made: RemoteEvent[] = [];
      for (let i = 0; i < count; i += 1) made.push((await create('paging')).event);
      const full = await list(null);
      expect(full.full).toBe(true);
      const listed = new Set(upserts(full).map((e) => e.remoteId));
      for (const e of made) expect(listed.has(e.remoteId)).toBe(true);

      const moves = new Map(made.map((e) => [e.remoteId, contractTiming(nextDay(), 16)]));
      for (const [remoteId, timing] of moves) await env.user.moveEvent(remoteId, timing);
      const changed = new Map(upserts(await list(full.nextCursor)).map((e) => [e.remoteId, norm(e.timing)]));
      for (const [remoteId, timing] of moves) expect(changed.get(remoteId)).toEqual(norm(timing));
    });

    it('has no changes in an incremental listing right after a listing', async () => {
      await create('quiet');
      const cursor = (await list(null)).nextCursor;
      const quiet = await list(cursor);
      expect(quiet.full).toBe(false);
      expect(quiet.changes).toEqual([]);
      expect(quiet.nextCursor).toBeTruthy();
    });

    it('leaves out events the app did not create, or lists them without a source id', async () => {
      const cursor = (await list(null)).nextCursor;
      const foreign = await env.user.addForeignEvent('Dentist', contractTiming(nextDay(), 8));
      for (const page of [await list(cursor), await list(null)]) {
        for (const e of upserts(page).filter((u) => u.remoteId === foreign)) expect(e.sourceId).toBeNull();
      }
    });

    it('reads a deleted event as null, whoever deleted it', async () => {
      const byUser = (await create('gone-user')).event;
      await env.user.deleteEvent(byUser.remoteId);
      expect(await env.provider.getEvent(env.calendarId, byUser.remoteId)).toBeNull();
      const byApp = (await create('gone-app')).event;
      await env.provider.deleteEvent(env.calendarId, byApp.remoteId, byApp.revision);
      expect(await env.provider.getEvent(env.calendarId, byApp.remoteId)).toBeNull();
    });

    it('counts deleting an event that is already gone as done, with or without the old revision', async () => {
      const { event } = await create('gone-twice');
      await env.user.deleteEvent(event.remoteId);
      await env.provider.deleteEvent(env.calendarId, event.remoteId, null);
      await env.provider.deleteEvent(env.calendarId, event.remoteId, event.revision);
    });

    it('honours the listing window its capabilities announce', async () => {
      if (!env.provider.capabilities.windowedListing) {
        const full = await env.provider.listChanges(env.calendarId, null, null);
        expect(full.window).toBeNull();
        expect((await env.provider.listChanges(env.calendarId, full.nextCursor, null)).window).toBeNull();
        return;
      }
      const narrow: ListingWindow = { start: contractTiming(301, 0).startUtc, end: contractTiming(310, 0).startUtc };
      const inside = (await create('window-in', { timing: contractTiming(305) })).event;
      const outside = (await create('window-out', { timing: contractTiming(330) })).event;
      const page = await env.provider.listChanges(env.calendarId, null, narrow);
      const ids = upserts(page).map((e) => e.remoteId);
      expect(ids).toContain(inside.remoteId);
      expect(ids).not.toContain(outside.remoteId);
      expect(page.window).not.toBeNull();
      expect(Date.parse(page.window?.start ?? '')).toBe(Date.parse(narrow.start));
      expect(Date.parse(page.window?.end ?? '')).toBe(Date.parse(narrow.end));
    });
  });
}
