// The account cards' pure helpers, in Node without a DOM: who an account is, what
// disconnecting each service leaves to the user, which listed calendar is the one
// an account writes to, and the address a CalDAV reconnect starts from.
import { describe, expect, it } from 'vitest';
import type { CalendarChoice } from '../../src/shared/contract';
import { serverAddress, startFor } from '../../src/renderer/components/CaldavForm';
import { accountLabel, accountTitle, disconnectedWords, disconnectWords } from '../../src/renderer/provider-words';
import { currentCalendar } from '../../src/renderer/stores/calendars-store';

const icloud = { provider: 'caldav' as const, email: 'jo@icloud.example@caldav.icloud.com' };
const radicale = { provider: 'caldav' as const, email: 'alice@127.0.0.1:5232' };
const outlook = { provider: 'microsoft' as const, email: 'jo@contoso.example' };

describe('card words', () => {
  it('names a CalDAV account by user and server, and its card by the service', () => {
    expect(accountLabel(icloud)).toBe('jo@icloud.example on caldav.icloud.com');
    expect(accountTitle(icloud)).toBe('iCloud (CalDAV)');
    expect(accountTitle(radicale)).toBe('CalDAV calendar');
    expect(accountLabel(outlook)).toBe('jo@contoso.example');
  });

  it('says where to remove what the app cannot: Outlook at Microsoft, a CalDAV password at its provider', () => {
    expect(disconnectWords({ provider: 'google', email: 'a@b.c' }).join(' ')).toMatch(/give up its access/);
    expect(disconnectWords(outlook).join(' ')).toMatch(/account\.microsoft\.com → Privacy → Apps and services.*myapps\.microsoft\.com/);
    expect(disconnectWords(icloud).join(' ')).toMatch(/App-Specific Passwords/);
    expect(disconnectedWords(outlook, { revoked: false, removedEvents: 2 })).toMatch(/^Disconnected jo@contoso\.example\. Removed 2 events .* account\.microsoft\.com/);
    expect(disconnectedWords({ provider: 'google', email: 'a@b.c' }, { revoked: false, removedEvents: 0 })).toMatch(/myaccount\.google\.com\/connections/);
  });

  it("matches the services' main-calendar aliases to the listed calendar, never a different one", () => {
    const listed: CalendarChoice[] = [
      { id: 'AAMk-main', name: 'Calendar', primary: true, canWrite: true },
      { id: 'AAMk-job', name: 'Job search', primary: false, canWrite: true },
    ];
    expect(currentCalendar({ calendarId: 'default' }, listed)?.id).toBe('AAMk-main');
    expect(currentCalendar({ calendarId: 'primary' }, listed)?.id).toBe('AAMk-main');
    expect(currentCalendar({ calendarId: 'AAMk-job' }, listed)?.id).toBe('AAMk-job');
    expect(currentCalendar({ calendarId: 'gone' }, listed)).toBeUndefined();
  });

  it('starts a CalDAV reconnect from the account, and reads a typed server address as https', () => {
    expect(startFor(icloud)).toEqual({ server: 'icloud', otherUrl: '', username: 'jo@icloud.example' });
    expect(startFor(radicale)).toEqual({ server: 'other', otherUrl: 'http://127.0.0.1:5232', username: 'alice' });
    expect(startFor({ email: 'bo@cloud.example.org' })).toEqual({ server: 'other', otherUrl: 'https://cloud.example.org', username: 'bo' });
    expect(serverAddress(' cloud.example.org/remote.php/dav ')).toBe('https://cloud.example.org/remote.php/dav');
    expect(serverAddress('http://127.0.0.1:5232')).toBe('http://127.0.0.1:5232');
  });
});
