// Where the user is in the window (first-run step, which view) and the one
// short-lived confirmation shown after an action ("Kept Google Calendar's time").
import { create } from 'zustand';
import type { Alert } from '../../shared/contract';
import { assertNever } from '../../shared/errors';
import { CONFLICTS_ID, SIGN_IN_EMAIL_ID, SYNC_ID } from '../components/dom-ids';

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
  /** The element to move focus to once the current view has rendered (an alert's card). */
  focusTarget: string | null;
  /** The mass-delete question is open, for this account (null: whichever is pending). Undefined: closed. */
  reviewingDeletes: string | null | undefined;

  setView(view: View): void;
  /** Shows the card that answers an alert: from its button, or a desktop notification's click. */
  openAlert(alert: Alert): void;
  focused(): void;
  reviewDeletes(accountId: string | null | undefined): void;
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
  focusTarget: null,
  reviewingDeletes: undefined,

  setView(view) {
    set({ view });
  },
  openAlert(alert) {
    const action = alert.action;
    switch (action) {
      case 'reconnect':
        set({ view: 'settings', focusTarget: alert.accountId ? accountCardId(alert.accountId) : null });
        return;
      case 'open_conflicts':
        set({ view: 'upcoming', focusTarget: CONFLICTS_ID });
        return;
      case 'approve_deletes':
        set({ view: 'upcoming', reviewingDeletes: alert.accountId });
        return;
      case 'retry':
      case null:
        set({ view: 'upcoming', focusTarget: SYNC_ID });
        return;
      case 'signin':
        set({ focusTarget: SIGN_IN_EMAIL_ID });
        return;
      default:
        assertNever(action, 'alert action');
    }
  },
  focused() {
    set({ focusTarget: null });
  },
  reviewDeletes(accountId) {
    set({ reviewingDeletes: accountId });
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
    set({ view: 'upcoming', setup: null, setupSkipped: false, notice: null, focusTarget: null, reviewingDeletes: undefined });
  },
}));

/** The account card's element id (AccountCard), for focusing it from an alert. */
export function accountCardId(accountId: string): string {
  return `account-card-${accountId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
