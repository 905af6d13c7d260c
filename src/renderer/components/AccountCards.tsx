// The calendars section: a card per connected account, a Connect card for Google
// when none is connected, and a note on the providers still to come.
import { useState } from 'react';
import { useStateStore } from '../stores/state-store';
import { AccountCard } from './AccountCard';
import { PROVIDER_NAMES } from './labels';
import { FormError } from './FormError';

export function AccountCards() {
  const state = useStateStore((s) => s.state);
  const connect = useStateStore((s) => s.connect);
  const connecting = useStateStore((s) => s.connecting);
  const consentUrl = useStateStore((s) => s.consentUrl);
  const error = useStateStore((s) => s.accountError);
  const [dedicated, setDedicated] = useState(false);
  if (!state) return null;
  const hasGoogle = state.accounts.some((a) => a.provider === 'google');

  return (
    <section className="panel" aria-labelledby="calendars-title">
      <h2 id="calendars-title">Calendars</h2>
      <div className="cards">
        {state.accounts.map((account) => (
          <AccountCard key={account.id} account={account} zone={state.preferences.timeZone} />
        ))}
        {!hasGoogle && (
          <article className="card account status-disconnected" aria-labelledby="connect-google">
            <header className="card-head">
              <h3 id="connect-google">{PROVIDER_NAMES.google}</h3>
              <span className="status-pill">
                <span className="dot" aria-hidden="true" />
                Not connected
              </span>
            </header>
            <p className="muted">Your browser opens Google&apos;s consent page; the app only gets access to calendar events.</p>
            <label className="check">
              <input type="checkbox" checked={dedicated} onChange={(e) => setDedicated(e.target.checked)} />
              Most private: use a separate &ldquo;Career Copilot&rdquo; calendar, and let the app see no other
            </label>
            <div className="card-actions">
              <button type="button" className="primary" disabled={connecting !== null} onClick={() => void connect('google', { dedicatedCalendar: dedicated })}>
                {connecting === 'google' ? 'Waiting for the browser…' : 'Connect'}
              </button>
            </div>
          </article>
        )}
        <article className="card account later" aria-label="More calendars">
          <h3>{PROVIDER_NAMES.microsoft} and CalDAV</h3>
          <p className="muted">Coming in a later version.</p>
        </article>
      </div>
      <div aria-live="polite">
        {connecting && consentUrl && (
          <p className="consent">
            Finish in your browser. If it did not open, copy this address into it: <code className="url">{consentUrl}</code>
          </p>
        )}
      </div>
      <FormError message={error} />
    </section>
  );
}
