// One item: who it is about first (company, then role), its time, a small kind
// icon, a badge per calendar, and its details on demand.
import type { ItemView } from '../../shared/domain';
import { formatTimeOfDay } from '../format';
import { badges, headline } from '../item-words';
import { useItemsStore } from '../stores/items-store';
import { useListStore } from '../stores/list-store';
import { useStateStore } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { ChevronIcon, KindIcon } from './Icons';
import { ItemDetails } from './ItemDetails';
import { KIND_LABELS } from './labels';

export const itemDomId = (sourceId: string): string => `item-${sourceId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function ItemRow({ item }: { item: ItemView }) {
  const state = useStateStore((s) => s.state);
  const expanded = useListStore((s) => s.expanded.includes(item.sourceId));
  const toggle = useListStore((s) => s.toggleExpanded);
  const retry = useSyncStore((s) => s.retryFailed);
  const saving = useItemsStore((s) => s.saving.includes(item.sourceId));
  if (!state) return null;
  const id = itemDomId(item.sourceId);
  const name = headline(item);
  const zone = state.preferences.timeZone;

  return (
    <article className={`item kind-${item.kind}${item.cancelled ? ' cancelled' : ''}`} aria-labelledby={`${id}-name`} aria-busy={saving || undefined}>
      <div className="item-line">
        <span className="kind" title={KIND_LABELS[item.kind]}>
          <KindIcon kind={item.kind} />
          <span className="kind-label">{KIND_LABELS[item.kind]}</span>
        </span>
        <div className="item-main">
          <h4 id={`${id}-name`} className="item-name">
            <span className="company">{name.primary}</span>
            {name.secondary && <span className="role">{name.secondary}</span>}
          </h4>
          <span className="item-when">{formatTimeOfDay(item.timing, zone)}</span>
        </div>
        <ul className="badges" aria-label="In your calendars">
          {badges(item, state.accounts, state.preferences).map((b) => (
            <li key={b.key} className={`badge badge-${b.tone}`}>
              {b.retry ? (
                <button type="button" className="badge-button" onClick={() => void retry()}>
                  {b.text}
                </button>
              ) : (
                b.text
              )}
            </li>
          ))}
        </ul>
        <button type="button" className="quiet details-toggle" aria-expanded={expanded} aria-controls={`${id}-details`} onClick={() => toggle(item.sourceId)}>
          Details
          <ChevronIcon open={expanded} />
        </button>
      </div>
      {expanded && <ItemDetails id={`${id}-details`} item={item} zone={zone} />}
    </article>
  );
}
