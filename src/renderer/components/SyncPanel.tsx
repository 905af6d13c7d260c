// "Sync now", its live progress, and how the last sync ended.
import { describeSync, windowMessage } from '../sync-words';
import { relative } from '../format';
import { useNow } from '../use-now';
import { useStateStore } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { SYNC_ID } from './dom-ids';
import { FormError } from './FormError';

export function SyncPanel() {
  const state = useStateStore((s) => s.state);
  const { running, progress, summary, error, syncNow } = useSyncStore();
  const now = useNow();
  if (!state) return null;
  const busy = running || state.syncing;
  // What waits to be sent is counted in the header, on every view.
  const { failed } = state.outbox;
  const last = state.lastRun ? (state.lastRun.finishedAt ?? state.lastRun.startedAt) : null;

  return (
    // tabIndex -1: a Retry notification's click moves focus here.
    <section id={SYNC_ID} className="panel sync" aria-labelledby="sync-title" tabIndex={-1}>
      <div className="sync-row">
        <div>
          <h2 id="sync-title">Sync</h2>
          <p className="muted">
            {last ? `Last synced ${relative(last, now)}` : 'Not synced yet'}
            {!busy && state.nextSyncAt && ` · next sync ${Date.parse(state.nextSyncAt) - now.getTime() < 45_000 ? 'in less than a minute' : relative(state.nextSyncAt, now)}`}
            {failed > 0 && ` · ${failed} change${failed === 1 ? '' : 's'} could not be sent`}
          </p>
        </div>
        <button type="button" className="primary" disabled={busy || !state.copilot.signedIn} onClick={() => void syncNow()}>
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      <div className="sync-status" aria-live="polite">
        {busy && progress && (
          <>
            <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label="Sync progress" />
            <span>
              {progress.phase} — {progress.done} of {progress.total}
            </span>
          </>
        )}
        {!busy && summary && <p>{describeSync(summary)}</p>}
        {!busy &&
          summary?.messages.map((m) => (
            <p key={m} className="muted">
              {windowMessage(m)}
            </p>
          ))}
        <FormError message={error} />
      </div>
    </section>
  );
}
