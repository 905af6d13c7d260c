// What Career Copilot put in the calendar (items) and what waits for the user
// (conflicts), with resolving a conflict.
import { create } from 'zustand';
import type { ConflictChoice, ConflictView, ItemView } from '../../shared/domain';
import { calendar, messageOf } from '../api';

export interface ItemsStore {
  items: ItemView[];
  conflicts: ConflictView[];
  loaded: boolean;
  error: string | null;
  /** Conflict ids with a resolve request in flight (their buttons are disabled). */
  resolving: number[];

  load(): Promise<void>;
  addConflict(conflict: ConflictView): void;
  resolve(id: number, choice: ConflictChoice, remember: boolean): Promise<void>;
}

export const useItemsStore = create<ItemsStore>()((set, get) => ({
  items: [],
  conflicts: [],
  loaded: false,
  error: null,
  resolving: [],

  async load() {
    try {
      const [items, conflicts] = await Promise.all([calendar().listItems({}), calendar().listConflicts({})]);
      set({ items, conflicts, loaded: true, error: null });
    } catch (error) {
      set({ error: messageOf(error), loaded: true });
    }
  },

  addConflict(conflict) {
    set({ conflicts: [...get().conflicts.filter((c) => c.id !== conflict.id), conflict] });
  },

  async resolve(id, choice, remember) {
    set({ resolving: [...get().resolving, id], error: null });
    try {
      await calendar().resolveConflict({ id, choice, remember });
      set({ conflicts: get().conflicts.filter((c) => c.id !== id) });
      await get().load();
    } catch (error) {
      set({ error: messageOf(error) });
    } finally {
      set({ resolving: get().resolving.filter((r) => r !== id) });
    }
  },
}));
