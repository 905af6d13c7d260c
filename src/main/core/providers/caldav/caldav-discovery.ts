// Finding the user's calendars from a server URL (RFC 6764 well-known redirect,
// then current-user-principal and calendar-home-set, RFC 5397 / RFC 4791 §6.2),
// listing them, and making a new one. tsdav does the walking; we tell the
// failures apart: a wrong password, nothing listening there, or a server that
// answers but is not CalDAV each get their own message.
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { createAccount, makeCalendar } from 'tsdav';
import { ProviderError } from '../../../../shared/errors';
import type { CalendarInfo } from '../provider';
import { davText, propfindMembers, readMultistatus, type DavMember } from './caldav-dav';
import { CaldavAuthError, CaldavNotCaldavError, CaldavUnreachableError, caldavStatusError } from './caldav-errors';
import type { CaldavHttp } from './caldav-http';
import { isUtcZone, vtimezoneFor } from './caldav-time';

export interface CaldavAccountUrls {
  principalUrl: string;
  homeUrl: string;
}

export interface DiscoveredCalendar extends CalendarInfo {
  /** The collection's absolute URL; also its id. */
  id: string;
}

/** Walks from the URL the user typed to their calendar home. */
export async function discoverAccount(http: CaldavHttp, signal?: AbortSignal): Promise<CaldavAccountUrls> {
  const seen: ProviderError[] = [];
  // tsdav tries several roots and keeps only the last error; remember them all,
  // so a 401 on the first root is not reported as "not CalDAV" from the last.
  const watching: typeof http.fetch = async (input, init) => {
    try {
      return await http.fetch(input, init);
    } catch (error) {
      if (error instanceof ProviderError) seen.push(error);
      throw error;
    }
  };
  try {
    const account = await createAccount({
      account: { serverUrl: http.serverUrl, accountType: 'caldav', credentials: {} },
      fetch: watching,
      fetchOptions: signal ? { signal } : {},
    });
    if (!account.principalUrl || !account.homeUrl) throw new Error('no principal or calendar home');
    http.trust(account.principalUrl);
    http.trust(account.homeUrl);
    return { principalUrl: account.principalUrl, homeUrl: account.homeUrl };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const auth = seen.find((e) => e instanceof CaldavAuthError);
    if (auth) throw auth;
    if (error instanceof ProviderError) throw error;
    const unreachable = seen.find((e) => e instanceof CaldavUnreachableError);
    if (unreachable) throw unreachable;
    throw new CaldavNotCaldavError(http.serverUrl, error instanceof Error ? new Error(error.message) : undefined);
  }
}

const LIST_PROPS = {
  'd:displayname': {},
  'd:resourcetype': {},
  'c:supported-calendar-component-set': {},
  'd:current-user-privilege-set': {},
};

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  return value && typeof value === 'object' ? Object.keys(value) : [];
}

function componentNames(set: unknown): string[] {
  const comps = set && typeof set === 'object' ? (set as { comp?: unknown }).comp : undefined;
  const list = Array.isArray(comps) ? comps : comps === undefined ? [] : [comps];
  return list
    .map((c) => (c && typeof c === 'object' ? (c as { _attributes?: { name?: unknown } })._attributes?.name : undefined))
    .filter((n): n is string => typeof n === 'string')
    .map((n) => n.toUpperCase());
}

function canWrite(m: DavMember): boolean {
  const set = m.props.currentUserPrivilegeSet;
  // Servers that do not say (Radicale's owner_only rights) let the owner write.
  if (set === undefined || set === null || set === '') return true;
  const privileges = Array.isArray(set) ? set : [set];
  const granted = privileges.flatMap((p) => keysOf(p && typeof p === 'object' ? (p as { privilege?: unknown }).privilege : undefined));
  return granted.some((p) => ['write', 'writeContent', 'all'].includes(p));
}

/** The calendars under the home that can hold events; the first writable one is the main one. */
export async function listAccountCalendars(http: CaldavHttp, homeUrl: string, signal?: AbortSignal): Promise<DiscoveredCalendar[]> {
  const members = await propfindMembers(http, homeUrl, LIST_PROPS, '1', signal);
  const calendars: DiscoveredCalendar[] = [];
  for (const m of members) {
    if (m.status < 200 || m.status >= 300) continue;
    if (!keysOf(m.props.resourcetype).includes('calendar')) continue;
    const components = componentNames(m.props.supportedCalendarComponentSet);
    if (components.length > 0 && !components.includes('VEVENT')) continue;
    const url = new URL(m.path, homeUrl).href;
    const name = davText(m.props.displayname);
    calendars.push({ id: url, name: name && name.trim() !== '' ? name : decodeURIComponent(url.split('/').filter(Boolean).pop() ?? url), primary: false, canWrite: canWrite(m) });
  }
  const main = calendars.find((c) => c.canWrite);
  if (main) main.primary = true;
  return calendars;
}

/** MKCALENDAR (RFC 4791 §5.3.1) for events only, under the home. */
export async function makeEventCalendar(
  http: CaldavHttp,
  homeUrl: string,
  name: string,
  timeZone: string,
  now: Date,
  signal?: AbortSignal,
): Promise<DiscoveredCalendar> {
  const url = new URL(`${randomUUID()}/`, homeUrl.endsWith('/') ? homeUrl : `${homeUrl}/`).href;
  const props: Record<string, unknown> = {
    'd:displayname': name,
    'c:calendar-description': 'Interviews and follow-ups from Career Copilot, kept in sync by Career Copilot Calendar.',
    'c:supported-calendar-component-set': { 'c:comp': { _attributes: { name: 'VEVENT' } } },
  };
  if (!isUtcZone(timeZone)) {
    const vcalendar = new ICAL.Component('vcalendar');
    vcalendar.addPropertyWithValue('version', '2.0');
    vcalendar.addPropertyWithValue('prodid', '-//Career Copilot//Career Copilot Calendar//EN');
    vcalendar.addSubcomponent(vtimezoneFor(timeZone, now.getTime(), now.getTime()));
    props['c:calendar-timezone'] = { _cdata: vcalendar.toString() };
  }
  const responses = await makeCalendar({ url, props, fetch: http.fetch, fetchOptions: signal ? { signal } : {} });
  const answer = readMultistatus(responses, url);
  const status = answer.kind === 'status' ? answer.status : (answer.members.find((m) => m.status >= 300)?.status ?? 201);
  if (status < 200 || status >= 300) throw caldavStatusError({ method: 'MKCALENDAR', url, status }, 'failed');
  return { id: url, name, primary: false, canWrite: true };
}
