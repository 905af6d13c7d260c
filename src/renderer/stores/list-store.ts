// How the user is looking at the items: search words, kind and state filters,
// whether past items are open, and which rows show their details.
import { create } from 'zustand';
import type { ItemKind } from '../../shared/domain';
import type { ItemStatus } from '../item-words';

export interface ListStore {
  search: string;
  kind: ItemKind | 'all';
  status: ItemStatus | 'all';
  showPast: boolean;
  expanded: string[];

  setSearch(search: string): void;
  setKind(kind: ListStore['kind']): void;
  setStatus(status: ListStore['status']): void;
  togglePast(): void;
  toggleExpanded(sourceId: string): void;
  reset(): void;
}

const initial = { search: '', kind: 'all' as const, status: 'all' as const, showPast: false, expanded: [] };

export const useListStore = create<ListStore>()((set, get) => ({
  ...initial,
  setSearch(search) {
    set({ search });
  },
  setKind(kind) {
    set({ kind });
  },
  setStatus(status) {
    set({ status });
  },
  togglePast() {
    set({ showPast: !get().showPast });
  },
  toggleExpanded(sourceId) {
    const expanded = get().expanded;
    set({ expanded: expanded.includes(sourceId) ? expanded.filter((s) => s !== sourceId) : [...expanded, sourceId] });
  },
  reset() {
    set(initial);
  },
}));
