// Changing an account's target calendar moves the app's events through the outbox:
// in one transaction the account points at the new calendar and every live link
// gets a create there that remembers the old event; the executor deletes the old
// one only once the new one exists. An interruption anywhere leaves every event in
// the old calendar, the new one, or (for a moment) both — never in neither — and the
// next run finishes the move by itself.
import type { AccountView } from '../../../shared/domain';
import { ProviderOpPayload } from '../store/outbox-repo';
import { withoutRemote } from '../store/links-repo';
import type { Store } from '../store/store';

export function moveToCalendar(store: Store, account: AccountView, calendarId: string, now: Date): { moved: number } {
  let moved = 0;
  const nowIso = now.toISOString();
  store.tx(() => {
    for (const link of store.links.forAccount(account.id)) {
      if (link.calendarId === calendarId) continue;
      const live = link.remoteId !== null && !link.seenGone && link.state !== 'removed' && link.state !== 'remote_deleted' && link.state !== 'kept';
      // A move still on its way (moved twice before a sync) carries the first event along, so it is not left behind.
      const queued = store.outbox.forLink(account.id, link.sourceId);
      const earlier = queued?.op === 'create' ? ProviderOpPayload.safeParse(queued.payload).data?.moveFrom : undefined;
      const moveFrom = live && link.remoteId ? { calendarId: link.calendarId, remoteId: link.remoteId, revision: link.revision } : (earlier ?? null);
      store.links.put({
        ...withoutRemote(link),
        calendarId,
        baseDraftHash: null,
        baseRemoteHash: null,
        generation: link.generation + 1,
        state: live || link.state === 'pending' || link.state === 'conflict' ? 'pending' : link.state,
      });
      if (moveFrom || link.state === 'pending' || link.state === 'conflict') {
        store.outbox.enqueue({ op: 'create', accountId: account.id, sourceId: link.sourceId, payload: moveFrom ? { moveFrom } : {}, now: nowIso });
        moved++;
      }
    }
    store.accounts.setCalendar(account.id, calendarId);
    store.cursors.clear(account.id);
    // Conflicts were about events in the old calendar; Career Copilot's version goes to the new one.
    for (const c of store.conflicts.openOnes()) if (c.accountId === account.id) store.conflicts.resolve(c.id, 'keep_copilot', nowIso);
  });
  return { moved };
}
