// The Calendar v3 methods the app uses: calendarList, calendars.insert/get and
// events.*. Scope checks come first (Google rejects before the backend looks at
// the calendar), then the calendar, then preconditions (If-Match), then the write.
// A deleted event leaves every method as a bare tombstone (see onTheWire).
import type { IncomingHttpHeaders } from 'node:http';
import { IANAZone } from 'luxon';
import { onTheWire, type CalendarStore, type StoredCalendar, type StoredEvent } from './google-calendar-store';
import { conditionNotMet, deleted, insufficientScopes, invalid, notFound, required } from './google-errors';
import { readEventWrite } from './google-event-write';
import { listEvents } from './google-events-list';
import { parseJsonObject } from './google-http';
import type { Reply } from './google-oauth';
import type { ResolvedRoute } from './google-routes';
import { checkScope, type CalendarAccess } from './google-scopes';
import type { Grant } from './google-tokens';

export interface ApiRequest {
  route: ResolvedRoute;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  grant: Grant;
  /** Most events per events.list page on this server. */
  eventsPageCap: number;
}

export interface ApiResult {
  reply: Reply;
  /** True when the request changed the calendar (counted in stats().writes). */
  wrote: boolean;
}

const ACCESS: Record<string, CalendarAccess> = {
  'calendarList.list': 'calendarListRead',
  'calendarList.get': 'calendarListRead',
  'calendars.insert': 'calendarsInsert',
  'calendars.get': 'calendarsRead',
  'events.list': 'eventsRead',
  'events.get': 'eventsRead',
  'events.insert': 'eventsWrite',
  'events.update': 'eventsWrite',
  'events.patch': 'eventsWrite',
  'events.delete': 'eventsWrite',
};

const ok = (payload: unknown, wrote = false, headers: Record<string, string> = {}): ApiResult => ({ reply: { status: 200, payload, headers }, wrote });

export function handleCalendarApi(store: CalendarStore, req: ApiRequest): ApiResult {
  const { route, grant } = req;
  const access = ACCESS[route.name];
  if (!access) throw notFound();
  const cal = route.calendarId !== undefined ? store.find(route.calendarId) : null;
  const verdict = checkScope(grant.scopes, access, cal ? cal.createdBy === grant.clientId : false);
  if (verdict === 'insufficient') throw insufficientScopes();
  if (verdict === 'hidden') throw notFound();
  if (route.calendarId !== undefined && !cal) throw notFound();

  switch (route.name) {
    case 'calendarList.list':
      return ok(calendarList(store, req.query));
    case 'calendarList.get':
      return ok(calendarListEntry(cal as StoredCalendar));
    case 'calendars.insert':
      return ok(insertCalendar(store, req), true);
    case 'calendars.get':
      return ok(calendarResource(cal as StoredCalendar));
    case 'events.list':
      return ok(listEvents(store, cal as StoredCalendar, req.query, req.eventsPageCap));
    default:
      return eventMethod(store, cal as StoredCalendar, req);
  }
}

function eventMethod(store: CalendarStore, cal: StoredCalendar, req: ApiRequest): ApiResult {
  const { route, headers } = req;
  if (route.name === 'events.insert') {
    const body = parseJsonObject(req.body);
    const id = body.id === undefined || body.id === null ? null : String(body.id);
    const write = readEventWrite(body, 'insert', null, cal.timeZone);
    return ok(onTheWire(store.insertEvent(cal, id, write).resource), true);
  }
  const stored = cal.events.get(route.eventId ?? '');
  if (!stored) throw notFound();
  switch (route.name) {
    case 'events.get': {
      if (headers['if-none-match'] === stored.resource.etag) return { reply: { status: 304, headers: { ETag: stored.resource.etag } }, wrote: false };
      return ok(onTheWire(stored.resource), false, { ETag: stored.resource.etag });
    }
    case 'events.update':
    case 'events.patch': {
      checkIfMatch(headers, stored);
      const body = parseJsonObject(req.body);
      const write = readEventWrite(body, route.name === 'events.patch' ? 'patch' : 'update', stored.resource, cal.timeZone);
      store.updateEvent(cal, stored, write);
      return ok(onTheWire(stored.resource), true);
    }
    case 'events.delete': {
      if (stored.resource.status === 'cancelled') throw deleted();
      checkIfMatch(headers, stored);
      store.cancelEvent(cal, stored);
      return { reply: { status: 204 }, wrote: true };
    }
    default:
      throw notFound();
  }
}

function checkIfMatch(headers: IncomingHttpHeaders, stored: StoredEvent): void {
  const expected = headers['if-match'];
  if (expected === undefined || expected === '*') return;
  const candidates = expected.split(',').map((s) => s.trim());
  if (!candidates.includes(stored.resource.etag)) throw conditionNotMet();
}

/** A calendar list entry is the calendar resource plus the user's view of it. */
function calendarListEntry(cal: StoredCalendar): Record<string, unknown> {
  return {
    ...calendarResource(cal),
    kind: 'calendar#calendarListEntry',
    colorId: cal.primary ? '14' : '7',
    backgroundColor: cal.primary ? '#9fe1e7' : '#42d692',
    foregroundColor: '#000000',
    selected: true,
    accessRole: 'owner',
    defaultReminders: cal.primary ? [{ method: 'popup', minutes: 10 }] : [],
    ...(cal.primary ? { notificationSettings: { notifications: [{ type: 'eventCreation', method: 'email' }] }, primary: true } : {}),
  };
}

/** Offset paging over the (small, rarely changing) calendar list. */
function calendarList(store: CalendarStore, query: URLSearchParams): Record<string, unknown> {
  const rawMax = query.get('maxResults');
  const max = rawMax === null ? 100 : Number(rawMax);
  if (!Number.isInteger(max) || max < 1) throw invalid(`Invalid value '${rawMax ?? ''}'. Values must be within the range: [1, 250]`, 'maxResults');
  const size = Math.min(max, 250);
  const pageToken = query.get('pageToken');
  const offset = pageToken === null ? 0 : Number.parseInt(Buffer.from(pageToken, 'base64url').toString('utf8').replace(/^cl:/, ''), 10);
  if (!Number.isInteger(offset) || offset < 0) throw invalid('Invalid page token value.', 'pageToken');
  const all = [...store.calendars.values()];
  const items = all.slice(offset, offset + size).map(calendarListEntry);
  const body: Record<string, unknown> = { kind: 'calendar#calendarList', etag: store.nextEtag() };
  if (offset + size < all.length) body.nextPageToken = Buffer.from(`cl:${offset + size}`).toString('base64url');
  body.items = items;
  return body;
}

function insertCalendar(store: CalendarStore, req: ApiRequest): Record<string, unknown> {
  const body = parseJsonObject(req.body);
  if (typeof body.summary !== 'string' || body.summary.trim() === '') throw required('Missing title.');
  const tz = body.timeZone ?? 'UTC';
  if (typeof tz !== 'string' || !IANAZone.isValidZone(tz)) throw invalid('Invalid time zone definition.', 'timeZone');
  const description = typeof body.description === 'string' ? body.description : undefined;
  return calendarResource(store.createCalendar(body.summary, tz, description, req.grant.clientId));
}

function calendarResource(cal: StoredCalendar): Record<string, unknown> {
  return {
    kind: 'calendar#calendar',
    etag: cal.etag,
    id: cal.id,
    summary: cal.summary,
    ...(cal.description !== undefined ? { description: cal.description } : {}),
    timeZone: cal.timeZone,
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
}
