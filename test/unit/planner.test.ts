import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type CalendarItem, type Preferences } from '../../src/shared/domain';
import { itemsForApplication } from '../../src/main/core/copilot/to-items';
import { buildDraft, draftHash, remoteTimeState } from '../../src/main/core/sync/draft';
import { plan, type PlanInput } from '../../src/main/core/sync/planner';
import { checkGuard } from '../../src/main/core/sync/guards';
import type { RemoteEvent } from '../../src/main/core/providers/provider';
import type { Link } from '../../src/main/core/store/links-repo';

const now = new Date('2026-06-01T00:00:00Z');
const prefs: Preferences = { ...DEFAULT_PREFERENCES, timeZone: 'UTC' };
const ACCOUNT = 'google:me@example.com';

function interview(id: number, naive = '2026-06-10T10:00:00', status: 'interview' | 'rejected' = 'interview'): CalendarItem {
  const items = itemsForApplication(
    { id, user_id: 1, job_id: 1, status, interview_date: naive, follow_up_date: null, created_at: '2026-05-01T00:00:00', updated_at: '2026-05-02T00:00:00' },
    { title: 'Engineer', company: 'Acme', location: null },
    prefs,
    now,
  );
  const item = items[0];
  if (!item) throw new Error('no item');
  return item;
}

function remoteFor(item: CalendarItem, over: Partial<RemoteEvent> = {}): RemoteEvent {
  return { remoteId: `ev${item.applicationId}`, etag: '"1"', updated: '2026-05-03T00:00:00Z', cancelled: false, sourceId: item.sourceId, title: item.title, timing: item.timing, ...over };
}

function syncedLink(item: CalendarItem, remote: RemoteEvent): Link {
  return { accountId: ACCOUNT, sourceId: item.sourceId, calendarId: 'primary', remoteId: remote.remoteId, etag: remote.etag, remoteUpdated: remote.updated, baseItemHash: draftHash(buildDraft(item, prefs)), baseRemoteHash: remoteTimeState(remote), generation: 0, state: 'synced', lastSyncedAt: null };
}

function input(over: Partial<PlanInput>): PlanInput {
  return { accountId: ACCOUNT, calendarId: 'primary', now, prefs, items: new Map(), links: new Map(), remote: new Map(), full: false, pending: new Set(), ...over };
}

