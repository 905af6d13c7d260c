// What the UI and the CLI are shown of the stored state: items with their links,
// the deletions a safety stop holds back, and what a preference change would do.
import type { PendingDeletes, PreferencesPreview } from '../../../shared/contract';
import type { CalendarItem, ItemView, Preferences, Timing } from '../../../shared/domain';
import type { Store } from '../store/store';
import { currentItems, isWanted, kindWanted } from './desired';
import { timingState } from './draft';
import { GUARD_KEY, type PendingGuard } from './guards';

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function startOf(i: CalendarItem): string {
  return i.timing.type === 'timed' ? i.timing.startUtc : `${i.timing.date}T00:00:00Z`;
}

export function itemViews(store: Store): ItemView[] {
  const prefs = store.preferences.get();
  const links = groupBy(store.links.all(), (l) => l.sourceId);
  const outbox = groupBy(store.outbox.all(), (e) => e.sourceId);
  const excluded = new Set(prefs.excludedItems);
  const items = [...currentItems(store, prefs).values()].sort((a, b) => startOf(a).localeCompare(startOf(b)) || a.sourceId.localeCompare(b.sourceId));
  return items.map((i) => {
    const app = store.applications.get(i.applicationId);
    const job = app ? store.jobs.get(app.record.job_id) : null;
    const queued = outbox.get(i.sourceId) ?? [];
    return {
      sourceId: i.sourceId,
      kind: i.kind,
      title: i.title,
      timing: i.timing,
      cancelled: i.cancelled,
      syncEnabled: !excluded.has(i.sourceId),
      wantedByPreferences: kindWanted(i.kind, prefs),
      company: job?.company ?? null,
      role: job?.title ?? null,
      location: i.location,
      notes: i.notes,
      editPending: queued.some((e) => e.op === 'copilot_put' && e.accountId === null && (e.payload as { accountId?: unknown }).accountId == null),
      links: (links.get(i.sourceId) ?? []).map((l) => {
        const entry = queued.find((e) => e.accountId === l.accountId);
        const live = l.remoteId !== null && !l.seenGone && l.state !== 'removed' && l.state !== 'remote_deleted';
        return { accountId: l.accountId, state: l.state, remoteId: l.remoteId, lastSyncedAt: l.lastSyncedAt, failed: entry?.failed ?? false, lastError: entry?.lastError ?? null, webLink: live ? l.webLink : null };
      }),
    };
  });
}

export function pendingDeletes(store: Store): PendingDeletes[] {
  const out: PendingDeletes[] = [];
  for (const a of store.accounts.all()) {
    const g = store.kv.get<PendingGuard>(GUARD_KEY(a.id, 'pending'));
    if (g) out.push({ accountId: a.id, guardId: g.guardId, message: g.message, events: g.deletions.map((d) => ({ sourceId: d.sourceId, title: d.title, timing: d.timing, direction: d.direction })) });
  }
  return out;
}

/** Events in a calendar whose time a preference change would move (a new zone re-times naive interview times). */
export function previewPreferences(store: Store, next: Preferences): PreferencesPreview {
  const now = currentItems(store, store.preferences.get());
  const after = currentItems(store, next);
  const live = new Set(store.links.all().filter((l) => l.remoteId !== null && !l.seenGone && (l.state === 'synced' || l.state === 'pending' || l.state === 'conflict')).map((l) => l.sourceId));
  const examples: { title: string; before: Timing; after: Timing }[] = [];
  let retimed = 0;
  for (const [id, before] of now) {
    const changed = after.get(id);
    if (!live.has(id) || !changed || !isWanted(changed, next)) continue;
    if (timingState(before.timing) === timingState(changed.timing)) continue;
    retimed++;
    if (examples.length < 5) examples.push({ title: before.title, before: before.timing, after: changed.timing });
  }
  return { retimedEvents: retimed, examples };
}
