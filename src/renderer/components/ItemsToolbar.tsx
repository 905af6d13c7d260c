// Search and filters above the items list, and the switch for past items.
import type { ItemKind } from '../../shared/domain';
import { STATUS_FILTER_LABELS, type ItemStatus } from '../item-words';
import { useListStore } from '../stores/list-store';
import { KIND_LABELS } from './labels';

const KINDS: ItemKind[] = ['interview', 'follow_up', 'reminder'];
const STATUSES = Object.keys(STATUS_FILTER_LABELS) as ItemStatus[];

export function ItemsToolbar({ shown, total, pastCount }: { shown: number; total: number; pastCount: number }) {
  const { search, kind, status, showPast, setSearch, setKind, setStatus, togglePast } = useListStore();
  return (
    <div className="toolbar" role="search" aria-label="Find interviews and follow-ups">
      <input
        type="search"
        className="search"
        aria-label="Search by company, role, place or notes"
        placeholder="Search company, role, place, notes"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as ItemKind | 'all')}>
        <option value="all">All kinds</option>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}s
          </option>
        ))}
      </select>
      <select aria-label="State" value={status} onChange={(e) => setStatus(e.target.value as ItemStatus | 'all')}>
        <option value="all">Any state</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_FILTER_LABELS[s]}
          </option>
        ))}
      </select>
      {pastCount > 0 && (
        <button type="button" className="quiet" onClick={togglePast}>
          {showPast ? `Hide past (${pastCount})` : `Show past (${pastCount})`}
        </button>
      )}
      <span className="muted toolbar-count" aria-live="polite">
        {shown === total ? `${total} in all` : `${shown} of ${total} shown`}
      </span>
    </div>
  );
}
