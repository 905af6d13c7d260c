// One connected calendar account: its status (colour and words), which calendar
// it writes to, last sync, and the one or two things a user can do with it.
import { useState } from 'react';
import type { AccountView } from '../../shared/domain';
import { relative } from '../format';
import { useNow } from '../use-now';
import { reconnectOptions } from '../reconnect';
import { useStateStore } from '../stores/state-store';
import { accountCardId } from '../stores/ui-store';
import { DisconnectDialog } from './DisconnectDialog';
import { PROVIDER_NAMES, STATUS_LABELS } from './labels';

/** Which calendar the account writes to, as a person calls it. */
export function calendarName(account: AccountView): string {
  if (account.calendarId === 'primary') return 'Main calendar';
  if (reconnectOptions(account).dedicatedCalendar) return 'Career Copilot (private)';
  // A calendar the user picked: its id is a long address-like string, not a name (the card's tooltip has it).
  return 'A calendar you chose';
}

export function AccountCard({ account }: { account: AccountView; zone: string }) {
  const connect = useStateStore((s) => s.connect);
  const disconnect = useStateStore((s) => s.disconnect);
  const connecting = useStateStore((s) => s.connecting);
  const now = useNow();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  async function choose(removeEvents: boolean): Promise<void> {
    setAsking(false);
    setBusy(true);
    await disconnect(account.id, removeEvents);
    setBusy(false);
  }

  return (
    // tabIndex -1: a "reconnect" alert or notification moves focus to this card.
    <article id={accountCardId(account.id)} className={`card account status-${account.status}`} aria-labelledby={`account-${account.id}`} tabIndex={-1}>
      <header className="card-head">
        <h3 id={`account-${account.id}`}>{PROVIDER_NAMES[account.provider]}</h3>
        <span className="status-pill">
          <span className="dot" aria-hidden="true" />
          {STATUS_LABELS[account.status]}
        </span>
      </header>
      <p className="account-email">{account.email}</p>
      <p className="muted">
        <span title={account.calendarId}>{calendarName(account)}</span> · {account.lastSyncAt ? `synced ${relative(account.lastSyncAt, now)}` : 'not synced yet'}
      </p>
      {account.lastError && account.status !== 'connected' && <p className="account-error">{account.lastError}</p>}
      <div className="card-actions">
        {account.status === 'needs_reauth' && (
          <button type="button" className="primary" disabled={connecting !== null} onClick={() => void connect(account.provider, reconnectOptions(account))}>
            {connecting === account.provider ? 'Waiting for Google…' : 'Reconnect'}
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
