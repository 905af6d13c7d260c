// Items changed on both sides (DESIGN §1.4), in plain words and in the user's
// zone: what each side did and when, the differing fields side by side, and the
// three answers. "Remember my choice" says what it will do before it is used,
// and the confirmation offers to undo it.
import { useId, useState } from 'react';
import type { ConflictChoice, ConflictView } from '../../shared/domain';
import { conflictStory, rememberedPolicyWords } from '../conflict-words';
import { headline } from '../item-words';
import { useNow } from '../use-now';
import { useItemsStore } from '../stores/items-store';
import { useStateStore } from '../stores/state-store';
import { useUiStore } from '../stores/ui-store';
import { CONFLICTS_ID } from './dom-ids';
import { FormError } from './FormError';
import { PROVIDER_SHORT } from './labels';

function ConflictCard({ conflict, zone }: { conflict: ConflictView; zone: string }) {
  const resolve = useItemsStore((s) => s.resolve);
  const busy = useItemsStore((s) => s.resolving.includes(conflict.id));
  // The list's version of the item: the card shows what Career Copilot says now, as the list does.
  const item = useItemsStore((s) => s.items.find((i) => i.sourceId === conflict.sourceId));
  const account = useStateStore((s) => s.state?.accounts.find((a) => a.id === conflict.accountId));
  const now = useNow();
  const [remember, setRemember] = useState(false);
  const rememberHint = useId();
  const titleId = `conflict-${conflict.id}`;
  const calendarName = account ? PROVIDER_SHORT[account.provider] : 'your calendar';
  const story = conflictStory(conflict, item ? item.timing : conflict.copilotTiming, calendarName, zone, now);
  const name = headline(item ?? { title: conflict.title, company: null, role: null });
  const choices: { choice: ConflictChoice; label: string }[] = [
    { choice: 'keep_calendar', label: `Keep ${calendarName}'s` },
    { choice: 'keep_copilot', label: "Keep Career Copilot's" },
    { choice: 'keep_both', label: 'Keep both' },
  ];

  async function choose(choice: ConflictChoice): Promise<void> {
    if (!(await resolve(conflict.id, choice, remember))) return;
    const what = choice === 'keep_calendar' ? `Kept ${calendarName}'s time` : choice === 'keep_copilot' ? "Kept Career Copilot's time" : 'Kept both versions';
    const ui = useUiStore.getState();
    if (!remember) {
      ui.notify(`${what} for ${name.primary}.`);
      return;
    }
    ui.notify(`${what} for ${name.primary}. ${rememberedPolicyWords(choice, calendarName)}`, {
      label: 'Ask me again',
      run: () => {
        void useStateStore
          .getState()
          .savePreferences({ conflictPolicy: 'ask' })
          .then((ok) => ok && useUiStore.getState().notify('The app will ask you again when both sides change.'));
      },
    });
  }

  return (
    <article className="card conflict" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {name.primary}
        {name.secondary && <span className="role"> — {name.secondary}</span>}
      </h3>
      <p>{story.calendarLine}</p>
      <p>{story.copilotLine}</p>
      <table className="versions">
        <caption className="visually-hidden">Both versions side by side; changed fields are marked</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">Career Copilot</th>
            <th scope="col">{calendarName}</th>
          </tr>
        </thead>
        <tbody>
          {story.rows.map((row) => (
            <tr key={row.label} className={row.changed ? 'changed' : undefined}>
              <th scope="row">{row.label}</th>
              <td>{row.changed ? <mark>{row.copilot}</mark> : row.copilot}</td>
              <td>
                {row.changed ? <mark>{row.calendar}</mark> : row.calendar}
                {row.changed && <span className="visually-hidden"> (differs)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card-actions" role="group" aria-label={`Resolve ${name.primary}`}>
        {choices.map(({ choice, label }) => (
          <button key={choice} type="button" disabled={busy} onClick={() => void choose(choice)}>
            {label}
          </button>
        ))}
      </div>
      <label className="remember">
        <input type="checkbox" checked={remember} aria-describedby={rememberHint} onChange={(e) => setRemember(e.target.checked)} />
        Remember my choice
      </label>
      <p id={rememberHint} className="muted hint">
        {remember
          ? 'The version you pick now also wins every future conflict, without asking. You can undo this in Preferences (“When both sides changed”).'
          : 'Only this item; the app keeps asking next time.'}
      </p>
    </article>
  );
}

export function ConflictsList() {
  const conflicts = useItemsStore((s) => s.conflicts);
  const error = useItemsStore((s) => s.error);
  const zone = useStateStore((s) => s.state?.preferences.timeZone ?? 'UTC');
  if (conflicts.length === 0) return null;
  return (
    // tabIndex -1: the banner's "Review conflicts" moves focus here.
    <section id={CONFLICTS_ID} className="panel conflicts" aria-labelledby="conflicts-title" tabIndex={-1}>
      <h2 id="conflicts-title">
        Changed in both places <span className="count">{conflicts.length}</span>
      </h2>
      <FormError message={error} />
      {conflicts.map((c) => (
        <ConflictCard key={c.id} conflict={c} zone={zone} />
      ))}
    </section>
  );
}
