// A stand-in for the preload in the renderer test: an in-page `window.calendar`
// that answers from a canned scenario and records every call. Playwright sends
// installFakeCalendar's source text into the page, so it must be self-contained
// (types only from outside, no imports at run time, no DOM lib in this tsconfig).
// It keeps the contract's promises the UI relies on: an edit is queued (the
// outbox count goes up, the link waits), a decided guard goes away, signing out
// forgets the session.
import type { AppState, AuditEntryView, CalendarApi, ContractEvents, EventName, Metrics, PendingDeletes, PreferencesPreview, SyncSummary } from '../../src/shared/contract';
import type { AccountView, ConflictView, ItemView } from '../../src/shared/domain';

export interface Scenario {
  state: AppState;
  items: ItemView[];
  conflicts: ConflictView[];
  audit?: AuditEntryView[];
  metrics?: Metrics;
  /** What previewPreferences answers; absent: it fails as the stub core does ("Not available yet."). */
  preview?: PreferencesPreview;
  pendingDeletes?: PendingDeletes[];
  /** What syncNow answers (default: a clean run with nothing to do). */
  syncSummary?: SyncSummary;
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
  let items: ItemView[] = structuredClone(scenario.items);
  let guards: PendingDeletes[] = structuredClone(scenario.pendingDeletes ?? []);
  const calls: RecordedCall[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const emit = (event: string, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const changed = (): void => emit('stateChanged', structuredClone(state));
  // Answer asynchronously, like IPC, so the UI's pending states are exercised.
  const reply = <T>(name: string, args: unknown, value: () => T): Promise<T> => {
    calls.push({ name, args });
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 5),
    );
  };
  const notYet = (): never => {
    throw new Error('Not available yet.');
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
  const item = (sourceId: string): ItemView => {
    const found = items.find((i) => i.sourceId === sourceId);
    if (!found) throw new Error(`No item ${sourceId}.`);
    return found;
  };

  const api: CalendarApi = {
    getState: (args) => reply('getState', args, () => structuredClone(state)),
    signIn: (args) =>
      reply('signIn', args, () => {
        state.copilot = { ...state.copilot, signedIn: true, email: args.email };
        state.alerts = state.alerts.filter((a) => a.action !== 'signin');
        changed();
        return { email: args.email };
      }),
    signOut: (args) =>
      reply('signOut', args, () => {
        state.copilot = { ...state.copilot, signedIn: false, email: null };
        state.alerts = [{ id: 'copilot-signin', level: 'warning', message: 'Sign in to Career Copilot to sync your interviews and follow-ups. Queued changes are kept.', action: 'signin', accountId: null }];
        changed();
        return null;
      }),
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
        changed();
        return structuredClone(state.preferences);
      }),
    previewPreferences: (args) => reply('previewPreferences', args, () => (scenario.preview ? structuredClone(scenario.preview) : notYet())),
    setCalendar: (args) => reply('setCalendar', args, () => state.accounts.find((a) => a.id === args.accountId) ?? googleAccount('x@example.com')),
    syncNow: (args) =>
      reply('syncNow', args, () => structuredClone(scenario.syncSummary ?? { outcome: 'ok' as const, created: 0, updated: 0, deleted: 0, pulled: 0, conflicts: 0, failures: 0, skippedRecords: 0, messages: [] })),
    retryFailed: (args) => reply('retryFailed', args, () => ({ requeued: 0 })),
    listItems: (args) => reply('listItems', args, () => structuredClone(items)),
    listConflicts: (args) => reply('listConflicts', args, () => structuredClone(conflicts)),
    resolveConflict: (args) =>
      reply('resolveConflict', args, () => {
        conflicts = conflicts.filter((c) => c.id !== args.id);
        if (args.remember) state.preferences = { ...state.preferences, conflictPolicy: args.choice };
        state.openConflicts = conflicts.length;
        state.alerts = state.alerts.filter((a) => a.action !== 'open_conflicts' || conflicts.length > 0);
        changed();
        return null;
      }),
    editItem: (args) =>
      reply('editItem', args, () => {
        const updated: ItemView = { ...item(args.sourceId), timing: args.timing };
        updated.links = updated.links.map((l) => ({ ...l, state: 'pending' }));
        items = items.map((i) => (i.sourceId === args.sourceId ? updated : i));
        state.outbox = { ...state.outbox, pending: state.outbox.pending + 1 };
        changed();
        return structuredClone(updated);
      }),
    setItemSync: (args) =>
      reply('setItemSync', args, () => {
        items = items.map((i) => (i.sourceId === args.sourceId ? { ...i, syncEnabled: args.enabled } : i));
        return null;
      }),
    cancelConnect: (args) => reply('cancelConnect', args, () => ({ cancelled: false })),
    pendingDeletes: (args) => reply('pendingDeletes', args, () => structuredClone(guards)),
    decideDeletes: (args) =>
      reply('decideDeletes', args, () => {
        guards = guards.filter((g) => !(g.accountId === args.accountId && g.guardId === args.guardId));
        state.alerts = state.alerts.filter((a) => !(a.action === 'approve_deletes' && a.accountId === args.accountId));
        changed();
        return null;
      }),
    listAudit: (args) => reply('listAudit', args, () => structuredClone(scenario.audit ?? [])),
    listCalendars: (args) => reply('listCalendars', args, () => [{ id: 'primary', name: 'Main calendar', primary: true, canWrite: true }]),
    exportAudit: (args) => reply('exportAudit', args, () => ({ jsonLines: (scenario.audit ?? []).map((e) => JSON.stringify(e)).join('\n') + '\n' })),
    getMetrics: (args) =>
      reply('getMetrics', args, () =>
        structuredClone(
          scenario.metrics ?? {
            connectedCalendars: state.accounts.length,
            perProvider: {},
            runs: 0,
            averageLatencyMs: null,
            p95LatencyMs: null,
            averageRequestsPerRun: null,
            failuresLastHour: 0,
          },
        ),
      ),
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
