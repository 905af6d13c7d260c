// What changed in a calendar collection since the last look. First choice is
// sync-collection (RFC 6578): one REPORT that answers with only the changed
// members (and a 404 for each one deleted), so a quiet sync costs a few hundred
// bytes whatever the calendar's size. A server that refuses it (403, 501, …)
// gets the fallback every CalDAV client knows: compare the collection's ctag,
// and when it moved, list every member's etag (PROPFIND Depth 1) and fetch the
// ones that differ from the etags the cursor carries.
import { z } from 'zod';
import { ProviderError } from '../../../../shared/errors';
import { parseJsonAs } from '../../../../shared/parse-json';
import { davText, memberData, memberEtag, multiget, pathOf, propfindMembers, syncCollectionReport, type DavMember } from './caldav-dav';
import { caldavBadResponse, caldavStatusError, httpCause } from './caldav-errors';
import type { CaldavHttp } from './caldav-http';

export const CaldavCursor = z.discriminatedUnion('mode', [
  z.object({ v: z.literal(1), mode: z.literal('sync'), token: z.string().min(1) }),
  z.object({ v: z.literal(1), mode: z.literal('etag'), ctag: z.string().nullable(), etags: z.record(z.string(), z.string()) }),
]);
export type CaldavCursor = z.infer<typeof CaldavCursor>;

export function parseCursor(text: string | null): CaldavCursor | null {
  return text === null ? null : parseJsonAs(CaldavCursor, text);
}

export interface FetchedObject {
  path: string;
  etag: string;
  data: string;
}

export interface RawListing {
  upserts: FetchedObject[];
  removed: string[];
  full: boolean;
  cursor: CaldavCursor;
  mode: 'sync' | 'etag';
}

/** Answers to a sync-collection REPORT that mean "not here": use the etag fallback (or start over, for a stale token). */
const REFUSED = new Set([400, 403, 405, 409, 412, 415, 422, 501]);

export interface ListingOptions {
  /** hrefs per calendar-multiget. */
  batchSize: number;
  signal?: AbortSignal;
  /** The data of a member we already hold at this etag (what we wrote), so it is not fetched again. */
  known?: (path: string, etag: string) => string | undefined;
}

export async function listCollection(http: CaldavHttp, calendarUrl: string, cursor: CaldavCursor | null, options: ListingOptions): Promise<RawListing> {
  if (cursor?.mode === 'etag') return etagListing(http, calendarUrl, cursor, options);
  if (cursor?.mode === 'sync') {
    try {
      const incremental = await syncCollection(http, calendarUrl, cursor.token, options);
      if (incremental) return incremental;
      // A token the server no longer honours (RFC 6578 §3.2 valid-sync-token): start over.
    } catch (error) {
      // xandikos answers a token it does not know with 500. Starting over once
      // tells that apart from a server that is down: then this fails too.
      if (!(error instanceof ProviderError && error.status !== null && error.status >= 500)) throw error;
    }
  }
  return (await syncCollection(http, calendarUrl, '', options)) ?? etagListing(http, calendarUrl, null, options);
}

interface Seen {
  etag: string;
  data: string | null;
}

/** Null when the server refuses the report. */
async function syncCollection(http: CaldavHttp, calendarUrl: string, startToken: string, options: ListingOptions): Promise<RawListing | null> {
  const selfPath = pathOf(calendarUrl, calendarUrl);
  const changed = new Map<string, Seen>();
  const removed = new Set<string>();
  let token = startToken;
  // A server may truncate a long answer (507 on the collection itself); asking
  // again with the token it gave continues from there.
  for (let round = 0; ; round += 1) {
    const answer = await syncCollectionReport(http, calendarUrl, token, options.signal);
    if (answer.kind === 'status') {
      if (REFUSED.has(answer.status)) return null;
      if (answer.status >= 200 && answer.status < 300) {
        throw caldavBadResponse(calendarUrl, httpCause('answered sync-collection without a multistatus', { method: 'REPORT', url: calendarUrl, status: answer.status }));
      }
      throw caldavStatusError({ method: 'REPORT', url: calendarUrl, status: answer.status }, 'failed');
    }
    let truncated = false;
    for (const m of answer.members) {
      if (sameCollection(m.path, selfPath)) {
        truncated ||= m.status === 507;
        continue;
      }
      if (m.path.endsWith('/')) continue;
      if (m.status === 404 || m.status === 410) {
        changed.delete(m.path);
        removed.add(m.path);
      } else if (m.status >= 200 && m.status < 300) {
        const etag = memberEtag(m);
        if (etag === null) throw caldavBadResponse(calendarUrl, new Error(`sync-collection member ${m.path} without an etag`));
        removed.delete(m.path);
        changed.set(m.path, { etag, data: memberData(m) });
      }
    }
    if (answer.syncToken === null) throw caldavBadResponse(calendarUrl, new Error('sync-collection answer without a sync-token'));
    const advanced = answer.syncToken !== token;
    token = answer.syncToken;
    if (!truncated || !advanced || round > 1000) break;
  }
  const upserts = await withData(http, calendarUrl, changed, removed, options);
  return { upserts, removed: [...removed], full: startToken === '', cursor: { v: 1, mode: 'sync', token }, mode: 'sync' };
}

