// CalendarProvider for Outlook / Microsoft 365 through Microsoft Graph (DESIGN
// §5, §6): the official Graph client pointed at config.graphRoot, every request
// through the account's pause gate, rate limiter (4 concurrent per mailbox) and
// retry loop, idempotent creates under a transactionId derived from the create
// key, PATCH of our fields only (attendees or a Teams link the user added stay),
// If-Match with the event's etag, and listing by calendarView/delta over the
// window the engine passes. calendarId 'default' is the user's default calendar
// (/me/calendar), so connecting needs no request to learn its id.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ProviderError } from '../../../../shared/errors';
import { DEFAULT_DELTA_PAGE_SIZE, DEFAULT_MS_MAX_CONCURRENT, DEFAULT_MS_REQUESTS_PER_10_MINUTES, type MicrosoftConfig } from '../../auth/microsoft-config';
import type { Clock, Fetch, Timers } from '../../ports';
import { RateLimiter } from '../../scheduler/rate-limiter';
import type { SecretStore } from '../../secrets/secret-store';
import type { CalendarInfo, CalendarProvider, EventDraft, ListingWindow, RemoteEvent } from '../provider';
import { CreateBatcher } from './microsoft-batch';
import { eventPath, expandedEventPath, listCalendarChanges, TagCache } from './microsoft-changes';
import { microsoftBadResponse, parseGraphEvent, sourceTagOf, toGraphEvent, toRemoteEvent } from './microsoft-event-mapping';
import { createGraphClient } from './microsoft-graph-client';
import { GraphCalls } from './microsoft-graph-calls';
import { GraphRequestExecutor, PauseGate, type RetryPolicy } from './microsoft-request-executor';
import { MicrosoftSession } from './microsoft-session';

export interface MicrosoftProviderDeps {
  config: MicrosoftConfig;
  secrets: SecretStore;
  accountId: string;
  clock: Clock;
  timers: Timers;
  fetch: Fetch;
  onTokenRefreshed?: () => void;
  onAuthLost?: (reason: string) => void;
  /** For backoff jitter; Math.random by default. */
  random?: () => number;
  retryPolicy?: RetryPolicy;
}

/** The user's default calendar, as Graph's /me/calendar names it. */
export const DEFAULT_CALENDAR = 'default';
/** Used only when the engine passes no window: the recent past and the year ahead. */
const FALLBACK_WINDOW = { pastDays: 90, futureDays: 366 };

const CalendarJson = z.object({ id: z.string().min(1), name: z.string().nullish(), isDefaultCalendar: z.boolean().nullish(), canEdit: z.boolean().nullish() }).loose();
const CalendarPage = z.object({ value: z.array(CalendarJson), '@odata.nextLink': z.string().optional() }).loose();

