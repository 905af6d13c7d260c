// The three-way planner on the status model: each case is a decision the engine
// must take (or must never take) for one link, from stored state alone.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type CalendarItem, type Preferences, type Timing } from '../../src/shared/domain';
import { itemsForApplication } from '../../src/main/core/copilot/to-items';
import { buildDraft, draftHash, timingState } from '../../src/main/core/sync/draft';
import { plan, type PlanInput } from '../../src/main/core/sync/planner';
import { checkGuard, deletionKey } from '../../src/main/core/sync/guards';
import { newLink, type Link } from '../../src/main/core/store/links-repo';

const now = new Date('2026-06-01T00:00:00Z');
const prefs: Preferences = { ...DEFAULT_PREFERENCES, timeZone: 'UTC' };
const ACCOUNT = 'google:me@example.com';
const DAY = 24 * 3600_000;

function interview(id: number, naive = '2026-06-10T10:00:00', status: 'interview' | 'rejected' = 'interview', p: Preferences = prefs): CalendarItem {
  const items = itemsForApplication({ id, user_id: 1, job_id: 1, status, interview_date: naive, follow_up_date: null, created_at: '2026-05-01T00:00:00', updated_at: '2026-05-02T00:00:00' }, { title: 'Engineer', company: 'Acme', location: null }, p);
  const item = items.find((i) => i.kind === 'interview');
  if (!item) throw new Error('no item');
  return item;
}

/** A link both sides agree on: the event shows exactly what we wrote. */
function synced(item: CalendarItem, p: Preferences = prefs): Link {
  return {
    ...newLink(ACCOUNT, item.sourceId, 'primary'),
    remoteId: `ev${item.applicationId}`,
    revision: '"1"',
    state: 'synced',
    baseSourceHash: item.hash,
    baseDraftHash: draftHash(buildDraft(item, p)),
    baseRemoteHash: timingState(item.timing),
    seenRemoteHash: timingState(item.timing),
    seenTiming: item.timing,
  };
}

function movedTo(link: Link, timing: Timing): Link {
  return { ...link, revision: '"2"', seenRemoteHash: timingState(timing), seenTiming: timing };
}

function input(items: CalendarItem[], links: Link[], over: Partial<PlanInput> = {}): PlanInput {
  return { accountId: ACCOUNT, calendarId: 'primary', now, prefs, items: new Map(items.map((i) => [i.sourceId, i])), links: new Map(links.map((l) => [l.sourceId, l])), pending: new Set(), ...over };
}

const ops = (p: ReturnType<typeof plan>): string[] => p.ops.map((o) => o.op);
const later = (days: number): Date => new Date(now.getTime() + days * DAY);