describe('three-way planner', () => {
  it('creates a new item once and does nothing when nothing changed', () => {
    const item = interview(1);
    const first = plan(input({ items: new Map([[item.sourceId, item]]) }));
    expect(first.ops).toEqual([{ op: 'create', sourceId: item.sourceId, payload: {} }]);
    const remote = remoteFor(item);
    const quiet = plan(input({ items: new Map([[item.sourceId, item]]), links: new Map([[item.sourceId, syncedLink(item, remote)]]), remote: new Map([[item.sourceId, remote]]) }));
    expect(quiet.ops).toEqual([]);
    expect(quiet.conflicts).toEqual([]);
  });

  it('propagates a Career Copilot change as an update', () => {
    const before = interview(1);
    const remote = remoteFor(before);
    const after = interview(1, '2026-06-11T10:00:00');
    const p = plan(input({ items: new Map([[after.sourceId, after]]), links: new Map([[after.sourceId, syncedLink(before, remote)]]) }));
    expect(p.ops.map((o) => o.op)).toEqual(['update']);
  });

  it('sends a time moved in the calendar back to Career Copilot', () => {
    const item = interview(1);
    const remote = remoteFor(item);
    const moved = remoteFor(item, { etag: '"2"', timing: { type: 'timed', startUtc: '2026-06-12T14:00:00Z', endUtc: '2026-06-12T15:00:00Z', zone: 'UTC' } });
    const p = plan(input({ items: new Map([[item.sourceId, item]]), links: new Map([[item.sourceId, syncedLink(item, remote)]]), remote: new Map([[item.sourceId, moved]]) }));
    expect(p.ops).toHaveLength(1);
    expect(p.ops[0]?.op).toBe('copilot_put');
    expect(p.ops[0]?.payload).toMatchObject({ applicationId: 1, patch: { interview_date: '2026-06-12T14:00:00' } });
  });

  it('records a conflict when both sides changed the time differently, and applies a remembered policy', () => {
    const before = interview(1);
    const remote = remoteFor(before);
    const after = interview(1, '2026-06-11T10:00:00');
    const moved = remoteFor(before, { etag: '"2"', timing: { type: 'timed', startUtc: '2026-06-12T14:00:00Z', endUtc: '2026-06-12T15:00:00Z', zone: 'UTC' } });
    const base = { items: new Map([[after.sourceId, after]]), links: new Map([[after.sourceId, syncedLink(before, remote)]]), remote: new Map([[after.sourceId, moved]]) };
    const asked = plan(input(base));
    expect(asked.conflicts).toHaveLength(1);
    expect(asked.ops).toEqual([]);
    expect(asked.links[0]?.state).toBe('conflict');
    const remembered = plan(input({ ...base, prefs: { ...prefs, conflictPolicy: 'keep_copilot' } }));
    expect(remembered.conflicts).toEqual([]);
    expect(remembered.ops).toEqual([{ op: 'update', sourceId: after.sourceId, payload: { force: true } }]);
  });

  it('does not call it a conflict when both sides moved to the same time', () => {
    const before = interview(1);
    const remote = remoteFor(before);
    const after = interview(1, '2026-06-12T14:00:00');
    const moved = remoteFor(before, { etag: '"2"', timing: after.timing });
    const p = plan(input({ items: new Map([[after.sourceId, after]]), links: new Map([[after.sourceId, syncedLink(before, remote)]]), remote: new Map([[after.sourceId, moved]]) }));
    expect(p.conflicts).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(['update']);
  });

  it('deletes the events of a rejected application and stops for many deletes', () => {
    const items = [1, 2, 3, 4, 5, 6, 7].map((id) => interview(id));
    const links = new Map(items.map((i) => [i.sourceId, syncedLink(i, remoteFor(i))]));
    const rejected = new Map(items.map((i) => [i.sourceId, interview(i.applicationId, '2026-06-10T10:00:00', 'rejected')]));
    const one = plan(input({ items: new Map([...links.keys()].map((k, n) => [k, n === 0 ? (rejected.get(k) as CalendarItem) : (items[n] as CalendarItem)])), links }));
    expect(one.ops.map((o) => o.op)).toEqual(['delete']);
    expect(checkGuard(one, prefs, false)).toBeNull();
    const all = plan(input({ items: rejected, links }));
    expect(all.outboundDeletes).toBe(7);
    expect(checkGuard(all, prefs, false)?.message).toMatch(/would delete 7 events/);
    expect(checkGuard(all, prefs, true)).toBeNull();
  });

  it('treats an event missing from a full listing as deleted, and does not recreate it', () => {
    const item = interview(1);
    const link = syncedLink(item, remoteFor(item));
    const p = plan(input({ items: new Map([[item.sourceId, item]]), links: new Map([[item.sourceId, link]]), full: true }));
    expect(p.ops).toEqual([]);
    expect(p.links[0]?.state).toBe('remote_deleted');
    const again = plan(input({ items: new Map([[item.sourceId, item]]), links: new Map([[item.sourceId, { ...link, state: 'remote_deleted' }]]), full: true }));
    expect(again.ops).toEqual([]);
  });

  it('never treats a missing event as deleted in an incremental listing', () => {
    const item = interview(1);
    const p = plan(input({ items: new Map([[item.sourceId, item]]), links: new Map([[item.sourceId, syncedLink(item, remoteFor(item))]]), full: false }));
    expect(p.ops).toEqual([]);
    expect(p.links).toEqual([]);
  });

  it('adopts a tagged event it has no record of instead of creating a duplicate', () => {
    const item = interview(1);
    const p = plan(input({ items: new Map([[item.sourceId, item]]), remote: new Map([[item.sourceId, remoteFor(item)]]), full: true }));
    expect(p.ops.map((o) => o.op)).toEqual(['update']);
    expect(p.links[0]?.remoteId).toBe('ev1');
  });

  it('leaves items with a queued write to the executor', () => {
    const item = interview(1);
    const p = plan(input({ items: new Map([[item.sourceId, item]]), pending: new Set([item.sourceId]) }));
    expect(p.ops).toEqual([]);
  });

  it('recreates an event deleted in the calendar once Career Copilot changes it', () => {
    const before = interview(1);
    const link = { ...syncedLink(before, remoteFor(before)), state: 'remote_deleted' as const };
    const after = interview(1, '2026-06-15T10:00:00');
    const p = plan(input({ items: new Map([[after.sourceId, after]]), links: new Map([[after.sourceId, link]]) }));
    expect(p.ops.map((o) => o.op)).toEqual(['create']);
  });
});
