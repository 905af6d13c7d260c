// The renderer's pure helpers (how items, syncs and times read, the CSV export), in
// Node without a DOM; type-checked with the renderer (tsconfig.web.json).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type AccountView, type ItemView } from '../../src/shared/domain';
import { auditCsv, parseJsonLines } from '../../src/shared/audit-csv';
import { fromWallClock, relative, toWallClock } from '../../src/renderer/format';
import { badges, headline, itemStatus } from '../../src/renderer/item-words';
import { describeSync, windowMessage } from '../../src/renderer/sync-words';

const account: AccountView = { id: 'google:a@b.c', provider: 'google', email: 'a@b.c', status: 'connected', calendarId: 'primary', scopes: [], lastSyncAt: null, lastError: null };
const item = (over: Partial<ItemView>): ItemView => ({
  sourceId: 'application:1:interview',
  kind: 'interview',
  title: 'Interview: Backend Engineer at Acme',
  timing: { type: 'timed', startUtc: '2026-03-10T14:00:00Z', endUtc: '2026-03-10T15:00:00Z', zone: 'UTC' },
  cancelled: false,
  syncEnabled: true,
  wantedByPreferences: true,
  editPending: false,
  location: null,
  notes: null,
  company: null,
  role: null,
  links: [],
  ...over,
});

describe('renderer words', () => {
  it('leads with the company, from the job or from the title the core writes', () => {
    expect(headline(item({}))).toEqual({ primary: 'Acme', secondary: 'Backend Engineer' });
    expect(headline(item({ title: 'Prepare for interview: SRE at Initech' }))).toEqual({ primary: 'Initech', secondary: 'SRE' });
    expect(headline(item({ company: 'Globex', role: 'Platform Engineer' }))).toEqual({ primary: 'Globex', secondary: 'Platform Engineer' });
  });

  it('never says a cancelled item is waiting for a calendar', () => {
    const link = (state: ItemView['links'][number]['state']) => [{ accountId: account.id, state, remoteId: 'x', lastSyncedAt: null, failed: false, lastError: null }];
    const words = (over: Partial<ItemView>) => badges(item({ cancelled: true, ...over }), [account], DEFAULT_PREFERENCES).map((b) => b.text);
    expect(words({ links: link('removed') })).toEqual(['Cancelled — removed from your calendar']);
    expect(words({ links: link('synced') })).toEqual(['Cancelled — kept as a record']);
    expect(words({ links: [] })).toEqual(['Cancelled — not in your calendar']);
    expect(badges(item({ links: link('synced') }), [account], DEFAULT_PREFERENCES).map((b) => b.text)).toEqual(['Synced to Google Calendar']);
    expect(badges(item({ links: [{ ...link('pending')[0]!, failed: true }] }), [account], DEFAULT_PREFERENCES)[0]).toMatchObject({ text: 'Failed — Retry', retry: true });
  });

  it('says a prep block is not added while reminders are alerts, instead of "waiting to sync"', () => {
    const prep = item({ sourceId: 'application:1:reminder', kind: 'reminder', wantedByPreferences: false });
    expect(badges(prep, [account], DEFAULT_PREFERENCES).map((b) => b.text)).toEqual(['Not added — reminders are set as alerts']);
    expect(itemStatus(prep, DEFAULT_PREFERENCES)).toBe('off');
  });

  it('says why a prep block is not added when reminders are blocks without a time', () => {
    const prep = item({ sourceId: 'application:1:reminder', kind: 'reminder', wantedByPreferences: false });
    const blocksWithoutTime = { ...DEFAULT_PREFERENCES, reminderStyle: 'block' as const, reminderMinutes: 0 };
    expect(badges(prep, [account], blocksWithoutTime).map((b) => b.text)).toEqual(['Not added — no reminder time is set']);
  });

  it('does not call a sync with problems "up to date", and keeps CLI commands out of the window', () => {
    const none = { created: 0, updated: 0, deleted: 0, pulled: 0, conflicts: 0, failures: 0, skippedRecords: 0, messages: [] };
    expect(describeSync({ ...none, outcome: 'partial' })).toBe('Sync did not finish everything.');
    expect(describeSync({ ...none, outcome: 'ok' })).toBe('Sync finished: everything was already up to date.');
    expect(describeSync({ ...none, outcome: 'ok', created: 1, conflicts: 2 })).toBe('Sync finished: 1 event added, 2 conflicts to review.');
    expect(windowMessage('Nothing was deleted. Approve it with "ccal sync --once --allow-deletes".')).toBe('Nothing was deleted. Choose what to do under “Needs attention” above.');
    expect(windowMessage('Google is not answering.')).toBe('Google is not answering.');
  });

  it('reads a typed wall-clock time in the user zone, across a daylight-saving change', () => {
    const old = { type: 'timed' as const, startUtc: '2026-03-06T15:00:00Z', endUtc: '2026-03-06T16:00:00Z', zone: 'America/New_York' };
    expect(toWallClock(old, 'America/New_York')).toEqual({ date: '2026-03-06', time: '10:00' });
    // 10:00 on Monday 9 March is after the change (UTC−4): the hour stays 10:00 local.
    expect(fromWallClock(old, '2026-03-09', '10:00', 'America/New_York')).toEqual({ type: 'timed', startUtc: '2026-03-09T14:00:00Z', endUtc: '2026-03-09T15:00:00Z', zone: 'America/New_York' });
    expect(fromWallClock({ type: 'allDay', date: '2026-03-06' }, '2026-03-20', '', 'UTC')).toEqual({ type: 'allDay', date: '2026-03-20' });
    expect(fromWallClock(old, 'soon', '10:00', 'America/New_York')).toBeNull();
  });

  it('says how long ago in words', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(relative('2026-03-10T11:58:00Z', now)).toBe('2 minutes ago');
    expect(relative('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(relative('2026-03-09T12:00:00Z', now)).toBe('yesterday');
  });

  it('exports CSV a spreadsheet cannot run as a formula, and reads the JSON Lines it came from', () => {
    const entries = parseJsonLines(
      [
        JSON.stringify({ id: 1, at: '2026-03-10T12:00:00Z', accountId: null, action: 'preferences', outcome: 'info', detail: { note: 'a, "b"' } }),
        'not json',
        JSON.stringify({ id: 2, at: '2026-03-10T12:01:00Z', accountId: 'google:x', action: '=HYPERLINK("http://evil")', outcome: 'ok', detail: {} }),
      ].join('\n'),
    );
    expect(entries).toHaveLength(2);
    const csv = auditCsv(entries).split('\r\n');
    expect(csv[0]).toBe('id,at,account,action,outcome,detail');
    expect(csv[1]).toBe('1,2026-03-10T12:00:00Z,,preferences,info,"{""note"":""a, \\""b\\""""}"');
    expect(csv[2]).toBe(`2,2026-03-10T12:01:00Z,google:x,"'=HYPERLINK(""http://evil"")",ok,{}`);
  });
});
