// ccal's words and decisions without a process: messages that name commands,
// exit statuses, the Retry-After time, tables, preferences checked against the
// flag typed, and URL opening without a shell.
import { describe, expect, it } from 'vitest';
import type { AppState, SyncSummary } from '../../src/shared/contract';
import { DEFAULT_PREFERENCES } from '../../src/shared/domain';
import { AppError } from '../../src/shared/errors';
import { consentUrlPolicy } from '../../src/shared/consent-url';
import { alertLine, cliMessage } from '../../src/main/cli/cli-words';
import { parsePrefs } from '../../src/main/cli/commands/preferences';
import { EXIT } from '../../src/main/cli/exit-codes';
import { formatItems, formatPreferences, formatSummary } from '../../src/main/cli/format';
import { openerCommand, systemUrlOpener } from '../../src/main/cli/open-url';
import { runLine } from '../../src/main/cli/run-line';
import { syncVerdict } from '../../src/main/cli/sync-result';
import { table } from '../../src/main/cli/table';

const clean: SyncSummary = { outcome: 'ok', created: 0, updated: 0, deleted: 0, pulled: 0, conflicts: 0, failures: 0, skippedRecords: 0, messages: [] };
const account = { id: 'google:jane@gmail.example', provider: 'google' as const, email: 'jane@gmail.example', status: 'connected' as const, calendarId: 'primary', scopes: [], lastSyncAt: null, lastError: null };
const state = (over: Partial<AppState> = {}): AppState => ({
  copilot: { signedIn: true, email: 'jane@careercopilot.example', baseUrl: 'http://127.0.0.1:1/api/v1' },
  accounts: [account],
  preferences: { ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin' },
  outbox: { pending: 0, failed: 0 },
  openConflicts: 0,
  lastRun: { startedAt: '2026-12-02T10:00:00Z', finishedAt: '2026-12-02T10:00:05Z', outcome: 'ok' },
  alerts: [],
  syncing: false,
  ...over,
});
const revoked = { id: `reauth-${account.id}`, level: 'error' as const, message: 'jane@gmail.example: Google access was revoked or expired. Reconnect your Google account.', action: 'reconnect' as const, accountId: account.id };

describe('ccal output', () => {
  it('lists a prep block as not added while reminders are alerts, not as waiting to sync', () => {
    const prep = {
      sourceId: 'application:1:reminder', kind: 'reminder' as const, title: 'Prepare for interview: SRE at Initech', cancelled: false, syncEnabled: true, wantedByPreferences: false,
      timing: { type: 'timed' as const, startUtc: '2026-12-03T09:30:00Z', endUtc: '2026-12-03T10:00:00Z', zone: 'UTC' },
      company: 'Initech', role: 'SRE', location: null, notes: null, editPending: false, links: [],
    };
    const out = formatItems([prep], [account], DEFAULT_PREFERENCES, new Date('2026-12-02T10:00:00Z'));
    expect(out).toContain('not added (reminders are set as alerts)');
    expect(out).not.toContain('waiting to sync');
    const blocksWithoutTime = { ...DEFAULT_PREFERENCES, reminderStyle: 'block' as const, reminderMinutes: 0 };
    expect(formatItems([prep], [account], blocksWithoutTime, new Date('2026-12-02T10:00:00Z'))).toContain('not added (no reminder time is set)');
  });

  it('names the command instead of a button', () => {
    expect(cliMessage('Connecting your Google account failed. Click Connect to try again.')).toBe('Connecting your Google account failed. Run "ccal connect google" to try again.');
    expect(cliMessage('They are kept; press Retry to send them again.')).toBe('They are kept; run "ccal retry" to send them again.');
    expect(alertLine(revoked, [account])).toBe('jane@gmail.example: Google access was revoked or expired. Reconnect with "ccal connect google".');
  });

  it('exits 0 only for a complete sync', () => {
    expect(syncVerdict(clean, state()).code).toBe(EXIT.ok);
    const signedOut = syncVerdict(clean, state({ copilot: { signedIn: false, email: null, baseUrl: 'x' } }));
    expect(signedOut.code).toBe(EXIT.incomplete);
    expect(signedOut.reasons.join('\n')).toMatch(/ccal signin/);
    expect(syncVerdict(clean, state({ accounts: [{ ...account, status: 'needs_reauth' }], alerts: [revoked] }))).toMatchObject({ code: EXIT.incomplete, reasons: [expect.stringMatching(/ccal connect google/)] });
    expect(syncVerdict({ ...clean, outcome: 'stopped' }, state()).code).toBe(EXIT.needsAnswer);
    expect(syncVerdict({ ...clean, failures: 2, outcome: 'partial' }, state()).code).toBe(EXIT.incomplete);
    expect(syncVerdict(clean, state({ accounts: [] })).reasons.join('\n')).toMatch(/ccal connect google/);
  });

  it('announces a long Retry-After with its time, not "in a moment"', () => {
    const limited = { ...clean, outcome: 'partial' as const, failures: 3, messages: ['Google is limiting how fast Career Copilot Calendar can sync right now. Your changes are kept and will go out automatically in a moment.'] };
    const text = formatSummary(limited, { zone: 'Europe/Berlin', nextAttemptAt: '2026-12-02T10:10:00Z', now: new Date('2026-12-02T10:00:00Z') });
    expect(text).toContain('will go out automatically at 11:10 (in 10 minutes).');
    expect(text).not.toContain('in a moment');
    expect(formatSummary(limited, {})).toContain('once Google allows it again');
    expect(formatSummary(clean)).toBe('Sync complete: everything was already up to date.');
  });

  it('stops saying "synced" once access was revoked', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(runLine(state(), now)).toBe('11:00:00 synced');
    expect(runLine(state({ alerts: [revoked] }), now)).toBe('11:00:00 not synced: jane@gmail.example: Google access was revoked or expired. Reconnect with "ccal connect google".');
    // The demo's own folder is not the user's: no command to run there.
    expect(runLine(state({ alerts: [revoked] }), now, { commands: false })).toBe('11:00:00 not synced: jane@gmail.example: Google access was revoked or expired. Reconnect your Google account.');
  });

  it('checks preferences against the flag typed, in its words', () => {
    const fails = (o: Record<string, string>): string => {
      try {
        parsePrefs(o);
      } catch (error) {
        if (error instanceof AppError) return error.userMessage;
      }
      return 'accepted';
    };
    expect(fails({ followUpHour: '25' })).toBe('--follow-up-hour must be 0–23, not 25.');
    expect(fails({ duration: '2' })).toBe('--duration must be 5–1440, not 2.');
    expect(fails({ reminderMinutes: 'soon' })).toBe('--reminder-minutes must be a whole number, not "soon".');
    expect(fails({ timeZone: 'Mars/Olympus' })).toMatch(/^--time-zone: "Mars\/Olympus" is not a time zone/);
    expect(fails({ kinds: 'interview,party' })).toMatch(/^--kinds: unknown kind "party"/);
    expect(parsePrefs({ followUpHour: 'all-day', kinds: 'none' })).toEqual({ followUpHour: null, kinds: { interview: false, follow_up: false, reminder: false } });
    expect(formatPreferences(DEFAULT_PREFERENCES)).toMatch(/^Put in the calendar +interviews, follow-ups, reminders$/m);
  });

  it('fits a table to the terminal by cutting the flexible column', () => {
    const t = table([{ header: 'When' }, { header: 'What', flexible: true }], [['Tue 10 Mar, 10:00', 'Acme — a very long role name that would wrap the terminal']], 40).split('\n');
    expect(t.every((line) => [...line].length <= 40)).toBe(true);
    expect(t[1]).toMatch(/…$/);
  });

  it('opens only http(s) sign-in pages of the configured origins, and never through a shell', async () => {
    const url = 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000&state=a&calc.exe';
    expect(openerCommand('win32', url)).toEqual(['rundll32.exe', ['url.dll,FileProtocolHandler', url]]);
    expect(openerCommand('darwin', url)).toEqual(['open', [url]]);
    expect(openerCommand('linux', url)).toEqual(['xdg-open', [url]]);
    const allowed = consentUrlPolicy(['https://accounts.google.com/o/oauth2/v2/auth']);
    expect(allowed(url)).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'https://evil.example/o/oauth2', 'https://user:pw@accounts.google.com/', 'ms-settings:', 'not a url']) expect(allowed(bad), bad).toBe(false);
    // Refused before any program is started.
    expect(await systemUrlOpener(['https://accounts.google.com/auth'], { DISPLAY: ':0' }, 'linux')('file:///etc/passwd')).toBe(false);
  });
});
