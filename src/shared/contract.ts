// The one UI ↔ main contract (DESIGN §3). Every request's arguments are a zod
// schema, validated where they enter main (IPC handler and web host alike); the
// results are plain data. No secret ever crosses it: sign-in sends a password in,
// nothing sends a token out.
import { z } from 'zod';
import { AccountView, ConflictChoice, ConflictView, ItemView, Preferences, PreferencesPatch, ProviderKind, Timing } from './domain';

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  accountId: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['ok', 'failed', 'info']),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const Alert = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  /** What happened, in plain words. */
  message: z.string(),
  /** The one button to offer. */
  action: z.enum(['reconnect', 'retry', 'signin', 'approve_deletes', 'open_conflicts']).nullable(),
  accountId: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const Metrics = z.object({
  connectedCalendars: z.number().int(),
  perProvider: z.record(z.string(), z.object({ successes: z.number().int(), failures: z.number().int() })),
  runs: z.number().int(),
  averageLatencyMs: z.number().nullable(),
  p95LatencyMs: z.number().nullable(),
  averageRequestsPerRun: z.number().nullable(),
  failuresLastHour: z.number().int(),
  p50LatencyMs: z.number().nullable().optional(),
  /** One row per day (in UTC, YYYY-MM-DD) and provider that had runs, oldest first: what the activity charts draw. */
  daily: z
    .array(
      z.object({
        day: z.string(),
        provider: z.string(),
        syncs: z.number().int(),
        failures: z.number().int(),
        p50LatencyMs: z.number().nullable(),
        p95LatencyMs: z.number().nullable(),
      }),
    )
    .optional(),
});
export type Metrics = z.infer<typeof Metrics>;

/** A calendar the user can send events to. */
export const CalendarChoice = z.object({ id: z.string(), name: z.string(), primary: z.boolean(), canWrite: z.boolean() });
export type CalendarChoice = z.infer<typeof CalendarChoice>;

export const AppState = z.object({
  copilot: z.object({ signedIn: z.boolean(), email: z.string().nullable(), baseUrl: z.string() }),
  accounts: z.array(AccountView),
  preferences: Preferences,
  /** `nextAttemptAt`: the soonest time a waiting change is tried again (after a Retry-After, say), when the core knows it. */
  outbox: z.object({ pending: z.number().int(), failed: z.number().int(), nextAttemptAt: z.string().nullable().optional() }),
  openConflicts: z.number().int(),
  lastRun: z
    .object({ startedAt: z.string(), finishedAt: z.string().nullable(), outcome: z.string().nullable() })
    .nullable(),
  alerts: z.array(Alert),
  syncing: z.boolean(),
  /** When the next sync starts by itself, while the app keeps syncing (null: not scheduled, or one runs now). */
  nextSyncAt: z.string().nullable().optional(),
});
export type AppState = z.infer<typeof AppState>;