describe('three-way planner', () => {
  it('creates a new item once and does nothing when nothing changed', () => {
    const item = interview(1);
    expect(ops(plan(input([item], [])))).toEqual(['create']);
    const quiet = plan(input([item], [synced(item)]));
    expect(quiet.ops).toEqual([]);
    expect(quiet.links).toEqual([]);
  });

  it('propagates a Career Copilot change as an update', () => {
    const before = interview(1);
    expect(ops(plan(input([interview(1, '2026-06-11T10:00:00')], [synced(before)])))).toEqual(['update']);
  });

  it('sends a time moved in the calendar back to Career Copilot', () => {
    const item = interview(1);
    const p = plan(input([item], [movedTo(synced(item), { type: 'timed', startUtc: '2026-06-12T14:00:00Z', endUtc: '2026-06-12T15:00:00Z', zone: 'UTC' })]));
    expect(ops(p)).toEqual(['copilot_put']);
    expect(p.ops[0]?.payload).toMatchObject({ patch: { interview_date: '2026-06-12T14:00:00' } });
  });

  it('raises a conflict when both sides changed, and accepts when both moved to the same time', () => {
    const before = interview(1);
    const after = interview(1, '2026-06-11T10:00:00');
    const elsewhere = movedTo(synced(before), { type: 'timed', startUtc: '2026-06-12T14:00:00Z', endUtc: '2026-06-12T15:00:00Z', zone: 'UTC' });
    const conflict = plan(input([after], [elsewhere]));
    expect(conflict.conflicts).toHaveLength(1);
    expect(conflict.links[0]?.state).toBe('conflict');
    const same = plan(input([after], [movedTo(synced(before), after.timing)]));
    expect(same.conflicts).toEqual([]);
    expect(ops(same)).toEqual(['update']);
  });

  it('reads an event deleted in the calendar as the user’s choice, and counts it for the guard', () => {
    const item = interview(1);
    const p = plan(input([item], [{ ...synced(item), seenGone: true }]));
    expect(p.ops).toEqual([]);
    expect(p.links[0]?.state).toBe('remote_deleted');
    expect(p.deletions).toEqual([expect.objectContaining({ sourceId: item.sourceId, direction: 'inbound' })]);
  });

  it('never brings back a deleted event because a preference changed how it is written (bug 2b)', () => {
    const item = interview(1);
    const deleted: Link = { ...synced(item), seenGone: true, state: 'remote_deleted' };
    for (const p of [{ ...prefs, reminderMinutes: 10 }, { ...prefs, detail: 'busy_only' as const }, { ...prefs, defaultDurationMinutes: 90 }]) {
      const again = interview(1, '2026-06-10T10:00:00', 'interview', p);
      expect(plan(input([again], [deleted], { prefs: p })).ops, JSON.stringify(p)).toEqual([]);
    }
  });

  it('brings a deleted event back once when Career Copilot changes it, under a new create key', () => {
    const item = interview(1);
    const deleted: Link = { ...synced(item), seenGone: true, state: 'remote_deleted' };
    const p = plan(input([interview(1, '2026-06-11T10:00:00')], [deleted]));
    expect(ops(p)).toEqual(['create']);
    expect(p.links[0]).toMatchObject({ state: 'pending', remoteId: null, generation: 1 });
  });

  it('never deletes an event because time passed (bug 1)', () => {
    const item = interview(1);
    for (const days of [1, 31, 365, 3650]) {
      const p = plan(input([item], [synced(item)], { now: later(days) }));
      expect(p.ops, `${days} days later`).toEqual([]);
      expect(p.links).toEqual([]);
    }
  });

  it('removes a cancelled interview still to come, and keeps one that already took place as a record', () => {
    const future = interview(1, '2026-06-10T10:00:00');
    expect(ops(plan(input([interview(1, '2026-06-10T10:00:00', 'rejected')], [synced(future)])))).toEqual(['delete']);
    const past = interview(2, '2026-05-10T10:00:00');
    const kept = plan(input([interview(2, '2026-05-10T10:00:00', 'rejected')], [synced(past)]));
    expect(kept.ops).toEqual([]);
    expect(kept.links[0]?.state).toBe('kept');
  });

  it('does not create a rejected interview again once its date goes by (bug 2a)', () => {
    const rejected = interview(1, '2026-06-10T10:00:00', 'rejected');
    const removed: Link = { ...synced(interview(1)), state: 'removed', seenGone: true, baseSourceHash: rejected.hash };
    for (const days of [0, 10, 60]) expect(plan(input([rejected], [removed], { now: later(days) })).ops, `${days} days`).toEqual([]);
  });

  it('keeps an event deleted in the calendar while its kind was off deleted when the kind is back (a preference is not news)', () => {
    const item = interview(1);
    const off: Preferences = { ...prefs, kinds: { ...prefs.kinds, interview: false } };
    const first = plan(input([item], [{ ...synced(item), seenGone: true }], { prefs: off }));
    expect(first.ops).toEqual([]);
    const after = first.links[0];
    expect(after?.state).toBe('remote_deleted');
    if (!after) return;
    expect(plan(input([item], [after])).ops, 'the kind is on again').toEqual([]);
    // Career Copilot's own change still brings it back, once.
    expect(ops(plan(input([interview(1, '2026-06-11T10:00:00')], [after])))).toEqual(['create']);
  });

  it('does not create events that ended before the creation horizon, and never deletes old ones', () => {
    const old = interview(1, '2026-04-01T10:00:00');
    expect(plan(input([old], [])).ops).toEqual([]);
    expect(plan(input([old], [synced(old)])).ops).toEqual([]);
  });

  it('deletes the events of a kind the user turned off, and leaves queued items to the executor', () => {
    const item = interview(1);
    const off = { ...prefs, kinds: { ...prefs.kinds, interview: false } };
    expect(ops(plan(input([item], [synced(item)], { prefs: off })))).toEqual(['delete']);
    expect(plan(input([item], [synced(item)], { prefs: off, pending: new Set([item.sourceId]) })).ops).toEqual([]);
  });

  it('adopts a tagged event found without a record, and lets Career Copilot’s version win', () => {
    const item = interview(1);
    const found: Link = { ...newLink(ACCOUNT, item.sourceId, 'primary'), remoteId: 'ev1', state: 'synced', seenRemoteHash: timingState(item.timing), seenTiming: item.timing, revision: '"1"' };
    const p = plan(input([item], [found]));
    expect(ops(p)).toEqual(['update']);
    expect(p.notes[0]?.note).toMatch(/linked it again/);
  });

  it('treats a link from before the status model as agreed with what Career Copilot says now', () => {
    const item = interview(1);
    const migrated: Link = { ...synced(item), state: 'remote_deleted', seenGone: true, baseSourceHash: null };
    const p = plan(input([item], [migrated]));
    expect(p.ops).toEqual([]);
    expect(p.links[0]?.baseSourceHash).toBe(item.hash);
  });
});

