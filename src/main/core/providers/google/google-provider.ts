// CalendarProvider for Google Calendar v3 (DESIGN §5, §6): the official client
// pointed at config.apiRoot, every request through the account's rate limiter and
// retry loop, idempotent creates under ids derived from the source id.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import { ProviderError } from '../../../../shared/errors';
import {
  DEFAULT_MAX_CONCURRENT,
  DEFAULT_REQUESTS_PER_MINUTE,
  type GoogleConfig,
} from '../../auth/google-config';
import type { Clock, Timers } from '../../ports';
import { RateLimiter } from '../../scheduler/rate-limiter';
import type { SecretStore } from '../../secrets/secret-store';
import type { CalendarInfo, CalendarProvider, ChangePage, EventDraft, RemoteEvent } from '../provider';
import { googleEventIdFor } from './google-event-id';
import { googleBadResponse, toGoogleEvent, toRemoteEvent } from './google-event-mapping';
import { GoogleRequestExecutor, type CallOptions, type RetryPolicy } from './google-request-executor';
import { GoogleSession } from './google-session';

export interface GoogleProviderDeps {
  config: GoogleConfig;
  secrets: SecretStore;
  accountId: string;
  clock: Clock;
  timers: Timers;
  onTokenRefreshed?: () => void;
  onAuthLost?: (reason: string) => void;
  /** For backoff jitter; Math.random by default. */
  random?: () => number;
  /** Tests shorten the waits; production uses the defaults. */
  retryPolicy?: RetryPolicy;
}

/** Google's largest page for events.list. */
const EVENTS_PAGE_SIZE = 2500;
const CALENDARS_PAGE_SIZE = 250;

