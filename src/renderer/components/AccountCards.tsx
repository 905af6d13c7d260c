// The calendars section: a card per connected account, a Connect card for Google
// when none is connected, and a note on the providers still to come.
import { useStateStore } from '../stores/state-store';
import { AccountCard } from './AccountCard';
import { ConnectGoogleCard } from './ConnectGoogleCard';
import { FormError } from './FormError';

export function AccountCards() {
  const state = useStateStore((s) => s.state);
  const error = useStateStore((s) => s.accountError);
  if (!state) return null;
  const hasGoogle = state.accounts.some((a) => a.provider === 'google');

  return (
    <section className="panel" aria-labelledby="calendars-title">
      <h2 id="calendars-title">Calendars</h2>
      <div className="cards">
        {state.accounts.map((account) => (
          <AccountCard key={account.id} account={account} zone={state.preferences.timeZone} />
        ))}
        {!hasGoogle && <ConnectGoogleCard />}
        <article className="card account later" aria-label="More calendars">
          <h3>Outlook and CalDAV</h3>
          <p className="muted">Coming in a later version.</p>
        </article>
      </div>
      {hasGoogle && <FormError message={error} />}
    </section>
  );
}