describe('the mass-delete guard', () => {
  const items = [1, 2, 3, 4].map((id) => interview(id));
  const links = items.map((i) => synced(i));
  const off = { ...prefs, kinds: { ...prefs.kinds, interview: false }, maxDeletesWithoutAsking: 2 };

  it('stops a run that would delete more than the limit, listing exactly those events', () => {
    const p = plan(input(items, links, { prefs: off }));
    const g = checkGuard(p.deletions, p.liveLinks, off, null, now.toISOString());
    expect(g.stop?.deletions.map((d) => d.sourceId)).toEqual(items.map((i) => i.sourceId));
    expect([...g.held].sort()).toEqual(items.map((i) => i.sourceId).sort());
  });

  it('lets through exactly the approved list, and asks again for anything more (bug 8)', () => {
    const p = plan(input(items.slice(0, 3), links.slice(0, 3), { prefs: off }));
    const first = checkGuard(p.deletions, p.liveLinks, off, null, now.toISOString());
    const approval = { guardId: first.stop?.guardId ?? '', keys: first.stop?.deletions.map(deletionKey) ?? [] };
    expect(checkGuard(p.deletions, p.liveLinks, off, approval, now.toISOString()).stop).toBeNull();
    const more = plan(input(items, links, { prefs: { ...off, maxDeletesWithoutAsking: 0 } }));
    const again = checkGuard(more.deletions, more.liveLinks, { ...off, maxDeletesWithoutAsking: 0 }, approval, now.toISOString());
    expect(again.stop?.deletions.map((d) => d.sourceId)).toEqual([items[3]?.sourceId]);
  });

  it('also stops when most events are read as deleted in the calendar at once', () => {
    const gone = links.map((l) => ({ ...l, seenGone: true }));
    const p = plan(input(items, gone, { prefs: { ...prefs, maxDeletesWithoutAsking: 2 } }));
    const g = checkGuard(p.deletions, p.liveLinks, { ...prefs, maxDeletesWithoutAsking: 2 }, null, now.toISOString());
    expect(g.stop?.deletions.every((d) => d.direction === 'inbound')).toBe(true);
  });
});
