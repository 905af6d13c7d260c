// Resolving a conflict the user was asked about: keep Career Copilot's version,
// keep the calendar's, or keep both; optionally remember the answer as the policy.
import type { ConflictChoice, ConflictView } from '../../../shared/domain';
import { InvalidInputError } from '../../../shared/errors';
import type { ConflictRecord } from '../store/conflicts-repo';
import type { Store } from '../store/store';
import { conflictActions } from './planner';

export function resolveConflict(store: Store, args: { id: number; choice: ConflictChoice; remember: boolean }, now: Date): void {
  const conflict = store.conflicts.get(args.id);
  if (!conflict || conflict.resolvedAt) throw new InvalidInputError(`There is no open conflict #${args.id}. Run "ccal conflicts" to list them.`);
  const link = store.links.get(conflict.accountId, conflict.sourceId);
  const item = store.items.get(conflict.sourceId);
  const nowIso = now.toISOString();
  store.tx(() => {
    if (link && item) {
      const prefs = store.preferences.get();
      const actions = conflictActions(args.choice, { accountId: conflict.accountId, prefs }, link, item, conflict.calendar);
      for (const l of actions?.links ?? []) store.links.put(l);
      for (const op of actions?.ops ?? []) {
        store.outbox.enqueue({ op: op.op, accountId: op.op === 'copilot_put' ? null : conflict.accountId, sourceId: op.sourceId, payload: op.payload, now: nowIso });
      }
      for (const id of actions?.detach ?? []) store.links.detach(conflict.accountId, id);
    }
    store.conflicts.resolve(conflict.id, args.choice, nowIso);
    if (args.remember) store.preferences.update({ conflictPolicy: args.choice });
  });
}

export function conflictView(c: ConflictRecord, store: Store): ConflictView {
  const item = store.items.get(c.sourceId);
  return {
    id: c.id,
    accountId: c.accountId,
    sourceId: c.sourceId,
    title: item?.title ?? c.calendar.title ?? c.sourceId,
    copilotTiming: c.copilot,
    calendarTiming: c.calendar.cancelled ? null : c.calendar.timing,
    explanation: c.explanation,
    detectedAt: c.detectedAt,
  };
}
