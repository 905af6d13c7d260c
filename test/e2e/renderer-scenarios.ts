// Canned states for the renderer test, in one New York week of March 2026 (the
// page's clock is fixed at NOW): signed out, signed in with nothing connected,
// a populated week (one Google account, upcoming and past items, one conflict),
// access revoked, and a sync stopped before deleting many events.
import type { AppState, AuditEntryView, Metrics } from '../../src/shared/contract';
import { DEFAULT_PREFERENCES, type AccountView, type ConflictView, type ItemView, type Timing } from '../../src/shared/domain';
import type { Scenario } from './renderer-fake-calendar';

export const ZONE = 'America/New_York';
/** The page's "now": Tuesday 10 March 2026, 8:00 in New York (UTC−4: DST began March 8). */
export const NOW = '2026-03-10T12:00:00Z';
const ACCOUNT_ID = 'google:jordan.lee@gmail.com';

const signInAlert = {
  id: 'copilot-signin',
  level: 'warning' as const,
  message: 'Sign in to Career Copilot to sync your interviews and follow-ups. Queued changes are kept.',
  action: 'signin' as const,
  accountId: null,
};

const baseState: AppState = {
  copilot: { signedIn: false, email: null, baseUrl: 'https://careercopilot.example/api/v1' },
  accounts: [],
  preferences: { ...DEFAULT_PREFERENCES, timeZone: ZONE },
  outbox: { pending: 0, failed: 0 },
  openConflicts: 0,
  lastRun: null,
  alerts: [signInAlert],
  syncing: false,
};

export const signedOut: Scenario = { state: baseState, items: [], conflicts: [] };

/** Signed in, nothing connected: the first run's second step. */
export const nothingConnected: Scenario = {
  state: { ...baseState, copilot: { ...baseState.copilot, signedIn: true, email: 'jordan.lee@example.com' }, preferences: { ...DEFAULT_PREFERENCES }, alerts: [] },
  items: [],
  conflicts: [],
};

const google: AccountView = {
  id: ACCOUNT_ID,
  provider: 'google',
  email: 'jordan.lee@gmail.com',
  status: 'connected',
  calendarId: 'primary',
  scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'],
  lastSyncAt: '2026-03-10T11:58:00Z',
  lastError: null,
};

const timed = (day: string, from: string, to: string): Timing => ({
  type: 'timed',
  startUtc: new Date(`${day}T${from}:00-04:00`).toISOString(),
  endUtc: new Date(`${day}T${to}:00-04:00`).toISOString(),
  zone: ZONE,
});
const allDay = (date: string): Timing => ({ type: 'allDay', date });

type LinkState = ItemView['links'][number]['state'];

function item(id: string, kind: ItemView['kind'], company: string, role: string, timing: Timing, state: LinkState | null, extra: Partial<ItemView> = {}): ItemView {
  const title = kind === 'interview' ? `Interview: ${role} at ${company}` : kind === 'follow_up' ? `Follow up: ${role} at ${company}` : `Prepare for interview: ${role} at ${company}`;
  return {
    sourceId: id,
    kind,
    title,
    timing,
    cancelled: false,
    syncEnabled: true,
    wantedByPreferences: true,
    editPending: false,
    location: null,
    notes: null,
    company,
    role,
    links: state ? [{ accountId: ACCOUNT_ID, state, remoteId: state === 'pending' ? null : `evt${id.replace(/\W/g, '')}`, lastSyncedAt: '2026-03-10T11:58:00Z', failed: false, lastError: null }] : [],
    ...extra,
  };
}

const items: ItemView[] = [
  item('application:21:interview', 'interview', 'Hooli', 'Site Reliability Engineer', timed('2026-03-02', '15:00', '16:00'), 'synced'),
  item('application:24:follow_up', 'follow_up', 'Pied Piper', 'Data Engineer', allDay('2026-03-05'), 'synced'),
  item('application:42:reminder', 'reminder', 'Acme Corp', 'Senior Frontend Engineer', timed('2026-03-10', '09:30', '10:00'), 'synced'),
  item('application:42:interview', 'interview', 'Acme Corp', 'Senior Frontend Engineer', timed('2026-03-10', '10:00', '11:00'), 'synced', {
    location: '500 Market St, 4th floor, San Francisco',
    notes: 'Second round with the hiring manager; prepare the system design story.',
  }),
  item('application:37:follow_up', 'follow_up', 'Globex', 'Platform Engineer', allDay('2026-03-11'), 'synced'),
  item('application:51:interview', 'interview', 'Initech', 'Platform Engineer', timed('2026-03-12', '14:00', '15:00'), 'conflict', { location: 'Video call' }),
  item('application:55:interview', 'interview', 'Umbrella Health', 'Staff Engineer', timed('2026-03-13', '16:00', '16:45'), 'pending'),
  item('application:29:follow_up', 'follow_up', 'Hooli', 'Thank-you note', allDay('2026-03-13'), 'synced', { title: 'Thank-you note to Hooli', company: 'Hooli', role: null }),
  item('application:60:interview', 'interview', 'Stark Industries', 'Engineering Manager', timed('2026-03-16', '11:00', '12:00'), 'pending', {
    links: [{ accountId: ACCOUNT_ID, state: 'pending', remoteId: null, lastSyncedAt: null, failed: true, lastError: 'Google Calendar refused the change.' }],
  }),
  item('application:33:interview', 'interview', 'Soylent', 'Backend Engineer', timed('2026-03-18', '13:00', '14:00'), 'removed', { cancelled: true }),
  item('application:61:interview', 'interview', 'Wayne Fintech', 'Principal Data Scientist, Risk and Fraud Platform', timed('2026-03-19', '09:00', '10:00'), 'synced'),
];

