// A sync the user asked for: its live progress (the syncProgress event) and the
// summary it ended with.
import { create } from 'zustand';
import type { ContractEvents, SyncSummary } from '../../shared/contract';
import { calendar, messageOf } from '../api';
import { useItemsStore } from './items-store';

export type SyncProgress = ContractEvents['syncProgress'];

export interface SyncStore {
  running: boolean;
  progress: SyncProgress | null;
  summary: SyncSummary | null;
  error: string | null;

  setProgress(progress: SyncProgress | null): void;
  syncNow(options?: { allowDeletes?: boolean }): Promise<void>;
  retryFailed(): Promise<void>;
}

export const useSyncStore = create<SyncStore>()((set, get) => ({
  running: false,
  progress: null,
  summary: null,
  error: null,

  setProgress(progress) {
    set({ progress });
  },

  async syncNow(options = {}) {
    if (get().running) return;
    set({ running: true, progress: null, error: null });
    try {
      const summary = await calendar().syncNow(options.allowDeletes ? { allowDeletes: true } : {});
      set({ summary });
      await useItemsStore.getState().load();
    } catch (error) {
      set({ error: messageOf(error) });
    } finally {
      set({ running: false, progress: null });
    }
  },

  async retryFailed() {
    try {
      await calendar().retryFailed({});
    } catch (error) {
      set({ error: messageOf(error) });
      return;
    }
    await get().syncNow();
  },
}));
