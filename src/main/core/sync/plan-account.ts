// Plans one account a page of applications at a time, inside one transaction. A
// first sync of 10,000 applications used to derive every item, load every link and
// hold every decision at once before writing any of them; all of it survived V8's
// young-generation collections, which then grew the young generation to its
// maximum and the process by ~100 MiB. Here only one page is alive at a time.
//
// The planner decides each item on its own, so paging changes nothing but
// memory — with one exception: the deletion guard must see every deletion of the
// run before any is written. Decisions about items with a deletion are kept back
// (they are few, or the guard stops them anyway) and written, or held, once all
// pages are planned.
import { ItemKind, type Preferences } from '../../../shared/domain';
import { sourceId } from '../copilot/to-items';
import type { Store } from '../store/store';
import { itemsOf, jobReader } from './desired';
import { checkGuard, type Deletion, type GuardApproval, type GuardDecision } from './guards';
import { plan, type Plan } from './planner';

/** Applications planned at a time: bounded memory, few enough statements per page. */
export const PLAN_PAGE = 250;

export interface AccountPlanInput {
  accountId: string;
  calendarId: string;
  now: Date;
  prefs: Preferences;
  approval: GuardApproval | null;
}

export interface AccountPlanResult {
  /** Items Career Copilot's data stands for (wanted or not). */
  itemsSeen: number;
  guard: GuardDecision;
  /** Deletions the plan made or accepted (held by the guard or not). */
  deletions: number;
}

export function planAccount(store: Store, input: AccountPlanInput, pageSize = PLAN_PAGE): AccountPlanResult {
  const nowIso = input.now.toISOString();
  return store.tx(() => {
    const pending = store.outbox.busySourceIds(input.accountId);
    const knownApplications = store.applications.knownIds();
    // Counted before any page is written, as the planner would count the stored links.
    const liveLinks = store.links.liveCount(input.accountId);
    const jobOf = jobReader(store);
    const deletions: Deletion[] = [];
    const keptBack: Plan[] = [];
    let itemsSeen = 0;
    let afterId = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const apps = store.applications.pageAfter(afterId, pageSize);
      if (apps.length === 0) break;
      afterId = apps.at(-1)?.id ?? afterId;
      const items = itemsOf(apps, jobOf, input.prefs);
      itemsSeen += items.size;
      // Every link these applications can have, whether or not they still produce the item.
      const candidates = apps.flatMap((a) => ItemKind.options.map((kind) => sourceId(a.id, kind)));
      const links = new Map(store.links.forSources(input.accountId, candidates).map((l) => [l.sourceId, l]));
      const p = plan({ accountId: input.accountId, calendarId: input.calendarId, now: input.now, prefs: input.prefs, items, links, pending, knownApplications });
      const withDeletion = new Set(p.deletions.map((d) => d.sourceId));
      deletions.push(...p.deletions);
      const [later, rest] = partition(p, withDeletion);
      applyPlan(store, input.accountId, rest, nowIso);
      if (withDeletion.size > 0) keptBack.push(later);
      if (apps.length < pageSize) break;
    }
    const guard = checkGuard(deletions, liveLinks, input.prefs, input.approval, nowIso);
    for (const p of keptBack) applyPlan(store, input.accountId, without(p, guard.held), nowIso);
    return { itemsSeen, guard, deletions: deletions.length };
  });
}

/** Writes a plan's decisions in one transaction (joining the caller's, if any). */
export function applyPlan(store: Store, accountId: string, p: Pick<Plan, 'links' | 'ops' | 'conflicts' | 'detach' | 'notes'>, nowIso: string): void {
  store.tx(() => {
    for (const l of p.links) store.links.put(l);
    for (const op of p.ops) {
      store.outbox.enqueue({ op: op.op, accountId: op.op === 'copilot_put' ? null : accountId, sourceId: op.sourceId, payload: op.payload, now: nowIso });
    }
    for (const c of p.conflicts) store.conflicts.open({ accountId, sourceId: c.sourceId, copilot: c.copilot, calendar: c.calendar, explanation: c.explanation, now: nowIso });
    for (const id of p.detach) store.links.detach(accountId, id);
    for (const n of p.notes) store.audit.record({ at: nowIso, accountId, action: 'sync.note', outcome: 'info', detail: { sourceId: n.sourceId, note: n.note } });
  });
}

/** The decisions about `ids`, and the rest. */
function partition(p: Plan, ids: ReadonlySet<string>): [Plan, Plan] {
  if (ids.size === 0) return [emptyLike(p), p];
  const split = <T extends { sourceId: string }>(xs: T[]): [T[], T[]] => [xs.filter((x) => ids.has(x.sourceId)), xs.filter((x) => !ids.has(x.sourceId))];
  const [opsIn, opsOut] = split(p.ops);
  const [linksIn, linksOut] = split(p.links);
  const [conflictsIn, conflictsOut] = split(p.conflicts);
  const [notesIn, notesOut] = split(p.notes);
  // Detached remote ids come with a "keep both" choice, never with a deletion: they go with the rest.
  return [
    { ...emptyLike(p), ops: opsIn, links: linksIn, conflicts: conflictsIn, notes: notesIn },
    { ...p, ops: opsOut, links: linksOut, conflicts: conflictsOut, notes: notesOut },
  ];
}

/** The plan minus every decision about an item whose deletion the guard holds back. */
function without(p: Plan, held: ReadonlySet<string>): Plan {
  if (held.size === 0) return p;
  return partition(p, held)[1];
}

function emptyLike(p: Plan): Plan {
  return { ops: [], links: [], conflicts: [], detach: [], notes: [], deletions: [], liveLinks: p.liveLinks };
}
