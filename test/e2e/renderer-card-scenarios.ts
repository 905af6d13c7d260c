// Canned states for the account cards, on top of the populated week of
// renderer-scenarios.ts: Google and Outlook connected side by side, each
// writing to its own calendar; a CalDAV account whose password stopped working.
import type { CalendarChoice } from '../../src/shared/contract';
import type { AccountView } from '../../src/shared/domain';
import type { Scenario } from './renderer-fake-calendar';
import { populated } from './renderer-scenarios';

const google = populated.state.accounts[0] as AccountView;
export const OUTLOOK_ID = 'microsoft:jordan.lee@outlook.example';

const outlook: AccountView = {
  id: OUTLOOK_ID,
  provider: 'microsoft',
  email: 'jordan.lee@outlook.example',
  displayName: 'Jordan Lee',
  status: 'connected',
  calendarId: 'AAMkAGI2THVSAAA=',
  scopes: ['Calendars.ReadWrite', 'User.Read', 'offline_access'],
  lastSyncAt: '2026-03-10T11:57:00Z',
  lastError: null,
};

export const outlookCalendars: CalendarChoice[] = [
  { id: 'AAMkAGI2TGuLAAA=', name: 'Calendar', primary: true, canWrite: true },
  { id: 'AAMkAGI2THVSAAA=', name: 'Job search', primary: false, canWrite: true },
  { id: 'AAMkAGI2TBirth=', name: 'Birthdays', primary: false, canWrite: false },
];

/** A Google account that allowed the calendar list, and an Outlook one on its "Job search" calendar. */
export const twoAccounts: Scenario = {
  ...populated,
  state: {
    ...populated.state,
    accounts: [{ ...google, scopes: [...google.scopes, 'https://www.googleapis.com/auth/calendar.calendarlist.readonly'] }, outlook],
  },
  calendars: {
    [google.id]: [
      { id: 'jordan.lee@gmail.com', name: 'jordan.lee@gmail.com', primary: true, canWrite: true },
      { id: 'c_4f0e2a@group.calendar.google.com', name: 'Interviews', primary: false, canWrite: true },
    ],
    [OUTLOOK_ID]: outlookCalendars,
  },
};

export const ICLOUD_ID = 'caldav:jordan.lee@icloud.example@caldav.icloud.com';

/** An iCloud account whose app-specific password was removed at Apple: the banner and the card ask for a new one. */
export const caldavNeedsPassword: Scenario = {
  ...populated,
  conflicts: [],
  state: {
    ...populated.state,
    openConflicts: 0,
    accounts: [
      {
        id: ICLOUD_ID,
        provider: 'caldav',
        email: 'jordan.lee@icloud.example@caldav.icloud.com',
        status: 'needs_reauth',
        calendarId: 'https://p42-caldav.icloud.com/1234567/calendars/home/',
        scopes: [],
        lastSyncAt: '2026-03-10T09:00:00Z',
        lastError: 'caldav.icloud.com did not accept the user name and password. Check the user name and use an app-specific password (iCloud and Fastmail require one), then connect again.',
      },
    ],
    alerts: [
      {
        id: `reauth-${ICLOUD_ID}`,
        level: 'error',
        message: 'caldav.icloud.com did not accept the user name and password. Check the user name and use an app-specific password (iCloud and Fastmail require one), then connect again.',
        action: 'reconnect',
        accountId: ICLOUD_ID,
      },
    ],
  },
};
