// One connected calendar account: who it is (name and address), its status in
// colour and words, the calendar it writes to, the last sync, and the one or
// two things a user can do with it. A CalDAV account that lost its password
// asks for it again right here; the others reconnect through the browser.
import { useState } from 'react';
import type { AccountView } from '../../shared/domain';
import { relative } from '../format';
import { accountLabel, accountTitle, disconnectedWords, waitingWords } from '../provider-words';
import { reconnectOptions } from '../reconnect';
import { useCalendarsStore } from '../stores/calendars-store';
import { useStateStore } from '../stores/state-store';
import { accountCardId, useUiStore } from '../stores/ui-store';
import { useNow } from '../use-now';
import { CaldavForm, startFor } from './CaldavForm';
import { CalendarPicker } from './CalendarPicker';
import { CancelSignIn, ConsentHint } from './ConnectBrowserCard';
import { DisconnectDialog } from './DisconnectDialog';
import { FormError } from './FormError';
import { STATUS_LABELS } from './labels';

export function AccountCard({ account }: { account: AccountView }) {
  const connect = useStateStore((s) => s.connect);
  const disconnect = useStateStore((s) => s.disconnect);
  const connecting = useStateStore((s) => s.connecting);
  const consentUrl = useStateStore((s) => s.consentUrl);
  const connectError = useStateStore((s) => (s.connectError?.provider === account.provider ? s.connectError.message : null));
  const accountError = useStateStore((s) => (s.accountError?.accountId === account.id ? s.accountError.message : null));
  const now = useNow();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = `account-${account.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const waiting = connecting === account.provider;
  const needsReauth = account.status === 'needs_reauth';

  async function choose(removeEvents: boolean): Promise<void> {
    setAsking(false);
    setBusy(true);
    const result = await disconnect(account.id, removeEvents);
    setBusy(false);
    if (!result) return;
    useCalendarsStore.getState().forget(account.id);
    useUiStore.getState().notify(disconnectedWords(account, result));
  }

  return (
    // tabIndex -1: a "reconnect" alert or notification moves focus to this card.
    <article id={accountCardId(account.id)} className={`card account status-${account.status}`} aria-labelledby={titleId} tabIndex={-1}>
      <header className="card-head">
        <h3 id={titleId}>{accountTitle(account)}</h3>
        <span className="status-pill">
          <span className="dot" aria-hidden="true" />
          {STATUS_LABELS[account.status]}
        </span>
      </header>
      {account.displayName && <p className="account-name">{account.displayName}</p>}
      <p className="account-email">{accountLabel(account)}</p>
      <p className="muted">{account.lastSyncAt ? `Synced ${relative(account.lastSyncAt, now)}` : 'Not synced yet'}</p>
      {account.lastError && account.status !== 'connected' && <p className="account-error">{account.lastError}</p>}
      <CalendarPicker account={account} />
      {needsReauth && account.provider === 'caldav' && <CaldavForm start={startFor(account)} submitLabel="Reconnect" lockAccount />}
      <div className="card-actions">
        {needsReauth && account.provider !== 'caldav' && (
          <button type="button" className="primary" disabled={connecting !== null} onClick={() => void connect(account.provider, reconnectOptions(account))}>
            {waiting ? waitingWords(account.provider) : 'Reconnect'}
          </button>
        )}
        {account.provider !== 'caldav' && <CancelSignIn waiting={waiting} />}
        <button type="button" disabled={busy} onClick={() => setAsking(true)}>
          {busy ? 'Disconnecting…' : 'Disconnect'}
        </button>
      </div>
      {account.provider !== 'caldav' && <ConsentHint waiting={waiting} url={consentUrl} />}
      {account.provider !== 'caldav' && <FormError message={connectError} />}
      <FormError message={accountError} />
      <DisconnectDialog account={account} open={asking} onChoose={(remove) => void choose(remove)} onCancel={() => setAsking(false)} />
    </article>
  );
}
