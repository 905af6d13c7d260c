// Changing an account's target calendar moves the app's events: each is deleted
// from the old calendar and queued for creation in the new one, link by link, so
// an interruption leaves every event either moved or still where it was — never
// missing, never twice. Re-running finishes the move.
import type { AccountView } from '../../../shared/domain';
import type { CalendarProvider } from '../providers/provider';
import type { Store } from '../store/store';

export async function moveToCalendar(store: Store, provider: CalendarProvider, account: AccountView, calendarId: string, now: Date): Promise<{ moved: number }> {
  let moved = 0;
  const nowIso = now.toISOString();
  for (const link of store.links.forAccount(account.id)) {
    if (link.calendarId === calendarId) continue;
    const live = link.remoteId !== null && link.state !== 'removed' && link.state !== 'remote_deleted';
    if (live && link.remoteId) await provider.deleteEvent(link.calendarId, link.remoteId, null);
    store.tx(() => {
      store.links.put({ ...link, calendarId, remoteId: null, etag: null, remoteUpdated: null, baseItemHash: null, baseRemoteHash: null, generation: 0, state: live ? 'pending' : link.state });
      if (live) store.outbox.enqueue({ op: 'create', accountId: account.id, sourceId: link.sourceId, payload: {}, now: nowIso });
    });
    if (live) moved++;
  }
  store.tx(() => {
    store.accounts.setCalendar(account.id, calendarId);
    store.cursors.clear(account.id);
    // Conflicts were about events in the old calendar.
    for (const c of store.conflicts.openOnes()) if (c.accountId === account.id) store.conflicts.resolve(c.id, 'keep_copilot', nowIso);
  });
  return { moved };
}
