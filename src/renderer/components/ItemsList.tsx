// What Career Copilot puts in the calendar: upcoming items grouped by day in the
// user's zone, past ones apart and folded away, with search and filters. The
// list is virtualised (only the rows in view exist in the page), so ten
// thousand items scroll as smoothly as ten.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { listModel, type Row } from '../item-rows';
import { useNow } from '../use-now';
import { useItemsStore } from '../stores/items-store';
import { useListStore } from '../stores/list-store';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';
import { ItemRow } from './ItemRow';
import { ItemsToolbar } from './ItemsToolbar';

const ESTIMATES: Record<Row['type'], number> = { section: 44, day: 40, item: 68 };

export function ItemsList() {
  const { items, loaded, error } = useItemsStore();
  const state = useStateStore((s) => s.state);
  const { search, kind, status, showPast } = useListStore();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const preferences = state?.preferences;
  const model = useMemo(() => (preferences ? listModel(items, { search, kind, status }, preferences, now) : null), [items, search, kind, status, preferences, now]);
  const rows = useMemo(() => (model ? [...model.upcoming, ...(showPast ? model.past : [])] : []), [model, showPast]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => ESTIMATES[rows[i]?.type ?? 'item'],
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 6,
  });
  if (!state || !model) return null;
  const filtered = search !== '' || kind !== 'all' || status !== 'all';

  return (
    <section className="panel items-panel" aria-labelledby="items-title">
      <h2 id="items-title">
        Interviews and follow-ups <span className="count">{items.length}</span>
      </h2>
      <ItemsToolbar shown={model.shown} total={model.total} pastCount={model.pastCount} />
      <FormError message={error} />
      {loaded && items.length === 0 && (
        <p className="muted empty">{state.copilot.signedIn ? 'Nothing to put in the calendar yet. New interviews and follow-ups from Career Copilot show up here.' : 'Sign in to Career Copilot to see your interviews here.'}</p>
      )}
      {loaded && items.length > 0 && rows.length === 0 && (
        <p className="muted empty">{filtered ? 'Nothing matches. Clear the search or the filters to see everything.' : 'Nothing coming up. Past items are folded away above.'}</p>
      )}
      <div ref={scrollRef} className="items-scroll">
        <div className="items-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className={`vrow vrow-${row.type}`} style={{ transform: `translateY(${v.start}px)` }}>
                {row.type === 'item' ? (
                  <ItemRow item={row.item} />
                ) : row.type === 'day' ? (
                  <h3 className="day-heading">{row.label}</h3>
                ) : (
                  <h3 className="section-heading">{row.label}</h3>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
