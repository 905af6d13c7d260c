// Canned states for the renderer test: signed out, and a populated week (signed
// in, one Google account, eight items, one conflict) for the README screenshot.
import type { AppState } from '../../src/shared/contract';
import { DEFAULT_PREFERENCES, type AccountView, type ConflictView, type ItemView, type Timing } from '../../src/shared/domain';
import type { Scenario } from './renderer-fake-calendar';

const ZONE = 'America/New_York';
const ACCOUNT_ID = 'google:jordan.lee@gmail.com';

const baseState: AppState = {
  copilot: { signedIn: false, email: null, baseUrl: 'https://careercopilot.example/api/v1' },
  accounts: [],
  preferences: { ...DEFAULT_PREFERENCES, timeZone: ZONE },
  outbox: { pending: 0, failed: 0 },
  openConflicts: 0,
  lastRun: null,
  alerts: [
    {
      id: 'copilot-signin',
      level: 'warning',
      message: 'Sign in to Career Copilot to sync your interviews and follow-ups. Queued changes are kept.',
      action: 'signin',
      accountId: null,
    },
  ],
  syncing: false,
};

export const signedOut: Scenario = { state: baseState, items: [], conflicts: [] };

const google: AccountView = {
  id: ACCOUNT_ID,
  provider: 'google',
  email: 'jordan.lee@gmail.com',
  status: 'connected',
  calendarId: 'primary',
  scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'],
  lastSyncAt: '2026-03-09T23:10:00Z',
  lastError: null,
};

/** New York is UTC−4 in mid-March 2026 (DST began March 8). */
const timed = (day: string, from: string, to: string): Timing => ({
  type: 'timed',
  startUtc: new Date(`${day}T${from}:00-04:00`).toISOString(),
  endUtc: new Date(`${day}T${to}:00-04:00`).toISOString(),
  zone: ZONE,
});
const allDay = (date: string): Timing => ({ type: 'allDay', date });

const item = (id: string, kind: ItemView['kind'], title: string, timing: Timing, state: ItemView['links'][number]['state'], cancelled = false): ItemView => ({
  sourceId: id,
  kind,
  title,
  timing,
  cancelled,
  links: [{ accountId: ACCOUNT_ID, state, remoteId: state === 'pending' ? null : `evt${id.replace(/\W/g, '')}`, lastSyncedAt: '2026-03-09T23:10:00Z' }],
});

const items: ItemView[] = [
  item('application:42:interview', 'interview', 'Interview: Acme Corp — Senior Frontend Engineer', timed('2026-03-10', '10:00', '11:00'), 'synced'),
  item('application:42:reminder', 'reminder', 'Prepare for Acme Corp', timed('2026-03-10', '09:30', '10:00'), 'synced'),
  item('application:37:follow_up', 'follow_up', 'Follow up with Globex', allDay('2026-03-11'), 'synced'),
  item('application:51:interview', 'interview', 'Interview: Initech — Platform Engineer', timed('2026-03-12', '14:00', '15:00'), 'conflict'),
  item('application:55:interview', 'interview', 'Interview: Umbrella Health — Staff Engineer', timed('2026-03-13', '16:00', '16:45'), 'pending'),
  item('application:29:follow_up', 'follow_up', 'Thank-you note to Hooli', allDay('2026-03-13'), 'synced'),
  item('application:60:interview', 'interview', 'Interview: Stark Industries — Engineering Manager', timed('2026-03-16', '11:00', '12:00'), 'synced'),
  item('application:33:interview', 'interview', 'Interview: Soylent — Backend Engineer', timed('2026-03-18', '13:00', '14:00'), 'removed', true),
];

export const conflict: ConflictView = {
  id: 7,
  accountId: ACCOUNT_ID,
  sourceId: 'application:51:interview',
  title: 'Interview: Initech — Platform Engineer',
  copilotTiming: timed('2026-03-12', '14:00', '15:00'),
  calendarTiming: timed('2026-03-12', '15:30', '16:30'),
  explanation: 'You moved this interview in Google Calendar, and Career Copilot changed its time too. Which time is right?',
  detectedAt: '2026-03-09T23:10:00Z',
};

export const populated: Scenario = {
  state: {
    ...baseState,
    copilot: { ...baseState.copilot, signedIn: true, email: 'jordan.lee@example.com' },
    accounts: [google],
    outbox: { pending: 1, failed: 0 },
    openConflicts: 1,
    lastRun: { startedAt: '2026-03-09T23:09:52Z', finishedAt: '2026-03-09T23:10:00Z', outcome: 'ok' },
    alerts: [
      {
        id: 'conflicts',
        level: 'warning',
        message: '1 item changed in both Career Copilot and your calendar. Choose which to keep.',
        action: 'open_conflicts',
        accountId: null,
      },
    ],
  },
  items,
  conflicts: [conflict],
};

/** Signed in, Google access revoked: the banner offers Reconnect. */
export const needsReauth: Scenario = {
  state: {
    ...populated.state,
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
