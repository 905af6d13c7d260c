// A stand-in for the preload in the renderer test: an in-page `window.calendar`
// that answers from a canned scenario and records every call. Playwright sends
// installFakeCalendar's source text into the page, so it must be self-contained
// (types only from outside, no imports at run time, no DOM lib in this tsconfig).
// It keeps the contract's promises the UI relies on: an edit is queued (the
// outbox count goes up, the link waits), a decided guard goes away, signing out
// forgets the session. Each service connects as it does for real: Google at
// once (the sandbox approves), Outlook only when the test finishes the sign-in
// "in the browser" (__finishSignIn), after the consent link was pushed; CalDAV
// checks the server and the app-specific password and fails with the core's
// words; only Google's disconnect revokes.
import type { AppState, AuditEntryView, CalendarApi, CalendarChoice, ContractEvents, EventName, Metrics, PendingDeletes, PreferencesPreview, RequestArgs, SyncSummary } from '../../src/shared/contract';
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
  /** What listCalendars answers, per account id (default: the service's main calendar only). */
  calendars?: Record<string, CalendarChoice[]>;
  /** Filled in by renderer-page.ts: the page cannot see this module's constants. */
  services?: typeof FAKE_SERVICES;
}

export const FAKE_SERVICES = {
  /** The app-specific password the fake CalDAV server accepts. */
  caldavPassword: 'hfqz-ptwm-kdja-vexn',
  /** Where the fake Outlook sign-in "opens the browser". */
  microsoftConsentUrl:
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=0f6a7c7e-8d2a-4c3e-9b55-3c1f7b1d2e01&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2F&scope=Calendars.ReadWrite%20User.Read%20offline_access&state=Xq3v',
} as const;

export interface RecordedCall {
  name: string;
  args: unknown;
}