export const conflict: ConflictView = {
  id: 7,
  accountId: ACCOUNT_ID,
  sourceId: 'application:51:interview',
  title: 'Interview: Platform Engineer at Initech',
  copilotTiming: timed('2026-03-12', '14:00', '15:00'),
  calendarTiming: timed('2026-03-12', '15:30', '16:30'),
  explanation: 'Career Copilot changed this item (updated 2026-03-10T11:40:00) and it was moved in your calendar (updated 2026-03-10T11:58:00Z).',
  detectedAt: '2026-03-10T11:59:00Z',
  calendarChangedAt: '2026-03-10T11:58:00Z',
  copilotChangedAt: '2026-03-10T11:40:00Z',
};

const audit: AuditEntryView[] = [
  { id: 6, at: '2026-03-10T11:58:30Z', accountId: ACCOUNT_ID, action: 'calendar.update', outcome: 'ok', detail: { sourceId: 'application:42:interview', attempt: 1 } },
  { id: 5, at: '2026-03-10T11:58:20Z', accountId: ACCOUNT_ID, action: 'calendar.create', outcome: 'failed', detail: { sourceId: 'application:60:interview', attempt: 5, error: 'provider_unavailable' } },
  { id: 4, at: '2026-03-10T10:00:00Z', accountId: ACCOUNT_ID, action: 'token.refresh', outcome: 'ok', detail: {} },
  { id: 3, at: '2026-03-09T18:00:00Z', accountId: null, action: 'preferences', outcome: 'info', detail: { changed: ['timeZone'] } },
  { id: 2, at: '2026-03-09T17:55:00Z', accountId: ACCOUNT_ID, action: 'connect', outcome: 'ok', detail: { provider: 'google', scopes: ['openid', 'email'] } },
  { id: 1, at: '2026-03-09T17:54:00Z', accountId: null, action: 'copilot.signin', outcome: 'ok', detail: { email: 'jordan.lee@example.com' } },
];

const metrics: Metrics = {
  connectedCalendars: 1,
  perProvider: { google: { successes: 64, failures: 3 } },
  runs: 41,
  averageLatencyMs: 2400,
  p50LatencyMs: 1800,
  p95LatencyMs: 6200,
  averageRequestsPerRun: 3.2,
  failuresLastHour: 1,
  daily: [
    { day: '2026-03-06', provider: 'google', syncs: 6, failures: 0, p50LatencyMs: 1500, p95LatencyMs: 4200 },
    { day: '2026-03-07', provider: 'google', syncs: 4, failures: 1, p50LatencyMs: 2100, p95LatencyMs: 7300 },
    { day: '2026-03-08', provider: 'google', syncs: 9, failures: 0, p50LatencyMs: 1700, p95LatencyMs: 5100 },
    { day: '2026-03-09', provider: 'google', syncs: 14, failures: 2, p50LatencyMs: 1900, p95LatencyMs: 6900 },
    { day: '2026-03-10', provider: 'google', syncs: 8, failures: 0, p50LatencyMs: 1600, p95LatencyMs: 4800 },
  ],
};

const populatedState: AppState = {
  ...baseState,
  copilot: { ...baseState.copilot, signedIn: true, email: 'jordan.lee@example.com' },
  accounts: [google],
  outbox: { pending: 2, failed: 1 },
  openConflicts: 1,
  lastRun: { startedAt: '2026-03-10T11:57:52Z', finishedAt: '2026-03-10T11:58:00Z', outcome: 'ok' },
  alerts: [
    { id: 'conflicts', level: 'warning', message: '1 item changed in both Career Copilot and your calendar. Choose which to keep.', action: 'open_conflicts', accountId: null },
  ],
};

export const populated: Scenario = {
  state: populatedState,
  items,
  conflicts: [conflict],
  audit,
  metrics,
  preview: {
    retimedEvents: 6,
    examples: [
      { title: 'Interview: Platform Engineer at Initech', before: timed('2026-03-12', '14:00', '15:00'), after: { type: 'timed', startUtc: '2026-03-12T13:00:00Z', endUtc: '2026-03-12T14:00:00Z', zone: 'Europe/Berlin' } },
    ],
  },
};

/** Signed in, Google access revoked: the banner offers Reconnect. */
export const needsReauth: Scenario = {
  state: {
    ...populatedState,
    accounts: [{ ...google, status: 'needs_reauth', lastError: 'Google access was removed. Reconnect to keep syncing.' }],
    openConflicts: 0,
    alerts: [
      {
        id: `reauth-${ACCOUNT_ID}`,
        level: 'error',
        message: 'jordan.lee@gmail.com: Google access was removed. Reconnect to keep syncing.',
        action: 'reconnect',
        accountId: ACCOUNT_ID,
      },
    ],
  },
  items,
  conflicts: [],
};

/** A sync stopped before deleting six events: the banner asks, the dialog lists them. */
export const guardStop: Scenario = {
  state: {
    ...populatedState,
    openConflicts: 0,
    alerts: [
      {
        id: `guard-${ACCOUNT_ID}`,
        level: 'warning',
        message: 'This sync would delete 6 events from your calendar, more than usual, so nothing was deleted. If that is right, approve it with "ccal sync --once --allow-deletes" or the Approve button.',
        action: 'approve_deletes',
        accountId: ACCOUNT_ID,
      },
    ],
  },
  items,
  conflicts: [],
  pendingDeletes: [
    {
      accountId: ACCOUNT_ID,
      guardId: 'g1',
      message: 'This sync would delete 3 events from your calendar, more than usual, so nothing was deleted.',
      events: items.filter((i) => i.kind === 'follow_up').map((i) => ({ sourceId: i.sourceId, title: i.title, timing: i.timing, direction: 'outbound' as const })),
    },
  ],
};
