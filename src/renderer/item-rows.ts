// The items list as the virtual list draws it: filtered, split into upcoming and
// past, grouped by day in the user's zone, with a heading row per day.
import type { ItemView, Preferences } from '../shared/domain';
import { dayHeading, dayKey, endMillis, startMillis, zoneOrLocal } from './format';
import { itemStatus, searchText, type ItemStatus } from './item-words';

export type Row = { type: 'section'; key: string; label: string } | { type: 'day'; key: string; label: string } | { type: 'item'; key: string; item: ItemView };

export interface Filters {
  search: string;
  kind: ItemView['kind'] | 'all';
  status: ItemStatus | 'all';
}

export interface ListModel {
  upcoming: Row[];
  past: Row[];
  pastCount: number;
  shown: number;
  total: number;
}

function matches(item: ItemView, f: Filters, prefs: Preferences): boolean {
  if (f.kind !== 'all' && item.kind !== f.kind) return false;
  if (f.status !== 'all' && itemStatus(item, prefs) !== f.status) return false;
  const words = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = searchText(item);
  return words.every((w) => text.includes(w));
}

/** An item with its times worked out once: sorting 10,000 items must not redo zone arithmetic per comparison. */
interface Placed {
  item: ItemView;
  start: number;
  end: number;
  day: string;
}

function grouped(items: Placed[], zone: string, now: Date, prefix: string): Row[] {
  const rows: Row[] = [];
  let current = '';
  for (const { item, day } of items) {
    if (day !== current) {
      current = day;
      rows.push({ type: 'day', key: `${prefix}${day}`, label: dayHeading(day, zone, now) });
    }
    rows.push({ type: 'item', key: item.sourceId, item });
  }
  return rows;
}

export function listModel(items: ItemView[], filters: Filters, prefs: Preferences, now: Date): ListModel {
  const zone = zoneOrLocal(prefs.timeZone);
  const shown: Placed[] = items
    .filter((i) => matches(i, filters, prefs))
    .map((item) => ({ item, start: startMillis(item.timing, zone), end: endMillis(item.timing, zone), day: dayKey(item.timing, zone) }));
  const byStart = (a: Placed, b: Placed): number => a.start - b.start || a.item.sourceId.localeCompare(b.item.sourceId);
  const upcoming = shown.filter((i) => i.end >= now.getTime()).sort(byStart);
  // Past ones: the most recent first, since that is what a user looks back for.
  const past = shown.filter((i) => i.end < now.getTime()).sort((a, b) => byStart(b, a));
  const pastRows: Row[] = past.length > 0 ? [{ type: 'section', key: 'past', label: 'Past' }, ...grouped(past, zone, now, 'past:')] : [];
  return { upcoming: grouped(upcoming, zone, now, 'up:'), past: pastRows, pastCount: past.length, shown: shown.length, total: items.length };
}
