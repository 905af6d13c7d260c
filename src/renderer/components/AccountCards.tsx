// The calendars section: a card per connected account — side by side, each
// with its own calendar — and a Connect card for each service not connected yet.
import { useStateStore } from '../stores/state-store';
import { AccountCard } from './AccountCard';
import { ConnectCards } from './ConnectCards';

export function AccountCards() {
  const accounts = useStateStore((s) => s.state?.accounts);
  if (!accounts) return null;
  return (
    <section className="panel" aria-labelledby="calendars-title">
      <h2 id="calendars-title">Calendars</h2>
      <div className="cards">
        {accounts.map((account) => (
          <AccountCard key={account.id} account={account} />
        ))}
        <ConnectCards />
      </div>
    </section>
  );
}
