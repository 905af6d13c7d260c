// "Sync now", its live progress, and how the last sync ended.
import type { SyncSummary } from '../../shared/contract';
import { formatInstant } from '../format';
import { useStateStore } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { FormError } from './FormError';

function describe(summary: SyncSummary): string {
  const parts = [
    summary.created && `${summary.created} added`,
    summary.updated && `${summary.updated} updated`,
    summary.deleted && `${summary.deleted} removed`,
    summary.pulled && `${summary.pulled} brought back from the calendar`,
    summary.conflicts && `${summary.conflicts} to review`,
    summary.failures && `${summary.failures} failed`,
  ].filter((p): p is string => typeof p === 'string');
  const head = summary.outcome === 'ok' ? 'Sync finished' : summary.outcome === 'stopped' ? 'Sync stopped to ask you first' : 'Sync finished with problems';
  return `${head}: ${parts.length > 0 ? parts.join(', ') : 'everything was already up to date'}.`;
}

export function SyncPanel() {
  const state = useStateStore((s) => s.state);
  const { running, progress, summary, error, syncNow } = useSyncStore();
  if (!state) return null;
  const busy = running || state.syncing;
  const { pending, failed } = state.outbox;

  return (
    <section className="panel sync" aria-labelledby="sync-title">
      <div className="sync-row">
        <div>
          <h2 id="sync-title">Sync</h2>
          <p className="muted">
            {state.lastRun ? `Last sync ${formatInstant(state.lastRun.finishedAt ?? state.lastRun.startedAt, state.preferences.timeZone)}` : 'Not synced yet'}
            {pending > 0 && ` · ${pending} change${pending === 1 ? '' : 's'} waiting to be sent`}
            {failed > 0 && ` · ${failed} failed`}
          </p>
        </div>
        <button type="button" className="primary" disabled={busy} onClick={() => void syncNow()}>
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
        {!busy && summary && <p>{describe(summary)}</p>}
        {!busy && summary?.messages.map((m) => <p key={m} className="muted">{m}</p>)}
        <FormError message={error} />
      </div>
    </section>
  );
}
