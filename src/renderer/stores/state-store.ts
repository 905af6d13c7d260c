// The app's overall state as main reports it (AppState), plus alerts pushed as
// events, and the account actions (sign-in, connect, disconnect, preferences)
// that change it. Items and conflicts live in items-store.ts; syncing in sync-store.ts.
import { create } from 'zustand';
import type { Alert, AppState, ContractResults, RequestArgs } from '../../shared/contract';
import type { AccountView, PreferencesPatch, ProviderKind } from '../../shared/domain';
import { calendar, messageOf } from '../api';
import { useItemsStore } from './items-store';
import { useListStore } from './list-store';
import { useUiStore } from './ui-store';

/** What a connect may ask for besides the service (the CalDAV login goes straight to main, never into this store). */
export type ConnectOptions = Omit<RequestArgs<'connect'>, 'provider'>;

export interface StateStore {
  state: AppState | null;
  loadError: string | null;
  /** Alerts pushed by main that getState does not list (e.g. the hourly failure notice). */
  pushedAlerts: Alert[];
  signInError: string | null;
  /** The provider being connected while its consent page is open. */
  connecting: ProviderKind | null;
  consentUrl: string | null;
  /** The last connect (or reconnect) that failed, shown on that service's card. */
  connectError: { provider: ProviderKind; message: string } | null;
  /** The last disconnect or calendar change that failed, shown on that account's card. */
  accountError: { accountId: string; message: string } | null;
  preferencesError: string | null;

  load(): Promise<void>;
  apply(state: AppState): void;
  pushAlert(alert: Alert): void;
  dismissAlert(id: string): void;
  signIn(email: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** The account when it is connected; null when it failed (the message is in connectError). */
  connect(provider: ProviderKind, options?: ConnectOptions): Promise<AccountView | null>;
  /** Stops the sign-in waiting in the browser; its connect then fails with main's "cancelled" words. */
  cancelConnect(): Promise<void>;
  /** What main did (revoked, events removed); null when it failed (the message is in accountError). */
  disconnect(accountId: string, removeEvents: boolean): Promise<ContractResults['disconnect'] | null>;
  /** Shows a failure of a request about one account on its card. */
  setAccountError(accountId: string, message: string | null): void;
  savePreferences(patch: PreferencesPatch): Promise<boolean>;
}

export const useStateStore = create<StateStore>()((set, get) => ({
  state: null,
  loadError: null,
  pushedAlerts: [],
  signInError: null,
  connecting: null,
  consentUrl: null,
  connectError: null,
  accountError: null,
  preferencesError: null,

  async load() {
    try {
      get().apply(await calendar().getState({}));
    } catch (error) {
      set({ loadError: messageOf(error) });
    }
  },

  apply(state) {
    // An alert pushed during a sync repeats a cause the state knows about; once a
    // newer state no longer lists that cause (say, after a successful Reconnect), it goes too.
    set({ state, loadError: null, pushedAlerts: get().pushedAlerts.filter((a) => stillCurrent(a, state)) });
  },

  pushAlert(alert) {
    set({ pushedAlerts: [...get().pushedAlerts.filter((a) => a.id !== alert.id), alert] });
  },

  dismissAlert(id) {
    set({ pushedAlerts: get().pushedAlerts.filter((a) => a.id !== id) });
  },

  async signIn(email, password) {
    set({ signInError: null });
    try {
      await calendar().signIn({ email, password });
      await get().load();
      return true;
    } catch (error) {
      set({ signInError: messageOf(error) });
      return false;
    }
  },

  async signOut() {
    try {
      await calendar().signOut({});
      // Nothing of this account stays on screen below the welcome page.
      useItemsStore.getState().clear();
      useListStore.getState().reset();
      useUiStore.getState().reset();
      set({ pushedAlerts: [], connectError: null, accountError: null, preferencesError: null });
      await get().load();
    } catch (error) {
      // The window is still signed in; the header's own alert area shows it.
      get().pushAlert({ id: 'signout-failed', level: 'error', message: messageOf(error), action: null, accountId: null });
    }
  },

  async connect(provider, options = {}) {
    set({ connecting: provider, consentUrl: null, connectError: null });
    try {
      const account = await calendar().connect({ provider, ...options });
      await get().load();
      return account;
    } catch (error) {
      set({ connectError: { provider, message: messageOf(error) } });
      return null;
    } finally {
      set({ connecting: null, consentUrl: null });
    }
  },

  async cancelConnect() {
    try {
      await calendar().cancelConnect({});
    } catch (error) {
      const provider = get().connecting;
      if (provider) set({ connectError: { provider, message: messageOf(error) } });
    }
  },

  async disconnect(accountId, removeEvents) {
    set({ accountError: null });
    try {
      const result = await calendar().disconnect({ accountId, removeEvents });
      await get().load();
      return result;
    } catch (error) {
      set({ accountError: { accountId, message: messageOf(error) } });
      return null;
    }
  },

  setAccountError(accountId, message) {
    set({ accountError: message === null ? null : { accountId, message } });
  },

  async savePreferences(patch) {
    set({ preferencesError: null });
    try {
      const preferences = await calendar().setPreferences(patch);
      const state = get().state;
      if (state) set({ state: { ...state, preferences } });
      return true;
    } catch (error) {
      set({ preferencesError: messageOf(error) });
      return false;
    }
  },
}));

const STATE_ALERT = /^(reauth|error|guard)-|^(conflicts|outbox-failed|copilot-signin)$/;

/** Whether a pushed alert still has its cause in `state`. One-off notices stay until dismissed, or until a clean sync. */
function stillCurrent(alert: Alert, state: AppState): boolean {
  if (state.alerts.some((a) => a.id === alert.id)) return true;
  if (alert.accountId !== null || STATE_ALERT.test(alert.id)) return false;
  // The hourly failure notice: a clean sync since then answers it.
  const at = /^failures-(.+)$/.exec(alert.id)?.[1];
  const last = state.lastRun;
  if (at && last?.outcome === 'ok' && last.finishedAt && last.finishedAt > at) return false;
  return true;
}

/** State alerts first (they are current), then pushed ones main has not listed. */
export function visibleAlerts(state: AppState | null, pushed: Alert[]): Alert[] {
  const listed = state?.alerts ?? [];
  const ids = new Set(listed.map((a) => a.id));
  return [...listed, ...pushed.filter((a) => !ids.has(a.id))];
}
