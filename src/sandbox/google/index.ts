// A local stand-in for Google OAuth 2.0 and Calendar API v3 on 127.0.0.1, for
// tests, the demo and the benchmark. The real google-auth-library (and the
// app's Calendar REST calls through it) is pointed at it through `endpoints`, so it
// answers as Google documents: same paths, bodies, status codes and errors.
// Beyond the wire API it offers fault injection and "the user in Google
// Calendar's UI" helpers (userMoveEvent, ...), which write like the web UI:
// they bump the change sequence, so the app sees them in its next sync.
import { CalendarStore, type StoredEvent } from './google-calendar-store';
import { SandboxFailure } from './google-errors';
import { readEventWrite } from './google-event-write';
import { Faults } from './google-faults';
import { OAuthEndpoints } from './google-oauth';
import { Quota } from './google-quota';
import { listen, portOf, type ServerState } from './google-server';
import { TokenStore } from './google-tokens';
import type { GoogleEventDateTime, GoogleSandbox, GoogleSandboxOptions, GoogleSandboxStats } from './google-types';

export type { FailSpec, FailStatus, GoogleEventDateTime, GoogleEventResource, GoogleSandbox, GoogleSandboxOptions, GoogleSandboxStats, GoogleTombstone, GoogleWireEvent, SandboxGrantView, SandboxRequestRecord } from './google-types';

const emptyStats = (): GoogleSandboxStats => ({ requests: 0, byRoute: {}, rateLimited: 0, writes: 0 });

export async function startGoogleSandbox(options: GoogleSandboxOptions = {}): Promise<GoogleSandbox> {
  const email = options.email ?? 'demo.user@example.com';
  const clientId = options.clientId ?? 'sandbox-client-id.apps.googleusercontent.com';
  const tokens = new TokenStore(options.accessTokenTtlSeconds ?? 3600);
  const store = new CalendarStore(email);
  let base = '';
  const state: ServerState = {
    store,
    tokens,
    oauth: new OAuthEndpoints({ clientId, email, autoApprove: options.autoApprove ?? true, tokens, baseUrl: () => base }),
    faults: new Faults(),
    quota: new Quota(options.quotaPerMinute ?? null),
    latencyMs: options.latencyMs ?? 0,
    rateLimitStatus: options.rateLimitStatus ?? 403,
    stats: emptyStats(),
    eventsPageCap: options.maxEventsPerPage ?? 2500,
    log: [],
    beforeWrite: [],
  };
  const server = await listen(state, options.port ?? 0);
  base = `http://127.0.0.1:${portOf(server)}`;

  /** Runs a user-side edit with the API's validation, reporting Google's error as a plain Error. */
  const asUser = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof SandboxFailure) throw new Error(`${what}: ${JSON.stringify(error.payload)}`);
      throw error;
    }
  };
  const findEvent = (calendarId: string, eventId: string): { cal: ReturnType<CalendarStore['get']>; stored: StoredEvent } => {
    const cal = store.find(calendarId);
    if (!cal) throw new Error(`no calendar ${calendarId}`);
    const stored = cal.events.get(eventId);
    if (!stored) throw new Error(`no event ${eventId} in ${calendarId}`);
    return { cal, stored };
  };
  const patchAsUser = (what: string, calendarId: string, eventId: string, patch: Record<string, unknown>): void => {
    const { cal, stored } = findEvent(calendarId, eventId);
    asUser(what, () => store.updateEvent(cal, stored, readEventWrite(patch, 'patch', stored.resource, cal.timeZone)));
  };

  return {
    url: base,
    clientId,
    endpoints: {
      authUrl: `${base}/o/oauth2/v2/auth`,
      tokenUrl: `${base}/token`,
      revokeUrl: `${base}/revoke`,
      userinfoUrl: `${base}/v1/userinfo`,
      apiRoot: `${base}/`,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    failNext: (count, failure) => state.faults.failNext(count, failure),
    beforeNextWrite: (fn) => state.beforeWrite.push(fn),
    dropNextConnections: (count) => state.faults.dropNext(count),
    expireSyncTokens: () => store.expireSyncTokens(),
    revokeAllGrants: () => tokens.revokeAll(),
    expireAccessTokens: () => tokens.expireAccessTokens(),
    setLatency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    setQuota: (perMinute) => state.quota.set(perMinute),
    events: (calendarId = email, opts = {}) => {
      const cal = store.find(calendarId);
      if (!cal) throw new Error(`no calendar ${calendarId}`);
      return [...cal.events.values()]
        .sort((a, b) => a.order - b.order)
        .filter((e) => opts.includeCancelled === true || e.resource.status !== 'cancelled')
        .map((e) => structuredClone(e.resource));
    },
    userMoveEvent: (calendarId: string, eventId: string, start: GoogleEventDateTime, end: GoogleEventDateTime) =>
      patchAsUser('userMoveEvent', calendarId, eventId, { start, end }),
    userDeleteEvent: (calendarId, eventId) => {
      const { cal, stored } = findEvent(calendarId, eventId);
      // Deleting twice in the UI is impossible; here it is a no-op rather than an error.
      if (stored.resource.status !== 'cancelled') store.cancelEvent(cal, stored);
    },
    userEditEvent: (calendarId, eventId, patch) => patchAsUser('userEditEvent', calendarId, eventId, { ...patch }),
    userCreateCalendar: (summary, timeZone = 'UTC') => store.createCalendar(summary, timeZone, undefined, null).id,
    userCreateEvent: (calendarId, event) => {
      const cal = store.find(calendarId);
      if (!cal) throw new Error(`no calendar ${calendarId}`);
      const body: Record<string, unknown> = { ...event };
      const id = typeof event.id === 'string' ? event.id : null;
      return structuredClone(asUser('userCreateEvent', () => store.insertEvent(cal, id, readEventWrite(body, 'insert', null, cal.timeZone))).resource);
    },
    stats: () => structuredClone(state.stats),
    resetStats: () => {
      state.stats = emptyStats();
      state.log = [];
    },
    requestLog: () => structuredClone(state.log),
    grants: () => tokens.views(),
    setMaxEventsPerPage: (max) => {
      state.eventsPageCap = Math.max(1, Math.floor(max));
    },
  };
}
