// Planning a page of applications at a time (plan-account.ts) must write exactly
// what planning everything at once writes — the same links, queued writes,
// conflicts, notes and guard decision — whatever the page size. fast-check draws
// stores (applications in every state, links in every state, orphan links, kinds
// turned off, queued writes) and compares the paged planner with the whole-store
// reference on two copies of the same SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../src/shared/domain';
import type { CopilotApplication } from '../../src/main/core/copilot/copilot-types';
import { itemsForApplication } from '../../src/main/core/copilot/to-items';
import { newLink, type Link } from '../../src/main/core/store/links-repo';
import { Store } from '../../src/main/core/store/store';
import { currentItems } from '../../src/main/core/sync/desired';
import { buildDraft, draftHash, timingState } from '../../src/main/core/sync/draft';
import { checkGuard } from '../../src/main/core/sync/guards';
import { applyPlan, planAccount } from '../../src/main/core/sync/plan-account';
import { plan, type Plan } from '../../src/main/core/sync/planner';

const ACCOUNT = 'google:me@example.com';
const NOW = new Date('2026-06-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'ccal-plan-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type LinkVariant = 'none' | 'synced' | 'deleted_in_calendar' | 'moved' | 'kept' | 'remote_deleted' | 'pending' | 'queued';
interface AppSpec {
  status: 'interview' | 'rejected';
  interview: 'none' | 'past' | 'soon' | 'later';
  followUp: boolean;
  gone: boolean;
  interviewLink: LinkVariant;
  followUpLink: LinkVariant;
}
interface World {
  apps: AppSpec[];
  orphans: number;
  followUps: boolean;
  deletePolicy: Preferences['deletePolicy'];
}

const variant = fc.constantFrom<LinkVariant>('none', 'synced', 'synced', 'deleted_in_calendar', 'moved', 'kept', 'remote_deleted', 'pending', 'queued');
const world = fc.record({
  apps: fc.array(
    fc.record({
      status: fc.constantFrom('interview', 'interview', 'rejected'),
      interview: fc.constantFrom('none', 'past', 'soon', 'later'),
      followUp: fc.boolean(),
      gone: fc.boolean(),
      interviewLink: variant,
      followUpLink: variant,
    }) as fc.Arbitrary<AppSpec>,
    { minLength: 0, maxLength: 14 },
  ),
  orphans: fc.integer({ min: 0, max: 2 }),
  followUps: fc.boolean(),
  deletePolicy: fc.constantFrom<Preferences['deletePolicy']>('keep_deleted', 'clear_in_copilot'),
});

const DATES = { none: null, past: '2026-04-20T10:00:00', soon: '2026-06-03T10:00:00', later: '2026-07-15T15:30:00' } as const;

function record(id: number, a: AppSpec): CopilotApplication {
  return { id, user_id: 1, job_id: 1 + (id % 2), status: a.status, interview_date: DATES[a.interview], follow_up_date: a.followUp ? '2026-06-20' : null, created_at: '2026-05-01T00:00:00', updated_at: '2026-05-02T00:00:00' };
}

function prefsOf(w: World): Preferences {
  return { ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin', kinds: { ...DEFAULT_PREFERENCES.kinds, follow_up: w.followUps }, deletePolicy: w.deletePolicy, maxDeletesWithoutAsking: 3 };
}

/** Writes the drawn world into a fresh store file. */
function build(w: World, file: string): Store {
  const store = Store.open(file);
  const prefs = prefsOf(w);
  store.accounts.upsert({ id: ACCOUNT, provider: 'google', email: 'me@example.com', scopes: [], calendarId: 'primary', now: NOW.toISOString() });
  for (const id of [1, 2]) store.jobs.put({ id, title: `Role ${id}`, company: 'Acme', location: null, fetchedAt: NOW.toISOString() });
  const link = (sourceId: string, v: LinkVariant, n: number, fallback: () => ReturnType<typeof itemsForApplication>[number] | undefined): void => {
    if (v === 'none') return;
    // A link always has a last-seen time; for an item no longer produced (a cleared date) it is an old one.
    const item = fallback();
    const timing = item?.timing ?? { type: 'timed' as const, startUtc: '2026-05-20T08:00:00Z', endUtc: '2026-05-20T09:00:00Z', zone: 'UTC' };
    const agreed: Link = {
      ...newLink(ACCOUNT, sourceId, 'primary'),
      remoteId: `ev${n}`,
      revision: '"1"',
      state: 'synced',
      baseSourceHash: item?.hash ?? 'old',
      baseDraftHash: item ? draftHash(buildDraft(item, prefs)) : 'old',
      baseRemoteHash: timingState(timing),
      seenRemoteHash: timingState(timing),
      seenTiming: timing,
      seenTitle: item?.title ?? 'Old',
    };
    const moved = { type: 'timed' as const, startUtc: '2026-06-05T12:00:00Z', endUtc: '2026-06-05T13:00:00Z', zone: 'UTC' };
    const byVariant: Record<Exclude<LinkVariant, 'none'>, Link> = {
      synced: agreed,
      deleted_in_calendar: { ...agreed, seenGone: true },
      moved: { ...agreed, revision: '"2"', seenTiming: moved, seenRemoteHash: timingState(moved) },
      kept: { ...agreed, state: 'kept' },
      remote_deleted: { ...agreed, state: 'remote_deleted', seenGone: true },
      pending: { ...agreed, state: 'pending', remoteId: null },
      queued: { ...agreed, state: 'pending' },
    };
    store.links.put(byVariant[v]);
    if (v === 'queued') store.outbox.enqueue({ op: 'update', accountId: ACCOUNT, sourceId, payload: {}, now: NOW.toISOString() });
  };
  w.apps.forEach((a, i) => {
    const id = 10 + i * 7; // gaps, and ids that sort differently as text and as numbers
    const r = record(id, a);
    store.applications.put(r, NOW.toISOString());
    if (a.gone) store.applications.markGone(id);
    const items = itemsForApplication(r, { title: `Role ${r.job_id}`, company: 'Acme', location: null }, prefs);
    link(`application:${id}:interview`, a.interviewLink, id * 10, () => items.find((x) => x.kind === 'interview'));
    link(`application:${id}:follow_up`, a.followUpLink, id * 10 + 1, () => items.find((x) => x.kind === 'follow_up'));
  });
  // Events of applications this database never saw: left alone, but counted as live.
  for (let i = 0; i < w.orphans; i++) link(`application:${9000 + i}:interview`, 'synced', 9000 + i, () => undefined);
  return store;
}

/** Everything at once, as the engine planned before paging. */
function reference(store: Store, prefs: Preferences): { stop: string | null; deletions: number } {
  return store.tx(() => {
    const links = new Map(store.links.forAccount(ACCOUNT).map((l) => [l.sourceId, l]));
    const p = plan({ accountId: ACCOUNT, calendarId: 'primary', now: NOW, prefs, items: currentItems(store, prefs), links, pending: store.outbox.busySourceIds(ACCOUNT), knownApplications: store.applications.knownIds() });
    expect(store.links.liveCount(ACCOUNT)).toBe(p.liveLinks);
    const guard = checkGuard(p.deletions, p.liveLinks, prefs, null, NOW.toISOString());
    const keep = <T extends { sourceId: string }>(xs: T[]): T[] => xs.filter((x) => !guard.held.has(x.sourceId));
    const allowed: Plan = { ...p, ops: keep(p.ops), links: keep(p.links), conflicts: keep(p.conflicts), notes: keep(p.notes) };
    applyPlan(store, ACCOUNT, allowed, NOW.toISOString());
    return { stop: guard.stop?.guardId ?? null, deletions: p.deletions.length };
  });
}

/** What planning wrote, independent of row ids and write order. */
function dump(store: Store): unknown {
  const sort = (xs: string[]): string[] => [...xs].sort();
  return {
    links: sort(store.links.forAccount(ACCOUNT).map((l) => JSON.stringify(l))),
    outbox: sort(store.outbox.all().map((e) => JSON.stringify([e.op, e.accountId, e.sourceId, e.payload]))),
    conflicts: sort(store.conflicts.openOnes().map((c) => JSON.stringify([c.sourceId, c.copilot, c.calendar, c.explanation]))),
    notes: sort(store.audit.list({ limit: 1000 }).filter((a) => a.action === 'sync.note').map((a) => JSON.stringify(a.detail))),
  };
}

let n = 0;
describe('planning one page of applications at a time', () => {
  it('writes what planning the whole store at once writes, for any page size', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 4 }), (w, pageSize) => {
        n++;
        const prefs = prefsOf(w);
        const whole = build(w, join(dir, `whole-${n}.db`));
        const paged = build(w, join(dir, `paged-${n}.db`));
        try {
          const expected = reference(whole, prefs);
          const got = planAccount(paged, { accountId: ACCOUNT, calendarId: 'primary', now: NOW, prefs, approval: null }, pageSize);
          expect(got.guard.stop?.guardId ?? null).toBe(expected.stop);
          expect(got.deletions).toBe(expected.deletions);
          expect(dump(paged)).toEqual(dump(whole));
        } finally {
          whole.close();
          paged.close();
        }
      }),
      { numRuns: 150, ...(process.env.CI ? { seed: 2026 } : {}) },
    );
  });
});
