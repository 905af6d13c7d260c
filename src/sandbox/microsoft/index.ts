// A local stand-in for the Microsoft identity platform and Microsoft Graph's
// calendar API on https://127.0.0.1, for tests, the demo and the benchmark. The
// real @azure/msal-node and @microsoft/microsoft-graph-client are pointed at it
// (authority and Graph root), so it answers as Microsoft documents: same paths,
// bodies, status codes, error envelopes and limits (4 concurrent requests per
// mailbox). Beyond the wire API it offers fault injection and "the user in
// Outlook" helpers, which write like Outlook does and bump the change sequence,
// so the app sees them in its next delta round.
import { Faults } from './microsoft-faults';
import { readEventFields } from './microsoft-event-write';
import { renderEvent } from './microsoft-event-json';
import { GraphFailure } from './microsoft-errors';
import { IdentityEndpoints } from './microsoft-identity';
import { guidFor, IdentityTokens } from './microsoft-identity-tokens';
import { Mailbox } from './microsoft-mailbox';
import { listen, portOf, type ServerState } from './microsoft-server';
import { MailboxThrottle } from './microsoft-throttle';
import { createSandboxCertificate, sandboxTlsFromEnv } from './microsoft-tls';
import type { MicrosoftSandbox, MicrosoftSandboxOptions, MicrosoftSandboxStats } from './microsoft-types';

export type { FailSpec, FailStatus, GraphTime, MicrosoftSandbox, MicrosoftSandboxOptions, MicrosoftSandboxStats } from './microsoft-types';
export { createSandboxCertificate, relaunchTrustingSandbox, sandboxTlsEnv, sandboxTlsFromEnv, writeTrustBundle } from './microsoft-tls';

const emptyStats = (): MicrosoftSandboxStats => ({ requests: 0, byRoute: {}, throttled: 0, writes: 0, tokenRequests: 0, peakConcurrency: 0 });

export async function startMicrosoftSandbox(options: MicrosoftSandboxOptions = {}): Promise<MicrosoftSandbox> {
  const email = options.email ?? 'demo.user@contoso.example';
  const displayName = options.displayName ?? 'Demo User';
  const clientId = options.clientId ?? guidFor('sandbox-client');
  const tenantId = options.tenantId ?? guidFor(`tenant:${email.split('@')[1] ?? email}`);
  const personal = options.personal ?? false;
  const tls = options.tls ?? sandboxTlsFromEnv() ?? createSandboxCertificate();
  const tokens = new IdentityTokens(options.accessTokenTtlSeconds ?? 3600);
  const mailbox = new Mailbox();
  let base = '';
  const identity = new IdentityEndpoints({
    clientId,
    tenantId,
    email,
    displayName,
    personal,
    autoApprove: options.autoApprove ?? true,
    grantableScopes: options.grantableScopes ?? null,
    tokens,
    baseUrl: () => base,
  });
  const state: ServerState = {
    mailbox,
    identity,
    tokens,
    faults: new Faults(),
    throttle: new MailboxThrottle(options.maxConcurrent ?? 4),
    latencyMs: options.latencyMs ?? 0,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    defaultPageSize: options.defaultPageSize ?? 10,
    maxPageSize: options.maxPageSize ?? 1000,
    user: { email, displayName, personal, oid: identity.oid },
    base: '',
    stats: emptyStats(),
  };
  const server = await listen(state, tls, options.port ?? 0);
  base = `https://127.0.0.1:${portOf(server)}`;
  state.base = base;

  /** Runs a user-side edit with the API's validation, reporting Graph's error as a plain Error. */
  const asUser = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof GraphFailure) throw new Error(`${what}: ${error.code}: ${error.detail}`);
      throw error;
    }
  };
  const render = (e: ReturnType<Mailbox['event']>): Record<string, unknown> =>
    renderEvent(e, { timeZone: 'UTC', expand: [...e.extended.keys()], organizer: { name: displayName, address: email } });

  return {
    url: base,
    clientId,
    tenantId,
    endpoints: { authority: `${base}/common`, graphRoot: `${base}/v1.0` },
    certificatePem: tls.cert,
    defaultCalendarId: mailbox.defaultCalendarId,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    failNext: (count, spec) => state.faults.failNext(count, spec),
    expireDeltaTokens: () => mailbox.expireDeltaTokens(),
    revokeAllGrants: () => tokens.revokeAll(),
    expireAccessTokens: () => tokens.expireAccessTokens(),
    setLatency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    events: (calendarId = mailbox.defaultCalendarId) =>
      [...mailbox.events.values()]
        .filter((e) => e.calendarId === calendarId)
        .sort((a, b) => a.order - b.order)
        .map(render),
    calendars: () => [...mailbox.calendars.values()].map((c) => ({ id: c.id, name: c.name, isDefaultCalendar: c.isDefaultCalendar })),
    userMoveEvent: (eventId, start, end, isAllDay) =>
      asUser('userMoveEvent', () => mailbox.updateEvent(mailbox.event(eventId), readEventFields({ start, end, ...(isAllDay === undefined ? {} : { isAllDay }) }, 'update'))),
    userDeleteEvent: (eventId) => asUser('userDeleteEvent', () => mailbox.deleteEvent(mailbox.event(eventId))),
    userAddAttendee: (eventId, attendee) =>
      asUser('userAddAttendee', () => {
        const e = mailbox.event(eventId);
        const attendees = [...e.attendees, { emailAddress: { name: attendee.name, address: attendee.address }, type: 'required' }];
        mailbox.updateEvent(e, readEventFields({ attendees }, 'update'));
      }),
    userCreateEvent: (calendarId, event) =>
      asUser('userCreateEvent', () => mailbox.insertEvent(calendarId ?? mailbox.defaultCalendarId, readEventFields({ ...event }, 'create')).id),
    userCreateCalendar: (name) => asUser('userCreateCalendar', () => mailbox.createCalendar(name).id),
    stats: () => ({ ...structuredClone(state.stats), peakConcurrency: state.throttle.peak }),
    resetStats: () => {
      state.stats = emptyStats();
      state.throttle.peak = 0;
    },
  };
}
