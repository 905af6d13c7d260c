// What Career Copilot puts in the calendar, soonest first, with how each item
// stands in each connected calendar.
// A plain list for now: a few hundred rows render fast enough. A virtualised
// list replaces it when users with thousands of items appear.
import type { AccountView, ItemView } from '../../shared/domain';
import { formatTiming, startMillis } from '../format';
import { useItemsStore } from '../stores/items-store';
import { useStateStore } from '../stores/state-store';
import { KIND_LABELS, LINK_LABELS } from './labels';
import { FormError } from './FormError';

function ItemRow({ item, accounts, zone }: { item: ItemView; accounts: AccountView[]; zone: string }) {
  return (
    <li className={`item kind-${item.kind}${item.cancelled ? ' cancelled' : ''}`}>
      <span className="kind">{KIND_LABELS[item.kind]}</span>
      <div className="item-main">
        <span className="item-title">
          <span className="title-text">{item.title}</span>
          {item.cancelled && <span className="tag">Cancelled</span>}
        </span>
        <span className="item-when">{formatTiming(item.timing, zone)}</span>
      </div>
      <ul className="links" aria-label="In your calendars">
        {item.links.map((link) => {
          const account = accounts.find((a) => a.id === link.accountId);
          return (
            <li key={link.accountId} className={`link link-${link.state}`} title={account?.email}>
              {LINK_LABELS[link.state]}
            </li>
          );
        })}
        {item.links.length === 0 && <li className="link link-none">Not in a calendar yet</li>}
      </ul>
    </li>
  );
}

export function ItemsList() {
  const { items, loaded, error } = useItemsStore();
  const state = useStateStore((s) => s.state);
  if (!state) return null;
  const sorted = [...items].sort((a, b) => startMillis(a.timing) - startMillis(b.timing));

  return (
    <section className="panel" aria-labelledby="items-title">
      <h2 id="items-title">
        Interviews and follow-ups <span className="count">{items.length}</span>
      </h2>
      <FormError message={error} />
      {loaded && items.length === 0 && (
        <p className="muted">{state.copilot.signedIn ? 'Nothing to put in the calendar yet.' : 'Sign in to Career Copilot to see your interviews here.'}</p>
      )}
      <ul className="items">
        {sorted.map((item) => (
          <ItemRow key={item.sourceId} item={item} accounts={state.accounts} zone={state.preferences.timeZone} />
        ))}
      </ul>
    </section>
  );
}
