// CalendarProvider for Google Calendar v3 (DESIGN §5, §6): REST calls through the
// account's OAuth2Client (google-calendar-rest.ts says why not the generated
// client) at config.apiRoot, every request through the account's rate limiter and
// retry loop, idempotent creates under ids derived from the caller's key, updates
// as patches of our own fields so whatever the user added to the event stays.
import type { calendar_v3 } from '@googleapis/calendar';
import { ProviderError } from '../../../../shared/errors';
import {
  DEFAULT_MAX_CONCURRENT,
  DEFAULT_REQUESTS_PER_MINUTE,
  type GoogleConfig,
} from '../../auth/google-config';
import type { Clock, Fetch, Timers } from '../../ports';
import { RateLimiter } from '../../scheduler/rate-limiter';
import type { SecretStore } from '../../secrets/secret-store';
import type { CalendarInfo, CalendarProvider, ChangePage, EventDraft, RemoteChange, RemoteEvent } from '../provider';
import { GoogleCalendarRest } from './google-calendar-rest';
import { googleEventIdFor } from './google-event-id';
import { googleBadResponse, readGoogleEvent, toGoogleEvent, toGooglePatch, toLiveEvent, type GoogleEventRead } from './google-event-mapping';
import { GoogleRequestExecutor, type CallOptions, type RetryPolicy } from './google-request-executor';
import { GoogleSession } from './google-session';

