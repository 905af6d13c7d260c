// The Graph v1.0 resources the app uses, for the signed-in user (/me): the
// profile, calendars, events (create with transactionId dedup, get with
// $expand of extended properties, PATCH and DELETE with If-Match on the
// changeKey) and calendarView/delta. Permission checks come first, then the
// resource, then preconditions, then the write — the order Graph answers in.
import { accessDenied, badRequest, idMalformed, insufficientPrivileges, irresolvableConflict, itemNotFound, GraphFailure, segmentNotFound } from './microsoft-errors';
import { calendarViewDelta } from './microsoft-delta';
import { readEventFields } from './microsoft-event-write';
import { readExpand, renderEvent } from './microsoft-event-json';
import { parseJsonObject, readPrefer, type Json } from './microsoft-http';
import type { Mailbox, StoredCalendar, StoredEvent } from './microsoft-mailbox';

export interface Operation {
  method: string;
  /** The path after the version segment, e.g. /me/events/AAMk… */
  path: string;
  query: URLSearchParams;
  /** Lowercased names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface ApiUser {
  email: string;
  displayName: string;
  personal: boolean;
  oid: string;
}

export interface ApiContext {
  mailbox: Mailbox;
  /** https://127.0.0.1:<port> */
  base: string;
  user: ApiUser;
  scopes: ReadonlySet<string>;
  defaultPageSize: number;
  maxPageSize: number;
}

export interface ApiResult {
  status: number;
  payload?: Json;
  headers?: Record<string, string>;
  wrote?: boolean;
}

type Need = 'profile' | 'read' | 'write';

export interface ResolvedRoute {
  name: string;
  need: Need;
  run(ctx: ApiContext, op: Operation): ApiResult;
}

const READ_SCOPES = ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'];
const WRITE_SCOPES = ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'];
const PROFILE_SCOPES = ['User.Read', 'User.ReadBasic.All'];
const KNOWN_SEGMENTS = new Set(['calendar', 'calendars', 'events', 'calendarView', 'delta']);

