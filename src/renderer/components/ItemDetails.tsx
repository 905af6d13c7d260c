// An item's details, shown on demand: the full date, place and notes, the
// "Add to calendar" switch, and changing the time or date.
import { useState } from 'react';
import type { ItemView } from '../../shared/domain';
import { formatTiming } from '../format';
import { providerName } from '../item-words';
import { useStateStore } from '../stores/state-store';
import { useItemsStore } from '../stores/items-store';
import { EditTiming } from './EditTiming';
import { FormError } from './FormError';

export function ItemDetails({ id, item, zone }: { id: string; item: ItemView; zone: string }) {
  const setSync = useItemsStore((s) => s.setSync);
  const saving = useItemsStore((s) => s.saving.includes(item.sourceId));
  const error = useItemsStore((s) => s.itemErrors[item.sourceId]);
  const [editing, setEditing] = useState(false);
  const editable = !item.cancelled && item.kind !== 'reminder';
  const accounts = useStateStore((s) => s.state?.accounts ?? []);
  const opens = item.links.filter((l) => l.webLink);

  return (
    <div id={id} className="item-details">
      <dl>
        <div>
          <dt>When</dt>
          <dd>{formatTiming(item.timing, zone)}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{item.location ?? <span className="muted">No place given</span>}</dd>
        </div>
        <div>
          <dt>Notes</dt>
          <dd className="notes">{item.notes ?? <span className="muted">No notes</span>}</dd>
        </div>
      </dl>
      {opens.length > 0 && (
        <p className="item-open">
          {opens.map((l) => (
            // Opens in the user's browser: the shell lets only calendar and account pages out.
            <a key={l.accountId} href={l.webLink ?? undefined} target="_blank" rel="noreferrer noopener">
              Open in {providerName(accounts, l.accountId)}
            </a>
          ))}
        </p>
      )}
      {item.kind === 'reminder' && <p className="muted">A prep block follows its interview: change the interview&apos;s time to move it.</p>}
      <div className="item-actions">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={item.syncEnabled}
            disabled={saving || item.cancelled}
            onChange={(e) => void setSync(item.sourceId, e.target.checked)}
          />
          Add to calendar
        </label>
        {editable && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {item.kind === 'interview' ? 'Change time' : 'Change date'}
          </button>
        )}
      </div>
      {editing && <EditTiming item={item} zone={zone} onDone={() => setEditing(false)} />}
      <FormError message={error} />
    </div>
  );
}
