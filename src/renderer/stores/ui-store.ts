// Where the user is in the window (first-run step, which view) and the one
// short-lived confirmation shown after an action ("Kept Google Calendar's time").
import { create } from 'zustand';

export type View = 'upcoming' | 'settings' | 'activity';

export interface Notice {
  id: number;
  text: string;
  /** One follow-up the user may want, e.g. undoing a remembered choice. */
  action?: { label: string; run(): void };
}

export interface UiStore {
  view: View;
  /** First run after connecting: choosing what syncs. Null when not in the setup flow. */
  setup: 'choose' | null;
  /** The user chose to look around before connecting a calendar. */
  setupSkipped: boolean;
  notice: Notice | null;

  setView(view: View): void;
  setSetup(step: UiStore['setup']): void;
  skipSetup(): void;
  notify(text: string, action?: Notice['action']): void;
  clearNotice(): void;
  /** Signing out: the next person starts at the welcome screen, on the default view. */
  reset(): void;
}

let nextNotice = 1;

export const useUiStore = create<UiStore>()((set) => ({
  view: 'upcoming',
  setup: null,
  setupSkipped: false,
  notice: null,

  setView(view) {
    set({ view });
  },
  setSetup(setup) {
    set({ setup });
  },
  skipSetup() {
    set({ setupSkipped: true, setup: null });
  },
  notify(text, action) {
    set({ notice: { id: nextNotice++, text, ...(action ? { action } : {}) } });
  },
  clearNotice() {
    set({ notice: null });
  },
  reset() {
    set({ view: 'upcoming', setup: null, setupSkipped: false, notice: null });
  },
}));
