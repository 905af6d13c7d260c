// Maps method + path to a named route, named as Google names its API methods
// (events.list, oauth.token, ...); stats().byRoute counts by these names.

export type RouteName =
  | 'oauth.authorize'
  | 'oauth.decision'
  | 'oauth.token'
  | 'oauth.revoke'
  | 'oauth.userinfo'
  | 'calendarList.list'
  | 'calendarList.get'
  | 'calendars.insert'
  | 'calendars.get'
  | 'events.list'
  | 'events.insert'
  | 'events.get'
  | 'events.update'
  | 'events.patch'
  | 'events.delete';

export interface ResolvedRoute {
  name: RouteName;
  calendarId?: string;
  eventId?: string;
}

export const API_PREFIX = '/calendar/v3/';

const OAUTH: Record<string, { method: string[]; name: RouteName }> = {
  '/o/oauth2/v2/auth': { method: ['GET'], name: 'oauth.authorize' },
  '/o/oauth2/v2/auth/decision': { method: ['GET'], name: 'oauth.decision' },
  '/token': { method: ['POST'], name: 'oauth.token' },
  '/revoke': { method: ['POST', 'GET'], name: 'oauth.revoke' },
  '/v1/userinfo': { method: ['GET', 'POST'], name: 'oauth.userinfo' },
};

export const isApiPath = (pathname: string): boolean => pathname.startsWith(API_PREFIX);

/** null when nothing answers there (Google's 404). */
export function resolveRoute(method: string, pathname: string): ResolvedRoute | null {
  const oauth = OAUTH[pathname];
  if (oauth) return oauth.method.includes(method) ? { name: oauth.name } : null;
  if (!isApiPath(pathname)) return null;
  let parts: string[];
  try {
    parts = pathname.slice(API_PREFIX.length).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [a, b, c, d, e] = parts;
  if (a === 'users' && b === 'me' && c === 'calendarList') {
    if (parts.length === 3 && method === 'GET') return { name: 'calendarList.list' };
    if (parts.length === 4 && d && method === 'GET') return { name: 'calendarList.get', calendarId: d };
    return null;
  }
  if (a !== 'calendars') return null;
  if (parts.length === 1 && method === 'POST') return { name: 'calendars.insert' };
  if (!b) return null;
  if (parts.length === 2 && method === 'GET') return { name: 'calendars.get', calendarId: b };
  if (c !== 'events') return null;
  if (parts.length === 3) {
    if (method === 'GET') return { name: 'events.list', calendarId: b };
    if (method === 'POST') return { name: 'events.insert', calendarId: b };
    return null;
  }
  if (parts.length !== 4 || !d) return null;
  const byMethod: Record<string, RouteName> = { GET: 'events.get', PUT: 'events.update', PATCH: 'events.patch', DELETE: 'events.delete' };
  const name = byMethod[method];
  return name && e === undefined ? { name, calendarId: b, eventId: d } : null;
}
