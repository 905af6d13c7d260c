// Runs that stopped before deleting many events (the guard), with the events
// they would delete, and the user's answer: remove them, or keep them.
import { create } from 'zustand';
import type { PendingDeletes } from '../../shared/contract';
import { calendar, messageOf } from '../api';

export interface DeletesStore {
  pending: PendingDeletes[];
  loading: boolean;
  /** Why the list could not be read (the dialog then offers what it can without it). */
  error: string | null;
  deciding: boolean;

  load(): Promise<void>;
  decide(accountId: string, guardId: string, approve: boolean): Promise<boolean>;
}

export const useDeletesStore = create<DeletesStore>()((set, get) => ({
  pending: [],
  loading: false,
  error: null,
  deciding: false,

  async load() {
    set({ loading: true, error: null });
    try {
      set({ pending: await calendar().pendingDeletes({}) });
    } catch (error) {
      set({ pending: [], error: messageOf(error) });
    } finally {
      set({ loading: false });
    }
  },

  async decide(accountId, guardId, approve) {
    set({ deciding: true, error: null });
    try {
      await calendar().decideDeletes({ accountId, guardId, approve });
      set({ pending: get().pending.filter((p) => !(p.accountId === accountId && p.guardId === guardId)) });
      return true;
    } catch (error) {
      set({ error: messageOf(error) });
      return false;
    } finally {
      set({ deciding: false });
    }
  },
}));