export function createMicrosoftProvider(deps: MicrosoftProviderDeps): CalendarProvider {
  const { config, clock } = deps;
  // Graph requests actually sent, retries and $batch envelopes included; token requests are not.
  let requests = 0;
  const graph = createGraphClient(config.graphRoot, deps.fetch, () => {
    requests += 1;
  });
  const session = new MicrosoftSession({ config, secrets: deps.secrets, accountId: deps.accountId, fetch: deps.fetch, clock, onTokenRefreshed: deps.onTokenRefreshed, onAuthLost: deps.onAuthLost });
  const limiter = new RateLimiter({
    maxRequests: config.requestsPer10Minutes ?? DEFAULT_MS_REQUESTS_PER_10_MINUTES,
    windowMs: 10 * 60_000,
    maxConcurrent: config.maxConcurrent ?? DEFAULT_MS_MAX_CONCURRENT,
    clock,
    timers: deps.timers,
  });
  const executor = new GraphRequestExecutor({ session, limiter, gate: new PauseGate(clock, deps.timers), clock, timers: deps.timers, random: deps.random ?? Math.random, policy: deps.retryPolicy });
  const calls = new GraphCalls(graph, executor);
  const batcher = new CreateBatcher(calls, executor, clock);
  const tags = new TagCache();
  const useBatch = config.useBatch ?? true;

  const eventsPath = (calendarId: string): string => (calendarId === DEFAULT_CALENDAR ? '/me/calendar/events' : `/me/calendars/${encodeURIComponent(calendarId)}/events`);

  /** Our own write: the tag is the draft's. */
  const written = (json: unknown, draft: EventDraft): RemoteEvent => {
    const event = parseGraphEvent(json);
    tags.set(event.id, draft.sourceId);
    return toRemoteEvent(event, draft.sourceId);
  };

  async function listCalendars(signal?: AbortSignal): Promise<CalendarInfo[]> {
    const out: CalendarInfo[] = [];
    for (let url: string | undefined = '/me/calendars?$top=100'; url; ) {
      const parsed = CalendarPage.safeParse(await calls.get(url, { signal, need: 'calendars' }));
      if (!parsed.success) throw microsoftBadResponse('a calendar list without a value list', parsed.error);
      for (const c of parsed.data.value) out.push({ id: c.id, name: c.name ?? c.id, primary: c.isDefaultCalendar === true, canWrite: c.canEdit !== false });
      url = parsed.data['@odata.nextLink'];
    }
    return out;
  }

  return {
    kind: 'microsoft',
    capabilities: { windowedListing: true, listAfterWrites: false },

    listCalendars,

    async createCalendar(name, _timeZone, signal) {
      // Outlook calendars have no zone of their own; events carry theirs.
      try {
        const parsed = CalendarJson.safeParse(await calls.post('/me/calendars', { name }, { signal, need: 'calendars' }));
        if (!parsed.success) throw microsoftBadResponse('a calendar without an id', parsed.error);
        return { id: parsed.data.id, name: parsed.data.name ?? name, primary: false, canWrite: true };
      } catch (error) {
        // ErrorFolderExists: a calendar of that name is there already (an earlier attempt, or the user's): use it.
        if (!(error instanceof ProviderError && error.code === 'provider_conflict')) throw error;
        const existing = (await listCalendars(signal)).find((c) => c.name.toLowerCase() === name.toLowerCase());
        if (!existing) throw error;
        return existing;
      }
    },

    listChanges(calendarId, cursor, window, signal) {
      return listCalendarChanges({ calls, executor, clock, tags, pageSize: config.deltaPageSize ?? DEFAULT_DELTA_PAGE_SIZE }, calendarId, cursor, window ?? fallbackWindow(clock), signal);
    },

    async getEvent(_calendarId, remoteId, signal) {
      try {
        const event = parseGraphEvent(await calls.get(expandedEventPath(remoteId), { signal }));
        const tag = sourceTagOf(event);
        tags.set(event.id, tag);
        return toRemoteEvent(event, tag);
      } catch (error) {
        if (error instanceof ProviderError && error.code === 'provider_not_found') return null;
        throw error;
      }
    },

    async createEvent(calendarId, draft, key, signal) {
      const body = toGraphEvent(draft, { key, calendarId });
      // The same transactionId makes Graph answer a retried create with the event it already made.
      const json = useBatch ? await batcher.create(eventsPath(calendarId), body, signal) : await calls.post(eventsPath(calendarId), body, { signal });
      return written(json, draft);
    },

    async updateEvent(_calendarId, remoteId, draft, revision, signal) {
      const json = await calls.patch(eventPath(remoteId), toGraphEvent(draft, null), { signal, headers: revision ? { 'If-Match': revision } : {} });
      return written(json, draft);
    },

    async deleteEvent(_calendarId, remoteId, revision, signal) {
      try {
        await calls.delete(eventPath(remoteId), { signal, headers: revision ? { 'If-Match': revision } : {} });
      } catch (error) {
        if (!(error instanceof ProviderError && error.code === 'provider_not_found')) throw error;
      }
      tags.delete(remoteId);
    },

    requestCount: () => requests,
  };
}

function fallbackWindow(clock: Clock): ListingWindow {
  const now = DateTime.fromJSDate(clock.now(), { zone: 'utc' }).startOf('day');
  return { start: now.minus({ days: FALLBACK_WINDOW.pastDays }).toISO() ?? '', end: now.plus({ days: FALLBACK_WINDOW.futureDays }).toISO() ?? '' };
}
