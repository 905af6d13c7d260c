// What Career Copilot put in the calendar (items) and what waits for the user
// (conflicts): resolving a conflict, editing a time, and the per-item switch.
import { create } from 'zustand';
import type { ConflictChoice, ConflictView, ItemView, Timing } from '../../shared/domain';
import { calendar, messageOf } from '../api';

export interface ItemsStore {
  items: ItemView[];
  conflicts: ConflictView[];
  loaded: boolean;
  error: string | null;
  /** Conflict ids with a resolve request in flight (their buttons are disabled). */
  resolving: number[];
  /** Source ids with an edit or switch request in flight. */
  saving: string[];
  /** Per source id: why its last edit or switch failed. */
  itemErrors: Record<string, string>;

  load(): Promise<void>;
  addConflict(conflict: ConflictView): void;
  resolve(id: number, choice: ConflictChoice, remember: boolean): Promise<boolean>;
  edit(sourceId: string, timing: Timing): Promise<boolean>;
  setSync(sourceId: string, enabled: boolean): Promise<boolean>;
  /** Signed out: nothing of the last account stays on screen. */
  clear(): void;
}

export const useItemsStore = create<ItemsStore>()((set, get) => {
  /** Runs one item request with its row marked busy; a failure is shown on that row. */
  async function onItem(sourceId: string, run: () => Promise<void>): Promise<boolean> {
    const { [sourceId]: _old, ...others } = get().itemErrors;
    set({ saving: [...get().saving, sourceId], itemErrors: others });
    try {
      await run();
      return true;
    } catch (error) {
      set({ itemErrors: { ...get().itemErrors, [sourceId]: messageOf(error) } });
      return false;
    } finally {
      set({ saving: get().saving.filter((s) => s !== sourceId) });
    }
  }

  return {
    items: [],
    conflicts: [],
    loaded: false,
    error: null,
    resolving: [],
    saving: [],
    itemErrors: {},

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
        return true;
      } catch (error) {
        set({ error: messageOf(error) });
        return false;
      } finally {
        set({ resolving: get().resolving.filter((r) => r !== id) });
      }
    },

    edit(sourceId, timing) {
      return onItem(sourceId, async () => {
        const updated = await calendar().editItem({ sourceId, timing });
        set({ items: get().items.map((i) => (i.sourceId === sourceId ? updated : i)) });
      });
    },

    setSync(sourceId, enabled) {
      return onItem(sourceId, async () => {
        await calendar().setItemSync({ sourceId, enabled });
        set({ items: get().items.map((i) => (i.sourceId === sourceId ? { ...i, syncEnabled: enabled } : i)) });
        // The core decides what the switch does to the links (an add or a removal is queued).
        await get().load();
      });
    },

    clear() {
      set({ items: [], conflicts: [], loaded: false, error: null, resolving: [], saving: [], itemErrors: {} });
    },
  };
});
