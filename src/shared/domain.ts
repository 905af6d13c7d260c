// Domain types shared by every layer. Pure: no node:*, no electron, no DOM.
import { z } from 'zod';

/** What a calendar item stands for. `reminder` is a "Prepare for …" block (see DESIGN §10). */
export const ItemKind = z.enum(['interview', 'follow_up', 'reminder']);
export type ItemKind = z.infer<typeof ItemKind>;

export const ProviderKind = z.enum(['google', 'microsoft', 'caldav']);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const AccountStatus = z.enum(['connected', 'needs_reauth', 'error', 'disconnected']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** ISO date, `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/**
 * When an item happens. Timed items are stored as UTC instants plus the IANA zone
 * they were meant in, so a DST change never moves them; all-day items are a date.
 */
export const Timing = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('timed'),
    startUtc: z.string(), // ISO-8601 instant with Z
    endUtc: z.string(),
    zone: z.string(),
  }),
  z.object({
    type: z.literal('allDay'),
    date: IsoDate,
  }),
]);
export type Timing = z.infer<typeof Timing>;

/** Something Career Copilot says should be in the calendar (or no longer). */
export const CalendarItem = z.object({
  /** Stable id, e.g. `application:42:interview`. Also the remote tag and CalDAV UID. */
  sourceId: z.string(),
  applicationId: z.number().int(),
  kind: ItemKind,
  title: z.string(),
  timing: Timing,
  location: z.string().nullable(),
  notes: z.string().nullable(),
  /** Application rejected / declined, or the date was cleared: the event should go. */
  cancelled: z.boolean(),
  /** Career Copilot's `updated_at` for the application (explains conflicts only). */
  sourceUpdatedAt: z.string(),
  /** Hash of the synced fields; the planner compares it with the link's base. */
  hash: z.string(),
});
export type CalendarItem = z.infer<typeof CalendarItem>;

export const ReminderStyle = z.enum(['alert', 'block']);
export const DeletePolicy = z.enum(['keep_deleted', 'clear_in_copilot']);
export const ConflictChoice = z.enum(['keep_copilot', 'keep_calendar', 'keep_both']);
export type ConflictChoice = z.infer<typeof ConflictChoice>;
export const ConflictPolicy = z.enum(['ask', 'keep_copilot', 'keep_calendar', 'keep_both']);
export type ConflictPolicy = z.infer<typeof ConflictPolicy>;

export const Preferences = z.object({
  kinds: z.object({
    interview: z.boolean(),
    follow_up: z.boolean(),
    reminder: z.boolean(),
  }),
  /** Minutes before an interview for the provider reminder (alert) or the prep block. */
  reminderMinutes: z.number().int().min(0).max(40320),
  reminderStyle: ReminderStyle,
  /** Write titles, places and notes, or only an opaque "Busy" block. */
  detail: z.enum(['full', 'busy_only']),
  defaultDurationMinutes: z.number().int().min(5).max(24 * 60),
  /** Follow-ups as all-day events, or timed at this local hour. */
  followUpHour: z.number().int().min(0).max(23).nullable(),
  conflictPolicy: ConflictPolicy,
  deletePolicy: DeletePolicy,
  /** The user's IANA zone; Career Copilot's naive interview_date is read in it. */
  timeZone: z.string(),
  /** A run that would delete more than this many events stops and asks. */
  maxDeletesWithoutAsking: z.number().int().min(0).max(10000),
  /** Items the user switched off ("Add to calendar" off): not written to any calendar. */
  excludedItems: z.array(z.string().max(200)).max(100_000).default([]),
});
export type Preferences = z.infer<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = {
  kinds: { interview: true, follow_up: true, reminder: true },
  reminderMinutes: 30,
  reminderStyle: 'alert',
  detail: 'full',
  defaultDurationMinutes: 60,
  followUpHour: null,
  conflictPolicy: 'ask',
  deletePolicy: 'keep_deleted',
  // The zone of the computer replaces this on first run (app.ts); UTC only where none can be read.
  timeZone: 'UTC',
  maxDeletesWithoutAsking: 5,
  excludedItems: [],
};

/** A partial update of preferences, as the UI or the CLI sends it. */
export const PreferencesPatch = Preferences.extend({
  kinds: Preferences.shape.kinds.partial(),
}).partial();
export type PreferencesPatch = z.infer<typeof PreferencesPatch>;

export const LinkState = z.enum([
  'synced', // both sides agree on base
  'pending', // an outbox operation is queued
  'remote_deleted', // the user deleted it in the calendar; not recreated until Career Copilot changes it
  'removed', // we deleted it (item cancelled or kind disabled)
  'conflict', // both sides changed; waiting for the user
  'kept', // no longer wanted, left in the calendar (cancelled after it took place, or the user chose to keep it)
]);
export type LinkState = z.infer<typeof LinkState>;

export const AccountView = z.object({
  id: z.string(),
  provider: ProviderKind,
  email: z.string(),
  /** The person's name as the service gives it (Outlook's /me); absent where the sign-in does not share one (Google, CalDAV). */
  displayName: z.string().nullable().optional(),
  status: AccountStatus,
  calendarId: z.string(),
  scopes: z.array(z.string()),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type AccountView = z.infer<typeof AccountView>;

export const ItemView = z.object({
  sourceId: z.string(),
  kind: ItemKind,
  title: z.string(),
  timing: Timing,
  cancelled: z.boolean(),
  /** The "Add to calendar" switch (off: not written to any calendar). */
  syncEnabled: z.boolean(),
  /**
   * Whether the preferences put this kind of item in calendars: false when its kind
   * is off, or for a prep block while reminders are alerts on the interview.
   */
  wantedByPreferences: z.boolean(),
  company: z.string().nullable(),
  role: z.string().nullable(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  /** An edit made in the app, waiting to reach Career Copilot. */
  editPending: z.boolean(),
  /** Per connected account: how this item stands in that calendar. */
  links: z.array(
    z.object({
      accountId: z.string(),
      state: LinkState,
      remoteId: z.string().nullable(),
      lastSyncedAt: z.string().nullable(),
      /** The queued write gave up (shown as "Failed — Retry"), with what went wrong. */
      failed: z.boolean(),
      lastError: z.string().nullable(),
      /** Opens the event in the calendar's web app (https only), when the service gives a link. */
      webLink: z.string().nullable().optional(),
    }),
  ),
});
export type ItemView = z.infer<typeof ItemView>;

export const ConflictView = z.object({
  id: z.number().int(),
  accountId: z.string(),
  sourceId: z.string(),
  title: z.string(),
  copilotTiming: Timing.nullable(),
  calendarTiming: Timing.nullable(),
  /** Plain-words explanation, e.g. which side changed when. */
  explanation: z.string(),
  detectedAt: z.string(),
  /** When each side last changed (the calendar's `updated`, Career Copilot's `updated_at`), for "2 minutes ago". */
  calendarChangedAt: z.string().nullable().optional(),
  copilotChangedAt: z.string().nullable().optional(),
});
export type ConflictView = z.infer<typeof ConflictView>;
