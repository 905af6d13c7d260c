// The WebDAV requests sync needs, made with tsdav (which builds the XML and
// parses the multistatus) and read back through zod: a multistatus is a list of
// members, each with its own status, and one member's 404 is news (a deletion),
// not a failure of the whole request — which is why multiget and sync-collection
// go through davRequest rather than tsdav's helpers that throw on any non-2xx.
import { davRequest, propfind, type DAVResponse } from 'tsdav';
import { z } from 'zod';
import { caldavBadResponse, caldavStatusError, httpCause } from './caldav-errors';
import type { CaldavHttp } from './caldav-http';

const NS = { 'xmlns:d': 'DAV:', 'xmlns:c': 'urn:ietf:params:xml:ns:caldav', 'xmlns:cs': 'http://calendarserver.org/ns/' };

const Member = z.object({
  href: z.unknown().optional(),
  status: z.number(),
  props: z.record(z.string(), z.unknown()).optional(),
});

export interface DavMember {
  /** Absolute path, the same form whatever the server wrote (path or full URL). */
  path: string;
  status: number;
  props: Record<string, unknown>;
}

export type Multistatus = { kind: 'multistatus'; members: DavMember[]; syncToken: string | null } | { kind: 'status'; status: number };

/** xml-js gives text as a string, a number or boolean (it guesses types), or {_cdata}/{_text}. */
export function davText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object') {
    const o = value as { _cdata?: unknown; _text?: unknown };
    if (typeof o._cdata === 'string') return o._cdata;
    if (typeof o._text === 'string' || typeof o._text === 'number') return String(o._text);
  }
  return null;
}

function hrefsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(davText).filter((h): h is string => h !== null && h.trim() !== '');
}

/**
 * The absolute path of an href, in one canonical spelling (each segment decoded
 * and encoded again), so "/a@b/x.ics", "/a%40b/x.ics" and a full URL all match.
 */
export function pathOf(href: string, base: string): string {
  return new URL(href.trim(), base).pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Reads what tsdav's davRequest returned for a request to `url`. */
export function readMultistatus(responses: DAVResponse[], url: string): Multistatus {
  const first = responses[0];
  const raw: unknown = first?.raw;
  const multistatus = raw && typeof raw === 'object' ? (raw as { multistatus?: unknown }).multistatus : undefined;
  if (!first || multistatus === undefined || multistatus === null) {
    // Not a multistatus: the request as a whole was answered with this status.
    return { kind: 'status', status: first?.status ?? 0 };
  }
  const members: DavMember[] = [];
  for (const r of responses) {
    const parsed = Member.safeParse(r);
    if (!parsed.success) throw caldavBadResponse(url, parsed.error);
    for (const href of hrefsOf(parsed.data.href)) {
      members.push({ path: pathOf(href, url), status: parsed.data.status, props: parsed.data.props ?? {} });
    }
  }
  const token = typeof multistatus === 'object' ? davText((multistatus as { syncToken?: unknown }).syncToken) : null;
  return { kind: 'multistatus', members, syncToken: token };
}

function expectMultistatus(ms: Multistatus, method: string, url: string): Extract<Multistatus, { kind: 'multistatus' }> {
  if (ms.kind === 'multistatus') return ms;
  if (ms.status >= 200 && ms.status < 300) throw caldavBadResponse(url, httpCause('answered without a multistatus', { method, url, status: ms.status }), ms.status);
  throw caldavStatusError({ method, url, status: ms.status }, 'failed');
}

export async function propfindMembers(
  http: CaldavHttp,
  url: string,
  props: Record<string, unknown>,
  depth: '0' | '1',
  signal?: AbortSignal,
): Promise<DavMember[]> {
  const responses = await propfind({ url, props, depth, fetch: http.fetch, fetchOptions: signal ? { signal } : {} });
  return expectMultistatus(readMultistatus(responses, url), 'PROPFIND', url).members;
}

/** calendar-multiget (RFC 4791 §7.9): etag and data of each href; a 404 member means it is gone. */
export async function multiget(http: CaldavHttp, calendarUrl: string, paths: string[], signal?: AbortSignal): Promise<DavMember[]> {
  const responses = await davRequest({
    url: calendarUrl,
    init: {
      method: 'REPORT',
      headers: { depth: '1' },
      namespace: 'c',
      body: { 'c:calendar-multiget': { _attributes: NS, 'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} }, 'd:href': paths } },
    },
    fetch: http.fetch,
    fetchOptions: signal ? { signal } : {},
  });
  return expectMultistatus(readMultistatus(responses, calendarUrl), 'REPORT', calendarUrl).members;
}

/** sync-collection (RFC 6578); the raw answer, since a refusal here means "use the fallback". */
export async function syncCollectionReport(http: CaldavHttp, calendarUrl: string, token: string, signal?: AbortSignal): Promise<Multistatus> {
  const responses = await davRequest({
    url: calendarUrl,
    init: {
      method: 'REPORT',
      namespace: 'd',
      body: {
        'd:sync-collection': { _attributes: NS, 'd:sync-token': token, 'd:sync-level': 1, 'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} } },
      },
    },
    fetch: http.fetch,
    fetchOptions: signal ? { signal } : {},
  });
  return readMultistatus(responses, calendarUrl);
}

export function memberEtag(m: DavMember): string | null {
  return davText(m.props.getetag);
}

export function memberData(m: DavMember): string | null {
  return davText(m.props.calendarData);
}
