// Resolving a conflict the user was asked about: keep Career Copilot's version,
// keep the calendar's, or keep both; optionally remember the answer as the policy.
// Runs inside the WriteQueue, from the link's latest observation (which may be
// newer than what the conflict card showed).
import type { ConflictChoice, ConflictView } from '../../../shared/domain';
import { InvalidInputError } from '../../../shared/errors';
import type { ConflictRecord } from '../store/conflicts-repo';
import type { Store } from '../store/store';
import { clearedItem, itemFor } from './desired';
import { applyPlan } from './plan-account';
import { conflictActions } from './planner';

export function resolveConflict(store: Store, args: { id: number; choice: ConflictChoice; remember: boolean }, now: Date): void {
  const conflict = store.conflicts.get(args.id);
  if (!conflict || conflict.resolvedAt) throw new InvalidInputError(`There is no open conflict #${args.id}. Run "ccal conflicts" to list them.`);
  const prefs = store.preferences.get();
  const link = store.links.get(conflict.accountId, conflict.sourceId);
  // A date cleared in Career Copilot since: the item stands for nothing now, and the answer still applies to its event.
  const item = itemFor(store, prefs, conflict.sourceId) ?? (link ? clearedItem(link, store.applications.knownIds()) : null);
  const nowIso = now.toISOString();
  store.tx(() => {
    if (link && item) {
      const actions = conflictActions(args.choice, { accountId: conflict.accountId, prefs }, link, item);
      if (actions) applyPlan(store, conflict.accountId, { ...actions, conflicts: [], notes: [] }, nowIso);
    } else if (link) {
      // Its application is gone from Career Copilot: nothing to choose between any more; the planner leaves it alone.
      store.links.put({ ...link, state: 'synced' });
    }
    store.conflicts.resolve(conflict.id, args.choice, nowIso);
    if (args.remember) store.preferences.update({ conflictPolicy: args.choice });
  });
}

export function conflictView(c: ConflictRecord, store: Store): ConflictView {
  const item = itemFor(store, store.preferences.get(), c.sourceId);
  return {
    id: c.id,
    accountId: c.accountId,
    sourceId: c.sourceId,
    title: item?.title ?? c.calendar.title ?? c.sourceId,
    copilotTiming: c.copilot,
    calendarTiming: c.calendar.gone ? null : c.calendar.timing,
    explanation: c.explanation,
    detectedAt: c.detectedAt,
    calendarChangedAt: c.calendar.updated,
    copilotChangedAt: item?.sourceUpdatedAt ? copilotInstant(item.sourceUpdatedAt) : null,
  };
}

/** Career Copilot's updated_at is naive UTC (FastAPI's utcnow); give it its Z so the UI reads it as an instant. */
function copilotInstant(value: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
}