export interface GoogleProviderDeps {
  config: GoogleConfig;
  secrets: SecretStore;
  accountId: string;
  clock: Clock;
  timers: Timers;
  /** Node's global fetch by default. */
  fetch?: Fetch;
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
  const rest = new GoogleCalendarRest(config.apiRoot);
  const session = new GoogleSession({
    config,
    secrets: deps.secrets,
    accountId: deps.accountId,
    fetch: deps.fetch,
    onHttpRequest: (url) => {
      if (rest.isApiUrl(url)) requests += 1;
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

  const eventsCall = (signal?: AbortSignal): CallOptions => ({ signal, need: 'events' });

  /** The event as Google has it: live, a tombstone, or null when Google says 404/410. */
  async function readEvent(calendarId: string, remoteId: string, signal?: AbortSignal): Promise<GoogleEventRead | null> {
    try {
      const res = await executor.run(
        (auth) => rest.getEvent(auth, calendarId, remoteId, { signal }),
        eventsCall(signal),
      );
      return readGoogleEvent(res.data);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
  }

  async function getEvent(calendarId: string, remoteId: string, signal?: AbortSignal): Promise<RemoteEvent | null> {
    const read = await readEvent(calendarId, remoteId, signal);
    if (read === null || read.kind === 'removed') return null;
    if (read.kind === 'foreign_unreadable') throw googleBadResponse(`event ${remoteId} without readable start and end times`);
    return read.event;
  }

  /** events.patch with our fields only; If-Match when a revision is given. */
  async function patchEvent(calendarId: string, remoteId: string, requestBody: calendar_v3.Schema$Event, revision: string | null, signal?: AbortSignal): Promise<GoogleEventRead> {
    const res = await executor.run(
      (auth) => rest.patchEvent(auth, calendarId, remoteId, requestBody, { signal, ifMatch: revision }),
      eventsCall(signal),
    );
    return readGoogleEvent(res.data);
  }

  async function updateEvent(
    calendarId: string,
    remoteId: string,
    draft: EventDraft,
    revision: string | null,
    signal?: AbortSignal,
  ): Promise<RemoteEvent> {
    const read = await patchEvent(calendarId, remoteId, toGooglePatch(draft), revision, signal);
    // The patch leaves status alone, so an event the user deleted stays deleted:
    // for sync it is missing, as the interface says.
    if (read.kind === 'removed') throw new ProviderError('provider_not_found', 'The event is gone from Google Calendar.', { status: 410 });
    if (read.kind === 'foreign_unreadable') throw googleBadResponse(`event ${remoteId} without readable times after an update`);
    return read.event;
  }

  /**
   * After a 409 on insert: the id is ours already. A live event is an earlier
   * attempt that got through (returned as is; the engine diffs it). A tombstone is
   * our event the user deleted: Google keeps the id, so it is revived with a patch,
   * guarded by the tombstone's etag; if that races with the user, read once more.
   */
  async function adoptExisting(calendarId: string, id: string, draft: EventDraft, conflict: ProviderError, signal?: AbortSignal): Promise<RemoteEvent> {
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const existing = await readEvent(calendarId, id, signal);
      if (existing === null) throw conflict;
      if (existing.kind === 'live') return existing.event;
      if (existing.kind === 'foreign_unreadable') throw googleBadResponse(`event ${id} without readable start and end times`);
      try {
        return liveOrBad(await patchEvent(calendarId, id, toGooglePatch(draft, { revive: true }), existing.etag, signal));
      } catch (error) {
        if (!(error instanceof ProviderError && error.code === 'provider_precondition') || attempt === 2) throw error;
      }
    }
    throw conflict;
  }

  /** Every page of an events listing; any failed page fails the whole listing. */
  async function listAll(calendarId: string, syncToken: string | null, signal?: AbortSignal): Promise<Omit<ChangePage, 'full' | 'window'>> {
    const changes: RemoteChange[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const query = { maxResults: EVENTS_PAGE_SIZE, syncToken: syncToken ?? undefined, pageToken };
      const res = await executor.run((auth) => rest.listEvents(auth, calendarId, query, { signal }), eventsCall(signal));
      const data: calendar_v3.Schema$Events | undefined = res.data;
      if (!data || (data.items != null && !Array.isArray(data.items))) throw googleBadResponse('an events page without items');
      for (const item of data.items ?? []) {
        const read = readGoogleEvent(item);
        if (read.kind === 'live') changes.push({ type: 'upsert', event: read.event });
        // A full listing is every live event; a cancelled item there (Google lists
        // cancelled instances of recurring events) removes nothing we know of.
        else if (read.kind === 'removed' && syncToken) changes.push({ type: 'removed', remoteId: read.remoteId });
      }
      if (data.nextPageToken) {
        pageToken = data.nextPageToken;
        continue;
      }
      if (!data.nextSyncToken) throw googleBadResponse('the last events page without a nextSyncToken');
      return { changes, nextCursor: data.nextSyncToken };
    }
  }

  return {
    kind: 'google',
    capabilities: { windowedListing: false, listAfterWrites: false },

    async listCalendars(signal) {
      const calendars: CalendarInfo[] = [];
      let pageToken: string | undefined;
      do {
        const res = await executor.run(
          (auth) => rest.listCalendars(auth, { maxResults: CALENDARS_PAGE_SIZE, pageToken }, { signal }),
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
          rest.insertCalendar(auth, { summary: name, timeZone, description: 'Interviews and follow-ups from Career Copilot, kept in sync by Career Copilot Calendar.' }, { signal }),
        eventsCall(signal),
      );
      if (!res.data?.id) throw googleBadResponse('a new calendar without an id');
      return { id: res.data.id, name: res.data.summary ?? name, primary: false, canWrite: true };
    },

    // Google lists the whole calendar (no window); the window argument is unused.
    async listChanges(calendarId, cursor, _window, signal) {
      if (cursor) {
        try {
          return { ...(await listAll(calendarId, cursor, signal)), full: false, window: null };
        } catch (error) {
          // 410 (reason fullSyncRequired): the token expired; Google's documented
          // answer is to drop local sync state and list everything again.
          if (!(error instanceof ProviderError && error.status === 410)) throw error;
        }
      }
      return { ...(await listAll(calendarId, null, signal)), full: true, window: null };
    },

    getEvent,

    async createEvent(calendarId, draft, key, signal) {
      const id = googleEventIdFor(key);
      try {
        const res = await executor.run(
          (auth) => rest.insertEvent(auth, calendarId, { ...toGoogleEvent(draft), id }, { signal }),
          eventsCall(signal),
        );
        return toLiveEvent(res.data);
      } catch (error) {
        if (!(error instanceof ProviderError && error.code === 'provider_conflict')) throw error;
        return adoptExisting(calendarId, id, draft, error, signal);
      }
    },

    updateEvent,

    async deleteEvent(calendarId, remoteId, revision, signal) {
      try {
        await executor.run(
          (auth) => rest.deleteEvent(auth, calendarId, remoteId, { signal, ifMatch: revision }),
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

function liveOrBad(read: GoogleEventRead): RemoteEvent {
  if (read.kind === 'live') return read.event;
  throw googleBadResponse(`event ${read.remoteId} is not live after it was restored`);
}

/** 404, or 410 (Google's answer for an event deleted already). */
function isGone(error: unknown): boolean {
  return error instanceof ProviderError && error.code === 'provider_not_found';
}
