// One connected calendar account: its status (colour and words), last sync, and
// the one or two things a user can do with it.
import { useState } from 'react';
import type { AccountView } from '../../shared/domain';
import { formatInstant } from '../format';
import { useStateStore } from '../stores/state-store';
import { DisconnectDialog } from './DisconnectDialog';
import { PROVIDER_NAMES, STATUS_LABELS } from './labels';
import { reconnectOptions } from '../reconnect';

export function AccountCard({ account, zone }: { account: AccountView; zone: string }) {
  const connect = useStateStore((s) => s.connect);
  const disconnect = useStateStore((s) => s.disconnect);
  const connecting = useStateStore((s) => s.connecting);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  async function choose(removeEvents: boolean): Promise<void> {
    setAsking(false);
    setBusy(true);
    await disconnect(account.id, removeEvents);
    setBusy(false);
  }

  return (
    <article className={`card account status-${account.status}`} aria-labelledby={`account-${account.id}`}>
      <header className="card-head">
        <h3 id={`account-${account.id}`}>{PROVIDER_NAMES[account.provider]}</h3>
        <span className="status-pill">
          <span className="dot" aria-hidden="true" />
          {STATUS_LABELS[account.status]}
        </span>
      </header>
      <p className="account-email">{account.email}</p>
      <p className="muted">
        {account.calendarId === 'primary' ? 'Main calendar' : `Calendar: ${account.calendarId}`} ·{' '}
        {account.lastSyncAt ? `last synced ${formatInstant(account.lastSyncAt, zone)}` : 'not synced yet'}
      </p>
      {account.lastError && account.status !== 'connected' && <p className="account-error">{account.lastError}</p>}
      <div className="card-actions">
        {account.status === 'needs_reauth' && (
          <button type="button" className="primary" disabled={connecting !== null} onClick={() => void connect(account.provider, reconnectOptions(account))}>
            {connecting === account.provider ? 'Waiting for the browser…' : 'Reconnect'}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => setAsking(true)}>
          {busy ? 'Disconnecting…' : 'Disconnect'}
        </button>
      </div>
      <DisconnectDialog email={account.email} open={asking} onChoose={(remove) => void choose(remove)} onCancel={() => setAsking(false)} />
    </article>
  );
}