export const SyncSummary = z.object({
  outcome: z.enum(['ok', 'partial', 'failed', 'stopped']),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  pulled: z.number().int(),
  conflicts: z.number().int(),
  failures: z.number().int(),
  skippedRecords: z.number().int(),
  messages: z.array(z.string()),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const PreferencesPreview = z.object({
  /** Events in a calendar whose time would change. */
  retimedEvents: z.number().int(),
  examples: z.array(z.object({ title: z.string(), before: Timing, after: Timing })),
});
export type PreferencesPreview = z.infer<typeof PreferencesPreview>;

export const PendingDeletes = z.object({
  accountId: z.string(),
  guardId: z.string(),
  message: z.string(),
  events: z.array(z.object({ sourceId: z.string(), title: z.string(), timing: Timing.nullable(), direction: z.enum(['outbound', 'inbound']) })),
});
export type PendingDeletes = z.infer<typeof PendingDeletes>;

/** Request name → argument schema. Results are typed in `ContractResults`. */
export const Requests = {
  getState: z.object({}),
  signIn: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
  signOut: z.object({}),
  /** `calendarList`: also ask to see the calendar list, to pick a calendar other than the main one. */
  /** `dedicatedCalendar`: the most private choice — a new calendar the app can see, and no other. */
  /** `caldav`: server, user name and app-specific password; main stores the password in the SecretStore only. */
  connect: z.object({
    provider: ProviderKind,
    calendarList: z.boolean().optional(),
    dedicatedCalendar: z.boolean().optional(),
    caldav: z
      .object({
        serverUrl: z.url({ protocol: /^https?$/ }).max(2048),
        username: z.string().min(1).max(320),
        password: z.string().min(1).max(1024),
      })
      .optional(),
  }),
  disconnect: z.object({ accountId: z.string().min(1), removeEvents: z.boolean() }),
  setPreferences: PreferencesPatch,
  /** What a preference change would do before it is made (a new zone re-times events: the UI asks first). */
  previewPreferences: PreferencesPatch,
  listCalendars: z.object({ accountId: z.string().min(1) }),
  setCalendar: z.object({ accountId: z.string().min(1), calendarId: z.string().min(1).max(1024) }),
  /** `allowDeletes`: approve the deletions the last safety stop listed (exactly those), then sync. */
  syncNow: z.object({ allowDeletes: z.boolean().optional() }),
  /** Deletions a safety stop is holding back, per account, as the user is shown them. */
  pendingDeletes: z.object({}),
  /** Remove them (approve) or keep them, for exactly the list the user saw (`guardId`). */
  decideDeletes: z.object({ accountId: z.string().min(1), guardId: z.string().min(1).max(100), approve: z.boolean() }),
  /** Edit an interview time or a follow-up date in the app; queued, so it works offline. */
  editItem: z.object({ sourceId: z.string().min(1).max(200), timing: Timing }),
  /** The per-item "Add to calendar" switch. */
  setItemSync: z.object({ sourceId: z.string().min(1).max(200), enabled: z.boolean() }),
  retryFailed: z.object({}),
  /** Stops a connect waiting in the browser (the user pressed Cancel). */
  cancelConnect: z.object({}),
  listItems: z.object({}),
  listConflicts: z.object({}),
  resolveConflict: z.object({ id: z.number().int().positive(), choice: ConflictChoice, remember: z.boolean() }),
  listAudit: z.object({ limit: z.number().int().min(1).max(5000).optional() }),
  exportAudit: z.object({}),
  getMetrics: z.object({}),
} as const;
export type RequestName = keyof typeof Requests;
export type RequestArgs<N extends RequestName> = z.infer<(typeof Requests)[N]>;

export interface ContractResults {
  getState: AppState;
  signIn: { email: string };
  signOut: null;
  connect: AccountView;
  disconnect: { revoked: boolean; removedEvents: number };
  setPreferences: Preferences;
  previewPreferences: PreferencesPreview;
  pendingDeletes: PendingDeletes[];
  decideDeletes: null;
  editItem: ItemView;
  setItemSync: null;
  listCalendars: CalendarChoice[];
  setCalendar: AccountView;
  syncNow: SyncSummary;
  retryFailed: { requeued: number };
  cancelConnect: { cancelled: boolean };
  listItems: ItemView[];
  listConflicts: ConflictView[];
  resolveConflict: null;
  listAudit: AuditEntryView[];
  exportAudit: { jsonLines: string };
  getMetrics: Metrics;
}

/** Events pushed from main to the UI. */
export interface ContractEvents {
  stateChanged: AppState;
  syncProgress: { phase: string; done: number; total: number };
  conflictRaised: ConflictView;
  alert: Alert;
  /** The consent page URL, shown while connecting (for machines without a browser). */
  consentUrl: { provider: string; url: string };
  /** The desktop shell's notification was clicked: show the card that answers this alert. */
  openAlert: Alert;
}
export type EventName = keyof ContractEvents;

/** The shape both transports expose to the renderer (preload and web host). */
export type CalendarApi = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<ContractResults[N]>;
} & {
  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void;
};
