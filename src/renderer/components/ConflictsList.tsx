// Items changed on both sides (DESIGN §1.4): show both versions, let the user
// keep one or both, and optionally remember the answer as the policy.
import { useState } from 'react';
import type { ConflictChoice, ConflictView } from '../../shared/domain';
import { formatTiming } from '../format';
import { useItemsStore } from '../stores/items-store';
import { useStateStore } from '../stores/state-store';
import { CONFLICTS_ID } from './dom-ids';

const CHOICES: { choice: ConflictChoice; label: string }[] = [
  { choice: 'keep_copilot', label: "Keep Career Copilot's" },
  { choice: 'keep_calendar', label: "Keep the calendar's" },
  { choice: 'keep_both', label: 'Keep both' },
];

function ConflictCard({ conflict, zone }: { conflict: ConflictView; zone: string }) {
  const resolve = useItemsStore((s) => s.resolve);
  const busy = useItemsStore((s) => s.resolving.includes(conflict.id));
  const [remember, setRemember] = useState(false);
  const titleId = `conflict-${conflict.id}`;
  const when = (t: ConflictView['copilotTiming']): string => (t ? formatTiming(t, zone) : 'deleted');

  return (
    <article className="card conflict" aria-labelledby={titleId}>
      <h3 id={titleId}>{conflict.title}</h3>
      <p>{conflict.explanation}</p>
      <dl className="versions">
        <div>
          <dt>Career Copilot</dt>
          <dd>{when(conflict.copilotTiming)}</dd>
        </div>
        <div>
          <dt>Calendar</dt>
          <dd>{when(conflict.calendarTiming)}</dd>
        </div>
      </dl>
      <div className="card-actions" role="group" aria-label={`Resolve ${conflict.title}`}>
        {CHOICES.map(({ choice, label }) => (
          <button key={choice} type="button" disabled={busy} onClick={() => void resolve(conflict.id, choice, remember)}>
            {label}
          </button>
        ))}
        <label className="remember">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember my choice
        </label>
      </div>
    </article>
  );
}

export function ConflictsList() {
  const conflicts = useItemsStore((s) => s.conflicts);
  const zone = useStateStore((s) => s.state?.preferences.timeZone ?? 'UTC');
  if (conflicts.length === 0) return null;
  return (
    // tabIndex -1: the banner's "Review conflicts" moves focus here.
    <section id={CONFLICTS_ID} className="panel conflicts" aria-labelledby="conflicts-title" tabIndex={-1}>
      <h2 id="conflicts-title">
        Changed in both places <span className="count">{conflicts.length}</span>
      </h2>
      {conflicts.map((c) => (
        <ConflictCard key={c.id} conflict={c} zone={zone} />
      ))}
    </section>
  );
}