/** What the fake adds to the page's global object, for the test to read. */
export interface FakeGlobals {
  calendar: CalendarApi;
  __calls: RecordedCall[];
  __emit<E extends EventName>(event: E, payload: ContractEvents[E]): void;
  /** The user finished the Outlook sign-in in the browser. */
  __finishSignIn(): void;
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
  let finishSignIn: (() => void) | null = null;
  let cancelSignIn: (() => void) | null = null;
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
  const hostOf = (url: string): string => new URL(url).host;
  /** The account a connect makes, or the error the core would answer with. */
  const connected = (args: RequestArgs<'connect'>): AccountView => {
    if (args.provider === 'google') {
      const account = googleAccount('jordan.lee@gmail.com');
      if (args.calendarList) account.scopes = [...account.scopes, 'https://www.googleapis.com/auth/calendar.calendarlist.readonly'];
      return account;
    }
    if (args.provider === 'microsoft') {
      const email = 'jordan.lee@outlook.example';
      return { id: `microsoft:${email}`, provider: 'microsoft', email, displayName: 'Jordan Lee', status: 'connected', calendarId: 'default', scopes: ['Calendars.ReadWrite', 'User.Read', 'offline_access'], lastSyncAt: null, lastError: null };
    }
    const login = args.caldav;
    if (!login) throw new Error('To connect a CalDAV calendar, give the server address (https://…), your user name and an app-specific password.');
    const host = hostOf(login.serverUrl);
    // The core's words for each failure (caldav-errors.ts).
    if (host === 'www.example.com') throw new Error(`${host} answered, but it does not offer CalDAV calendars at that address. Check the server URL (for iCloud use https://caldav.icloud.com, for Fastmail https://caldav.fastmail.com).`);
    if (host.endsWith('.invalid')) throw new Error(`Nothing answered at ${host}. Check the server address and your internet connection; the app will try again.`);
    if (login.password !== scenario.services?.caldavPassword) throw new Error(`${host} did not accept the user name and password. Check the user name and use an app-specific password (iCloud and Fastmail require one), then connect again.`);
    const email = `${login.username}@${host}`;
    const home = `${login.serverUrl.replace(/\/$/, '')}/${login.username}/`;
    return { id: `caldav:${email}`, provider: 'caldav', email, status: 'connected', calendarId: `${home}home/`, scopes: [], lastSyncAt: null, lastError: null };
  };
  const saveAccount = (account: AccountView): AccountView => {
    state.accounts = [...state.accounts.filter((a) => a.id !== account.id), account];
    state.alerts = state.alerts.filter((a) => !(a.action === 'reconnect' && a.accountId === account.id));
    changed();
    return structuredClone(account);
  };
  const mainCalendars = (account: AccountView): CalendarChoice[] => {
    switch (account.provider) {
      case 'google':
        return [{ id: account.email, name: account.email, primary: true, canWrite: true }];
      case 'microsoft':
        return [{ id: 'AAMkAGI2TGuLAAA=', name: 'Calendar', primary: true, canWrite: true }];
      case 'caldav':
        return [{ id: account.calendarId, name: 'Home', primary: true, canWrite: true }];
    }
  };
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
    connect: (args) => {
      if (args.provider !== 'microsoft') return reply('connect', args, () => saveAccount(connected(args)));
      // The browser is open on Microsoft's page until the test says the user finished there.
      calls.push({ name: 'connect', args });
      setTimeout(() => emit('consentUrl', { provider: 'microsoft', url: scenario.services?.microsoftConsentUrl ?? '' }), 5);
      return new Promise((resolve, reject) => {
        finishSignIn = () => {
          finishSignIn = cancelSignIn = null;
          resolve(saveAccount(connected(args)));
        };
        // The core's words when Cancel stops a sign-in (app.ts).
        cancelSignIn = () => {
          finishSignIn = cancelSignIn = null;
          reject(new Error('Connecting was cancelled. Nothing was saved; connect again whenever you like.'));
        };
      });
    },
    disconnect: (args) =>
      reply('disconnect', args, () => {
        const account = state.accounts.find((a) => a.id === args.accountId);
        state.accounts = state.accounts.filter((a) => a.id !== args.accountId);
        changed();
        return { revoked: account?.provider === 'google', removedEvents: args.removeEvents ? 3 : 0 };
      }),
    setPreferences: (args) =>
      reply('setPreferences', args, () => {
        state.preferences = { ...state.preferences, ...args, kinds: { ...state.preferences.kinds, ...args.kinds } };
        changed();
        return structuredClone(state.preferences);
      }),
    previewPreferences: (args) => reply('previewPreferences', args, () => (scenario.preview ? structuredClone(scenario.preview) : notYet())),
    setCalendar: (args) =>
      reply('setCalendar', args, () => {
        const account = state.accounts.find((a) => a.id === args.accountId);
        if (!account) throw new Error(`No connected calendar account "${args.accountId}".`);
        return saveAccount({ ...account, calendarId: args.calendarId });
      }),
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
    cancelConnect: (args) =>
      reply('cancelConnect', args, () => {
        const waiting = cancelSignIn;
        waiting?.();
        return { cancelled: waiting !== null };
      }),
    pendingDeletes: (args) => reply('pendingDeletes', args, () => structuredClone(guards)),
    decideDeletes: (args) =>
      reply('decideDeletes', args, () => {
        guards = guards.filter((g) => !(g.accountId === args.accountId && g.guardId === args.guardId));
        state.alerts = state.alerts.filter((a) => !(a.action === 'approve_deletes' && a.accountId === args.accountId));
        changed();
        return null;
      }),
    listAudit: (args) => reply('listAudit', args, () => structuredClone(scenario.audit ?? [])),
    listCalendars: (args) =>
      reply('listCalendars', args, () => {
        const account = state.accounts.find((a) => a.id === args.accountId);
        if (!account) throw new Error(`No connected calendar account "${args.accountId}".`);
        return structuredClone(scenario.calendars?.[account.id] ?? mainCalendars(account));
      }),
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
  page.__finishSignIn = () => finishSignIn?.();
}
