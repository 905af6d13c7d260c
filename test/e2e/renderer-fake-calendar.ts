// A stand-in for the preload in the renderer test: an in-page `window.calendar`
// that answers from a canned scenario and records every call. Playwright sends
// installFakeCalendar's source text into the page, so it must be self-contained
// (types only from outside, no imports at run time, no DOM lib in this tsconfig).
import type { AppState, CalendarApi, ContractEvents, EventName } from '../../src/shared/contract';
import type { AccountView, ConflictView, ItemView } from '../../src/shared/domain';

export interface Scenario {
  state: AppState;
  items: ItemView[];
  conflicts: ConflictView[];
}

export interface RecordedCall {
  name: string;
  args: unknown;
}

/** What the fake adds to the page's global object, for the test to read. */
export interface FakeGlobals {
  calendar: CalendarApi;
  __calls: RecordedCall[];
  __emit<E extends EventName>(event: E, payload: ContractEvents[E]): void;
}

export function installFakeCalendar(scenario: Scenario): void {
  const page = globalThis as unknown as FakeGlobals;
  const state: AppState = structuredClone(scenario.state);
  let conflicts: ConflictView[] = structuredClone(scenario.conflicts);
  const calls: RecordedCall[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const emit = (event: string, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const changed = (): void => emit('stateChanged', structuredClone(state));
  // Answer asynchronously, like IPC, so the UI's pending states are exercised.
  const reply = <T>(name: string, args: unknown, value: () => T): Promise<T> => {
    calls.push({ name, args });
    return new Promise((resolve) => setTimeout(() => resolve(value()), 5));
  };
  const googleAccount = (email: string): AccountView => ({
    id: `google:${email}`,
    provider: 'google',
    email,
    status: 'connected',
    calendarId: 'primary',
    scopes: ['https://www.googleapis.com/auth/calendar.events'],
    lastSyncAt: null,
    lastError: null,
  });

  const api: CalendarApi = {
    getState: (args) => reply('getState', args, () => structuredClone(state)),
    signIn: (args) =>
      reply('signIn', args, () => {
        state.copilot = { ...state.copilot, signedIn: true, email: args.email };
        state.alerts = state.alerts.filter((a) => a.action !== 'signin');
        changed();
        return { email: args.email };
      }),
    signOut: (args) => reply('signOut', args, () => null),
    connect: (args) =>
      reply('connect', args, () => {
        const account = googleAccount('jordan.lee@gmail.com');
        state.accounts = [...state.accounts.filter((a) => a.id !== account.id), account];
        state.alerts = state.alerts.filter((a) => a.action !== 'reconnect');
        changed();
        return account;
      }),
    disconnect: (args) =>
      reply('disconnect', args, () => {
        state.accounts = state.accounts.filter((a) => a.id !== args.accountId);
        changed();
        return { revoked: true, removedEvents: args.removeEvents ? 3 : 0 };
      }),
    setPreferences: (args) =>
      reply('setPreferences', args, () => {
        state.preferences = { ...state.preferences, ...args, kinds: { ...state.preferences.kinds, ...args.kinds } };
        return structuredClone(state.preferences);
      }),
    setCalendar: (args) => reply('setCalendar', args, () => state.accounts.find((a) => a.id === args.accountId) ?? googleAccount('x@example.com')),
    syncNow: (args) =>
      reply('syncNow', args, () => ({ outcome: 'ok' as const, created: 0, updated: 0, deleted: 0, pulled: 0, conflicts: 0, failures: 0, skippedRecords: 0, messages: [] })),
    retryFailed: (args) => reply('retryFailed', args, () => ({ requeued: 0 })),
    listItems: (args) => reply('listItems', args, () => structuredClone(scenario.items)),
    listConflicts: (args) => reply('listConflicts', args, () => structuredClone(conflicts)),
    resolveConflict: (args) =>
      reply('resolveConflict', args, () => {
        conflicts = conflicts.filter((c) => c.id !== args.id);
        return null;
      }),
    listAudit: (args) => reply('listAudit', args, () => []),
    listCalendars: (args) => reply('listCalendars', args, () => [{ id: 'primary', name: 'Main calendar', primary: true, canWrite: true }]),
    exportAudit: (args) => reply('exportAudit', args, () => ({ jsonLines: '' })),
    getMetrics: (args) =>
      reply('getMetrics', args, () => ({
        connectedCalendars: state.accounts.length,
        perProvider: {},
        runs: 0,
        averageLatencyMs: null,
        p95LatencyMs: null,
        averageRequestsPerRun: null,
        failuresLastHour: 0,
      })),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);
      return () => set.delete(untyped);
    },
  };

  page.calendar = api;
  page.__calls = calls;
  page.__emit = (event, payload) => emit(event, payload);
}