async function etagListing(http: CaldavHttp, calendarUrl: string, cursor: Extract<CaldavCursor, { mode: 'etag' }> | null, options: ListingOptions): Promise<RawListing> {
  const selfPath = pathOf(calendarUrl, calendarUrl);
  // The ctag first: a change landing during the listing moves it again, so the next sync looks again.
  const self = await propfindMembers(http, calendarUrl, { 'cs:getctag': {} }, '0', options.signal);
  const ctag = davText(self.find((m) => sameCollection(m.path, selfPath))?.props.getctag ?? self[0]?.props.getctag);
  if (cursor && ctag !== null && cursor.ctag === ctag) {
    return { upserts: [], removed: [], full: false, cursor, mode: 'etag' };
  }
  const members = await propfindMembers(http, calendarUrl, { 'd:getetag': {}, 'd:resourcetype': {} }, '1', options.signal);
  const current = new Map<string, string>();
  for (const m of members) {
    if (sameCollection(m.path, selfPath) || m.path.endsWith('/') || isCollection(m)) continue;
    if (m.status < 200 || m.status >= 300) continue;
    const etag = memberEtag(m);
    if (etag === null) throw caldavBadResponse(calendarUrl, new Error(`member ${m.path} without an etag`));
    current.set(m.path, etag);
  }
  const changed = new Map<string, Seen>();
  for (const [path, etag] of current) if (cursor?.etags[path] !== etag) changed.set(path, { etag, data: null });
  const removed = new Set<string>(cursor ? Object.keys(cursor.etags).filter((p) => !current.has(p)) : []);
  const upserts = await withData(http, calendarUrl, changed, removed, options);
  for (const p of removed) current.delete(p);
  // An object fetched under a newer etag than the listing's: remember the one we hold.
  for (const u of upserts) current.set(u.path, u.etag);
  return { upserts, removed: [...removed], full: cursor === null, cursor: { v: 1, mode: 'etag', ctag, etags: Object.fromEntries(current) }, mode: 'etag' };
}

/** Fills in data the listing did not carry, by calendar-multiget in batches; a member gone meanwhile is a removal. */
async function withData(http: CaldavHttp, calendarUrl: string, changed: Map<string, Seen>, removed: Set<string>, options: ListingOptions): Promise<FetchedObject[]> {
  for (const [path, seen] of changed) if (seen.data === null) seen.data = options.known?.(path, seen.etag) ?? null;
  const missing = [...changed].filter(([, s]) => s.data === null).map(([p]) => p);
  for (let i = 0; i < missing.length; i += options.batchSize) {
    const batch = missing.slice(i, i + options.batchSize);
    const members = await multiget(http, calendarUrl, batch, options.signal);
    const answered = new Set<string>();
    for (const m of members) {
      answered.add(m.path);
      if (m.status === 404 || m.status === 410) {
        changed.delete(m.path);
        removed.add(m.path);
        continue;
      }
      const data = memberData(m);
      const etag = memberEtag(m);
      if (m.status < 200 || m.status >= 300 || data === null || etag === null) {
        throw caldavBadResponse(calendarUrl, new Error(`calendar-multiget answered ${m.status} for ${m.path}`));
      }
      changed.set(m.path, { etag, data });
    }
    const unanswered = batch.filter((p) => !answered.has(p));
    if (unanswered.length > 0) throw caldavBadResponse(calendarUrl, new Error(`calendar-multiget left out ${unanswered.length} of ${batch.length} hrefs`));
  }
  return [...changed].map(([path, s]) => ({ path, etag: s.etag, data: s.data ?? '' }));
}

function sameCollection(path: string, selfPath: string): boolean {
  const trim = (p: string): string => (p.endsWith('/') ? p.slice(0, -1) : p);
  return trim(path) === trim(selfPath);
}

function isCollection(m: DavMember): boolean {
  const rt = m.props.resourcetype;
  return !!rt && typeof rt === 'object' && 'collection' in rt;
}
