// The mass-delete question (DESIGN §5 "Guards"): a sync stopped before removing
// many events. The dialog lists them and asks: remove them, or keep them.
import { useEffect, useRef } from 'react';
import { formatTiming } from '../format';
import { headline } from '../item-words';
import { useDeletesStore } from '../stores/deletes-store';
import { useStateStore } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { useUiStore } from '../stores/ui-store';
import { FormError } from './FormError';
import { KindIcon } from './Icons';
import { PROVIDER_SHORT } from './labels';
import { Modal } from './Modal';

export function DeletesDialog({ accountId, open, onClose }: { accountId: string | null; open: boolean; onClose(): void }) {
  const { pending, loading, error, deciding, load, decide } = useDeletesStore();
  const accounts = useStateStore((s) => s.state?.accounts ?? []);
  const zone = useStateStore((s) => s.state?.preferences.timeZone ?? 'UTC');
  const syncNow = useSyncStore((s) => s.syncNow);
  const keep = useRef<HTMLButtonElement>(null);
  const account = accounts.find((a) => a.id === accountId);
  const where = account ? `${PROVIDER_SHORT[account.provider]} (${account.email})` : 'your calendar';
  const guard = pending.find((p) => p.accountId === accountId) ?? pending[0];

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  async function answer(approve: boolean): Promise<void> {
    if (guard) {
      if (!(await decide(guard.accountId, guard.guardId, approve))) return;
      onClose();
      useUiStore.getState().notify(approve ? `Removing ${guard.events.length} events from ${where}.` : `Kept ${guard.events.length} events in ${where}.`);
      await useStateStore.getState().load();
      if (approve) void syncNow();
      return;
    }
    // This core cannot list them yet: removing means one sync allowed to delete.
    onClose();
    if (approve) void syncNow({ allowDeletes: true });
  }

  const count = guard?.events.length ?? 0;
  const description = guard
    ? `The last sync would remove ${count} event${count === 1 ? '' : 's'} from ${where}, more than usual, so it removed none. That happens when you turn off a kind of event or close many applications. Remove them, or keep them in your calendar?`
    : `The last sync would remove more events than usual from ${where}, so it removed none. That happens when you turn off a kind of event or close many applications.`;

  return (
    <Modal open={open} title="Remove these events from your calendar?" description={description} onCancel={onClose} initialFocus={keep} wide>
      {loading && <p className="muted">Looking up the events…</p>}
      {guard && (
        <ul className="delete-list" aria-label="Events that would be removed">
          {guard.events.map((e) => {
            const kind = /:(interview|follow_up|reminder)$/.exec(e.sourceId)?.[1] as 'interview' | 'follow_up' | 'reminder' | undefined;
            const name = headline({ title: e.title, company: null, role: null });
            return (
              <li key={e.sourceId}>
                {kind && <KindIcon kind={kind} />}
                <span>
                  <strong>{name.primary}</strong>
                  {name.secondary && ` — ${name.secondary}`}
                  {e.timing && <span className="muted"> · {formatTiming(e.timing, zone)}</span>}
                  {e.direction === 'inbound' && <span className="muted"> · gone from your calendar</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {!loading && !guard && error && <p className="muted">The list of events is not available in this version.</p>}
      {guard && <FormError message={error} />}
      <div className="dialog-actions">
        <button type="button" className="danger" disabled={deciding || loading} onClick={() => void answer(true)}>
          Remove them
        </button>
        {/* Never disabled: focus starts here while the list loads, and keeping is always safe. */}
        <button ref={keep} type="button" disabled={deciding} onClick={() => void answer(false)}>
          {guard || loading ? 'Keep them' : 'Not now'}
        </button>
      </div>
    </Modal>
  );
}
