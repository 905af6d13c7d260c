// The provider contract against Google: the real provider (google-auth-library
// and the Calendar v3 client) pointed at the Google sandbox, signed in through the
// loopback flow, tokens in the real keychain. The sandbox caps pages at a few
// events (Google documents that a page may hold fewer than maxResults), so the
// paging case needs a handful of events, not 2,500. The user acts through the
// sandbox's Google Calendar UI helpers.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Timing } from '../../src/shared/domain';
import { connectGoogle } from '../../src/main/core/auth/google-oauth';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import { createGoogleProvider } from '../../src/main/core/providers/google/google-provider';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';
import { startGoogleSandbox, type GoogleEventDateTime } from '../../src/sandbox/google';
import { approveInSandboxBrowser } from '../../src/sandbox/google/sandbox-browser';
import { providerContract } from './provider-contract';

const PAGE_SIZE = 3;
const CALENDAR = 'primary';
/** What "the user" adds in Google Calendar: a guest, a colour, a note of their own in the private properties. */
const GUEST = 'recruiter@acme.example';
const COLOR = '4';
const NOTE = { userNote: 'ask about the team' };

function googleTimes(timing: Timing): { start: GoogleEventDateTime; end: GoogleEventDateTime } {
  if (timing.type === 'allDay') {
    return { start: { date: timing.date }, end: { date: DateTime.fromISO(timing.date, { zone: 'utc' }).plus({ days: 1 }).toISODate() ?? timing.date } };
  }
  return { start: { dateTime: timing.startUtc, timeZone: timing.zone }, end: { dateTime: timing.endUtc, timeZone: timing.zone } };
}

providerContract('Google Calendar (sandbox)', async () => {
  const sandbox = await startGoogleSandbox({ email: 'contract@gmail.example', maxEventsPerPage: PAGE_SIZE });
  const secrets = new KeychainSecretStore({ service: `ccal-test-google-contract-${randomUUID()}` });
  const config = { clientId: sandbox.clientId, ...sandbox.endpoints };
  const { accountId } = await connectGoogle({ config, secrets, openUrl: approveInSandboxBrowser, onConsentUrl: () => undefined, timeoutMs: 10_000 });
  const provider = createGoogleProvider({ config, secrets, accountId, clock: systemClock, timers: systemTimers, random: () => 0.1 });
  const find = (remoteId: string) => sandbox.events(CALENDAR).find((e) => e.id === remoteId);

  return {
    provider,
    calendarId: CALENDAR,
    pageSize: PAGE_SIZE,
    user: {
      deleteEvent: async (remoteId) => sandbox.userDeleteEvent(CALENDAR, remoteId),
      moveEvent: async (remoteId, timing) => {
        const { start, end } = googleTimes(timing);
        sandbox.userMoveEvent(CALENDAR, remoteId, start, end);
      },
      addForeignEvent: async (title, timing) => sandbox.userCreateEvent(CALENDAR, { summary: title, ...googleTimes(timing) }).id,
      addUserDetail: async (remoteId) => {
        const attendees = [...(find(remoteId)?.attendees ?? []), { email: GUEST }];
        sandbox.userEditEvent(CALENDAR, remoteId, { attendees, colorId: COLOR, extendedProperties: { private: NOTE } });
      },
      hasUserDetail: async (remoteId) => {
        const event = find(remoteId);
        return Boolean(event?.attendees?.some((a) => a.email === GUEST) && event.colorId === COLOR && event.extendedProperties?.private?.userNote === NOTE.userNote);
      },
    },
    close: async () => {
      await secrets.delete(SecretKeys.providerTokens(accountId));
      await sandbox.close();
    },
  };
});
