// The ContractEnv for CalDAV: the real provider against a real server (Radicale
// or xandikos, test/fixtures/caldav-servers.ts), a fresh calendar per setup, and
// the user's own calendar app played over plain HTTP (caldav-user.ts).
import { randomUUID } from 'node:crypto';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import { createCaldavProvider } from '../../src/main/core/providers/caldav';
import { makeCalendarAs, type CaldavServer } from '../fixtures/caldav-servers';
import { CaldavUserApp } from '../fixtures/caldav-user';
import type { ContractSetup } from './contract-env';

/** hrefs per calendar-multiget: small, so the suite's "second page" is a second multiget. */
const PAGE_SIZE = 5;

/** `server` may be started lazily: the suite calls setup only once it runs. */
export function caldavContractSetup(server: CaldavServer | (() => Promise<CaldavServer>)): ContractSetup {
  return async () => {
    const s = typeof server === 'function' ? await server() : server;
    const calendarId = `${s.homeUrl}${randomUUID()}/`;
    await makeCalendarAs(s, calendarId, 'Contract');
    const provider = createCaldavProvider({
      loadLogin: async () => ({ serverUrl: s.baseUrl, username: s.username, password: s.password }),
      fetch: globalThis.fetch.bind(globalThis),
      clock: systemClock,
      timers: systemTimers,
      batchSize: PAGE_SIZE,
    });
    const user = new CaldavUserApp(s, calendarId);
    return {
      provider,
      calendarId,
      pageSize: PAGE_SIZE,
      user: {
        deleteEvent: (remoteId) => user.deleteEvent(remoteId),
        moveEvent: (remoteId, timing) => user.moveEvent(remoteId, timing),
        addForeignEvent: (title, timing) => user.addForeignEvent(title, timing),
        addUserDetail: (remoteId) => user.addUserDetail(remoteId),
        hasUserDetail: (remoteId) => user.hasUserDetail(remoteId),
      },
      // The calendar stays with the server, which the test file stops.
      close: async () => undefined,
    };
  };
}