export function createGoogleProvider(deps: GoogleProviderDeps): CalendarProvider {
  const { config } = deps;
  // Calendar API requests actually sent, retries included. Token refreshes are not
  // counted: they are not Calendar quota, and a quiet sync should read "1 request".
  let requests = 0;
  const apiPrefix = new URL('calendar/v3/', config.apiRoot.endsWith('/') ? config.apiRoot : `${config.apiRoot}/`).href;
  const session = new GoogleSession({
    config,
    secrets: deps.secrets,
    accountId: deps.accountId,
    onHttpRequest: (url) => {
      if (url.startsWith(apiPrefix)) requests += 1;
    },
    onTokenRefreshed: deps.onTokenRefreshed,
    onAuthLost: deps.onAuthLost,
  });
  const limiter = new RateLimiter({
    maxRequests: config.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
    windowMs: 60_000,
    maxConcurrent: config.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
    clock: deps.clock,
    timers: deps.timers,
  });
  const executor = new GoogleRequestExecutor({
    session,
    limiter,
    clock: deps.clock,
    timers: deps.timers,
    random: deps.random ?? Math.random,
    tokenUrl: config.tokenUrl,
    policy: deps.retryPolicy,
  });

  // One client per OAuth2Client (a reconnect loads a new one).
  const apis = new WeakMap<OAuth2Client, calendar_v3.Calendar>();
  const api = (auth: OAuth2Client): calendar_v3.Calendar => {
    let client = apis.get(auth);
    if (!client) {
      client = calendar({ version: 'v3', auth });
      apis.set(auth, client);
    }
    return client;
  };
  /**
   * Per-call options. rootUrl is given per call, not globally: the library rewrites a
   * global rootUrl with `new URL(path, root)`, which drops a path prefix in apiRoot.
   * No `timeout`: gaxios would make an AbortSignal.timeout per call, which outlives
   * the call in old space; the transport's own deadline (GOOGLE_REQUEST_TIMEOUT_MS) applies.
   */
  const callOptions = (signal: AbortSignal | undefined, headers?: Record<string, string>) => ({
    rootUrl: config.apiRoot,
    retry: false,
    ...(signal ? { signal } : {}),
    ...(headers ? { headers } : {}),
  });
  const eventsCall = (signal?: AbortSignal): CallOptions => ({ signal, need: 'events' });

  async function getEvent(calendarId: string, remoteId: string, signal?: AbortSignal): Promise<RemoteEvent | null> {
    try {
      const res = await executor.run(
        (auth) => api(auth).events.get({ calendarId, eventId: remoteId }, callOptions(signal)),
        eventsCall(signal),
      );
      return toRemoteEvent(res.data);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
  }

  async function updateEvent(
    calendarId: string,
    remoteId: string,
    draft: EventDraft,
    etag: string | null,
    signal?: AbortSignal,
  ): Promise<RemoteEvent> {
    const requestBody = toGoogleEvent(draft);
    const res = await executor.run(
      (auth) =>
        api(auth).events.update(
          { calendarId, eventId: remoteId, requestBody, sendUpdates: 'none' },
          callOptions(signal, etag ? { 'If-Match': etag } : undefined),
        ),
      eventsCall(signal),
    );
    return toRemoteEvent(res.data);
  }

  /** Every page of an events listing; any failed page fails the whole listing. */
  async function listAll(calendarId: string, syncToken: string | null, signal?: AbortSignal): Promise<Omit<ChangePage, 'full'>> {
    const events: RemoteEvent[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const params: calendar_v3.Params$Resource$Events$List = { calendarId, maxResults: EVENTS_PAGE_SIZE };
      if (syncToken) params.syncToken = syncToken;
      if (pageToken) params.pageToken = pageToken;
      const res = await executor.run((auth) => api(auth).events.list(params, callOptions(signal)), eventsCall(signal));
      const data: calendar_v3.Schema$Events | undefined = res.data;
      if (!data || (data.items != null && !Array.isArray(data.items))) throw googleBadResponse('an events page without items');
      for (const item of data.items ?? []) events.push(toRemoteEvent(item));
      if (data.nextPageToken) {
        pageToken = data.nextPageToken;
        continue;
      }
      if (!data.nextSyncToken) throw googleBadResponse('the last events page without a nextSyncToken');
      return { events, nextCursor: data.nextSyncToken };
    }
  }

  return {
    kind: 'google',

    async listCalendars(signal) {
      const calendars: CalendarInfo[] = [];
      let pageToken: string | undefined;
      do {
        const res = await executor.run(
          (auth) =>
            api(auth).calendarList.list({ maxResults: CALENDARS_PAGE_SIZE, ...(pageToken ? { pageToken } : {}) }, callOptions(signal)),
          { signal, need: 'calendarList' },
        );
        if (!res.data || (res.data.items != null && !Array.isArray(res.data.items))) {
          throw googleBadResponse('a calendar list page without items');
        }
        for (const entry of res.data.items ?? []) {
          if (!entry.id) throw googleBadResponse('a calendar without an id');
          calendars.push({
            id: entry.id,
            name: entry.summaryOverride ?? entry.summary ?? entry.id,
            primary: entry.primary === true,
            canWrite: entry.accessRole === 'owner' || entry.accessRole === 'writer',
          });
        }
        pageToken = res.data.nextPageToken ?? undefined;
      } while (pageToken);
      return calendars;
    },

    async createCalendar(name, timeZone, signal) {
      const res = await executor.run(
        (auth) =>
          api(auth).calendars.insert(
            { requestBody: { summary: name, timeZone, description: 'Interviews and follow-ups from Career Copilot, kept in sync by Career Copilot Calendar.' } },
            callOptions(signal),
          ),
        eventsCall(signal),
      );
      if (!res.data?.id) throw googleBadResponse('a new calendar without an id');
      return { id: res.data.id, name: res.data.summary ?? name, primary: false, canWrite: true };
    },

    async listChanges(calendarId, cursor, signal) {
      if (cursor) {
        try {
          return { ...(await listAll(calendarId, cursor, signal)), full: false };
        } catch (error) {
          // 410 (reason fullSyncRequired): the token expired; Google's documented
          // answer is to drop local sync state and list everything again.
          if (!(error instanceof ProviderError && error.status === 410)) throw error;
        }
      }
      return { ...(await listAll(calendarId, null, signal)), full: true };
    },

    getEvent,

    async createEvent(calendarId, draft, signal) {
      // idSeed differs from sourceId only for the new copy after a "keep both" conflict.
      const id = googleEventIdFor(draft.idSeed ?? draft.sourceId);
      try {
        const res = await executor.run(
          (auth) =>
            api(auth).events.insert(
              { calendarId, requestBody: { ...toGoogleEvent(draft), id }, sendUpdates: 'none' },
              callOptions(signal),
            ),
          eventsCall(signal),
        );
        return toRemoteEvent(res.data);
      } catch (error) {
        if (!(error instanceof ProviderError && error.code === 'provider_conflict')) throw error;
        // The id exists: our earlier attempt got through (a retry after a crash or a
        // lost answer), or the user deleted the event and Google keeps the id.
        const existing = await getEvent(calendarId, id, signal);
        if (!existing) throw error;
        if (!existing.cancelled) return existing; // the engine diffs it against the draft
        return updateEvent(calendarId, id, draft, existing.etag || null, signal);
      }
    },

    updateEvent,

    async deleteEvent(calendarId, remoteId, etag, signal) {
      try {
        await executor.run(
          (auth) =>
            api(auth).events.delete(
              { calendarId, eventId: remoteId, sendUpdates: 'none' },
              callOptions(signal, etag ? { 'If-Match': etag } : undefined),
            ),
          eventsCall(signal),
        );
      } catch (error) {
        if (isGone(error)) return; // already deleted: what we wanted
        throw error;
      }
    },

    requestCount: () => requests,
  };
}

/** 404, or 410 (Google's answer for an event deleted already). */
function isGone(error: unknown): boolean {
  return error instanceof ProviderError && error.code === 'provider_not_found';
}