/** Graph names the first path segment it cannot resolve; a wrong method is 405. */
export function resolveRoute(method: string, path: string): ResolvedRoute {
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  if (segments[0] !== 'me') throw segmentNotFound(segments[0] ?? '');
  const rest = segments.slice(1);
  const is = (...shape: string[]): boolean => rest.length === shape.length && shape.every((s, i) => s === '*' || s === rest[i]);
  const pick = (routes: Partial<Record<string, ResolvedRoute>>): ResolvedRoute => {
    const route = routes[method];
    if (!route) throw new GraphFailure(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed for this resource.`);
    return route;
  };
  const calendarOf = (ctx: ApiContext): string => (rest[0] === 'calendars' ? (rest[1] as string) : ctx.mailbox.defaultCalendarId);

  if (is()) return pick({ GET: { name: 'me.get', need: 'profile', run: (ctx) => ({ status: 200, payload: me(ctx) }) } });
  if (is('calendar')) return pick({ GET: { name: 'calendars.get', need: 'read', run: (ctx) => ({ status: 200, payload: calendarJson(ctx, ctx.mailbox.calendar(ctx.mailbox.defaultCalendarId)) }) } });
  if (is('calendars')) {
    return pick({
      GET: { name: 'calendars.list', need: 'read', run: (ctx, op) => ({ status: 200, payload: listCalendars(ctx, op.query) }) },
      POST: { name: 'calendars.create', need: 'write', run: createCalendar },
    });
  }
  if (is('calendars', '*')) return pick({ GET: { name: 'calendars.get', need: 'read', run: (ctx) => ({ status: 200, payload: calendarJson(ctx, ctx.mailbox.calendar(rest[1] as string)) }) } });
  if (is('calendarView', 'delta') || is('calendar', 'calendarView', 'delta') || is('calendars', '*', 'calendarView', 'delta')) {
    return pick({
      GET: {
        name: 'calendarView.delta',
        need: 'read',
        run: (ctx, op) => {
          const calendarId = calendarOf(ctx);
          ctx.mailbox.calendar(calendarId);
          const prefer = readPrefer(op.headers.prefer);
          const payload = calendarViewDelta(ctx.mailbox, ctx.base, { calendarId, path: path.replace(/\?.*$/, ''), query: op.query, prefer, render: { organizer: organizer(ctx) } }, ctx.defaultPageSize, ctx.maxPageSize);
          const applied = [prefer.timeZone !== null ? `outlook.timezone="${prefer.timeZone}"` : null, prefer.maxPageSize !== null ? `odata.maxpagesize=${Math.min(prefer.maxPageSize, ctx.maxPageSize)}` : null, 'odata.track-changes'].filter(Boolean).join(',');
          return { status: 200, payload, headers: { 'Preference-Applied': applied } };
        },
      },
    });
  }
  if (is('events') || is('calendar', 'events') || is('calendars', '*', 'events')) {
    return pick({ POST: { name: 'events.create', need: 'write', run: (ctx, op) => createEvent(ctx, op, calendarOf(ctx)) } });
  }
  if (is('events', '*') || is('calendar', 'events', '*') || is('calendars', '*', 'events', '*')) {
    const eventId = rest[rest.length - 1] as string;
    const find = (ctx: ApiContext): StoredEvent => {
      if (!/^AAMk[A-Za-z0-9_-]+=*$/.test(eventId)) throw idMalformed();
      const e = ctx.mailbox.event(eventId);
      if (rest[0] !== 'events' && e.calendarId !== calendarOf(ctx)) throw itemNotFound();
      return e;
    };
    return pick({
      GET: { name: 'events.get', need: 'read', run: (ctx, op) => eventReply(ctx, op, find(ctx), 200) },
      PATCH: {
        name: 'events.update',
        need: 'write',
        run: (ctx, op) => {
          const e = find(ctx);
          checkIfMatch(op, e);
          ctx.mailbox.updateEvent(e, readEventFields(parseJsonObject(op.body), 'update'));
          return { ...eventReply(ctx, op, e, 200), wrote: true };
        },
      },
      DELETE: {
        name: 'events.delete',
        need: 'write',
        run: (ctx, op) => {
          const e = find(ctx);
          checkIfMatch(op, e);
          ctx.mailbox.deleteEvent(e);
          return { status: 204, wrote: true };
        },
      },
    });
  }
  throw segmentNotFound(rest.find((s) => !KNOWN_SEGMENTS.has(s)) ?? rest[rest.length - 1] ?? 'me');
}

export function checkPermission(need: Need, scopes: ReadonlySet<string>): void {
  const has = (list: string[]): boolean => list.some((s) => scopes.has(s));
  if (need === 'profile' && !has(PROFILE_SCOPES)) throw insufficientPrivileges();
  if (need === 'read' && !has(READ_SCOPES)) throw accessDenied();
  if (need === 'write' && !has(WRITE_SCOPES)) throw accessDenied();
}

function createEvent(ctx: ApiContext, op: Operation, calendarId: string): ApiResult {
  ctx.mailbox.calendar(calendarId);
  const fields = readEventFields(parseJsonObject(op.body), 'create');
  // A retried create with the same transactionId gets the event the first one made.
  const existing = fields.transactionId ? ctx.mailbox.byTransactionId(fields.transactionId) : null;
  if (existing) return eventReply(ctx, op, existing, 201);
  const e = ctx.mailbox.insertEvent(calendarId, fields);
  return { ...eventReply(ctx, op, e, 201), wrote: true };
}

function eventReply(ctx: ApiContext, op: Operation, e: StoredEvent, status: number): ApiResult {
  const prefer = readPrefer(op.headers.prefer);
  let payload = renderEvent(e, { timeZone: prefer.timeZone, expand: readExpand(op.query.get('$expand')), organizer: organizer(ctx) });
  const select = op.query.get('$select');
  if (select !== null) {
    const keep = new Set(['@odata.etag', 'id', 'singleValueExtendedProperties', ...select.split(',').map((s) => s.trim())]);
    payload = Object.fromEntries(Object.entries(payload).filter(([k]) => keep.has(k)));
  }
  const headers: Record<string, string> = { ETag: `W/"${e.changeKey}"` };
  if (prefer.timeZone !== null) headers['Preference-Applied'] = `outlook.timezone="${prefer.timeZone}"`;
  return { status, payload: { '@odata.context': `${ctx.base}/v1.0/$metadata#users('${encodeURIComponent(ctx.user.email)}')/events/$entity`, ...payload }, headers };
}

/** If-Match carries the @odata.etag (W/"changeKey"); a list or * is accepted too. */
function checkIfMatch(op: Operation, e: StoredEvent): void {
  const raw = op.headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!raw.split(',').some((tag) => bare(tag) === e.changeKey)) throw irresolvableConflict();
}

function me(ctx: ApiContext): Json {
  const { user } = ctx;
  const [givenName, ...rest] = user.displayName.split(' ');
  return {
    '@odata.context': `${ctx.base}/v1.0/$metadata#users/$entity`,
    businessPhones: [],
    displayName: user.displayName,
    givenName: givenName ?? null,
    jobTitle: null,
    mail: user.personal ? null : user.email,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: rest.join(' ') || null,
    userPrincipalName: user.email,
    id: user.oid,
  };
}

const organizer = (ctx: ApiContext): { name: string; address: string } => ({ name: ctx.user.displayName, address: ctx.user.email });

function calendarJson(ctx: ApiContext, cal: StoredCalendar): Json {
  return {
    id: cal.id,
    name: cal.name,
    color: cal.color,
    hexColor: cal.hexColor,
    groupClassId: '0006f0b7-0000-0000-c000-000000000046',
    isDefaultCalendar: cal.isDefaultCalendar,
    changeKey: cal.changeKey,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ctx.user.personal ? ['skypeForConsumer'] : ['teamsForBusiness'],
    defaultOnlineMeetingProvider: ctx.user.personal ? 'skypeForConsumer' : 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: !cal.isDefaultCalendar,
    owner: { name: ctx.user.displayName, address: ctx.user.email },
  };
}

/** Graph pages the calendar list ten at a time by default ($top up to 1000), with $skip links. */
function listCalendars(ctx: ApiContext, query: URLSearchParams): Json {
  const top = query.get('$top') === null ? 10 : Number(query.get('$top'));
  const skip = query.get('$skip') === null ? 0 : Number(query.get('$skip'));
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw badRequest(`Invalid value '${query.get('$top') ?? ''}' for $top.`, 'ErrorInvalidUrlQuery');
  if (!Number.isInteger(skip) || skip < 0) throw badRequest(`Invalid value '${query.get('$skip') ?? ''}' for $skip.`, 'ErrorInvalidUrlQuery');
  const all = [...ctx.mailbox.calendars.values()];
  const body: Json = { '@odata.context': `${ctx.base}/v1.0/$metadata#users('${encodeURIComponent(ctx.user.email)}')/calendars`, value: all.slice(skip, skip + top).map((c) => calendarJson(ctx, c)) };
  if (skip + top < all.length) body['@odata.nextLink'] = `${ctx.base}/v1.0/me/calendars?$top=${top}&$skip=${skip + top}`;
  return body;
}

function createCalendar(ctx: ApiContext, op: Operation): ApiResult {
  const body = parseJsonObject(op.body);
  if (typeof body.name !== 'string' || body.name.trim() === '') throw badRequest('The calendar name is required.', 'ErrorInvalidRequest');
  const unknown = Object.keys(body).find((k) => !['name', 'color', 'hexColor'].includes(k));
  if (unknown) throw badRequest(`The property '${unknown}' does not exist on type 'microsoft.graph.calendar'.`, 'RequestBodyRead');
  return { status: 201, payload: calendarJson(ctx, ctx.mailbox.createCalendar(body.name)), wrote: true };
}
