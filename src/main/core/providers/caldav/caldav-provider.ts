// CalendarProvider for CalDAV servers (iCloud, Fastmail, Nextcloud, Radicale,
// xandikos, …). Remote ids are the resources' absolute paths; revisions are
// their etags. Creates are PUT If-None-Match: * under a name derived from the
// key, so a retry finds the first attempt instead of making a copy. Updates
// rewrite only the app's own properties inside the resource as the server last
// gave it (kept in memory per etag, else fetched again) and PUT it back with
// If-Match, so the user's own alarms, attendees and links survive.
import { createHash } from 'node:crypto';
import { ProviderError } from '../../../../shared/errors';
import type { Clock, Fetch, Timers } from '../../ports';
import type { CalendarProvider, ChangePage, EventDraft, RemoteChange, RemoteEvent } from '../provider';
import { pathOf } from './caldav-dav';
import { discoverAccount, listAccountCalendars, makeEventCalendar, type CaldavAccountUrls } from './caldav-discovery';
import { CaldavAuthError, CaldavForeignUrlError, caldavBadResponse, caldavStatusError, httpCause } from './caldav-errors';
import { CaldavHttp, type CaldavCredentials } from './caldav-http';
import { UnreadableIcsError, applyDraft, buildCalendarObject, mentionsTag, readCalendarObject } from './caldav-ics';
import { listCollection, parseCursor } from './caldav-listing';

export interface CaldavLogin extends CaldavCredentials {
  serverUrl: string;
}

export interface CaldavProviderDeps {
  /** Read when first needed and again after the server refused it. */
  loadLogin: () => Promise<CaldavLogin>;
  fetch: Fetch;
  clock: Clock;
  timers: Timers;
  /** hrefs per calendar-multiget (the "page" of a listing). */
  batchSize?: number;
  timeoutMs?: number;
  onAuthLost?: (reason: string) => void;
}

const DEFAULT_BATCH_SIZE = 100;
/** Resources kept per provider for updates without a GET; each is a few kB. */
const CACHE_LIMIT = 5_000;
const ICS_TYPE = 'text/calendar; charset=utf-8';

/** The resource name for a create key: fixed, URL-safe, and the same on every retry. */
export function resourceNameFor(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.ics`;
}

interface Session {
  http: CaldavHttp;
  urls: CaldavAccountUrls | null;
}

interface Cached {
  etag: string;
  data: string;
}

export function createCaldavProvider(deps: CaldavProviderDeps): CalendarProvider {
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  let session: Session | null = null;
  let requestsBefore = 0;
  const cache = new Map<string, Cached>();
  /**
   * Per calendar, what we wrote since the listing the next one continues from.
   * A server may say nothing of a member created and deleted after its token
   * (RFC 6578 allows it; xandikos does so, and a ctag/etag comparison cannot see
   * it), so a write the next incremental listing leaves out was deleted since.
   */
  const unlisted = new Map<string, Set<string>>();
  const noteWritten = (calendarId: string, remoteId: string): void => {
    const set = unlisted.get(calendarId) ?? new Set<string>();
    set.add(remoteId);
    unlisted.set(calendarId, set);
  };

  /** What we hold of a resource, if it is still at this etag. */
  const heldAt = (remoteId: string, etag: string): string | undefined => {
    const held = cache.get(remoteId);
    return held?.etag === etag ? held.data : undefined;
  };

  const remember = (remoteId: string, value: Cached): void => {
    cache.delete(remoteId);
    cache.set(remoteId, value);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  };

  async function open(): Promise<Session> {
    if (!session) {
      const login = await deps.loadLogin();
      session = {
        http: new CaldavHttp({ serverUrl: login.serverUrl, credentials: login, fetch: deps.fetch, clock: deps.clock, timers: deps.timers, timeoutMs: deps.timeoutMs }),
        urls: null,
      };
    }
    return session;
  }

  async function accountUrls(s: Session, signal?: AbortSignal): Promise<CaldavAccountUrls> {
    s.urls ??= await discoverAccount(s.http, signal);
    return s.urls;
  }

  /** Credentials go only where the user's server pointed us. */
  async function trusted(s: Session, url: string, signal?: AbortSignal): Promise<void> {
    if (s.http.isTrusted(url)) return;
    await accountUrls(s, signal);
    if (!s.http.isTrusted(url)) throw new CaldavForeignUrlError(url);
  }

  /** Runs `fn` with the session; a refused password drops it (the next call reads the secret again) and says so. */
  async function run<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const s = await open();
    try {
      return await fn(s);
    } catch (error) {
      if (error instanceof CaldavAuthError) {
        requestsBefore += s.http.requestCount();
        if (session === s) session = null;
        deps.onAuthLost?.(error.userMessage);
      }
      throw error;
    }
  }

  function objectUrl(calendarId: string, remoteId: string): string {
    return new URL(remoteId, calendarId).href;
  }

  function parse(data: string, remoteId: string, etag: string, url: string): RemoteEvent | null {
    try {
      const event = readCalendarObject(data, remoteId, etag);
      if (event?.sourceId) remember(remoteId, { etag, data });
      return event;
    } catch (error) {
      if (error instanceof UnreadableIcsError) throw caldavBadResponse(url, error);
      throw error;
    }
  }

  async function fetchObject(s: Session, url: string, signal?: AbortSignal): Promise<Cached | null> {
    const res = await s.http.fetch(url, { method: 'GET', headers: { accept: 'text/calendar' }, signal });
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw caldavStatusError({ method: 'GET', url, status: res.status }, 'failed');
    }
    const data = await res.text();
    // A proxy that compresses the answer (nginx gzip) weakens the header's ETag;
    // If-Match compares strongly, so send the value the server itself issued.
    const etag = res.headers.get('etag')?.replace(/^W\//, '') ?? null;
    if (!etag) throw caldavBadResponse(url, httpCause('answered without an ETag', { method: 'GET', url, status: res.status }), res.status);
    return { etag, data };
  }

  async function getEvent(calendarId: string, remoteId: string, signal?: AbortSignal): Promise<RemoteEvent | null> {
    return run(async (s) => {
      await trusted(s, calendarId, signal);
      const url = objectUrl(calendarId, remoteId);
      const object = await fetchObject(s, url, signal);
      return object ? parse(object.data, remoteId, object.etag, url) : null;
    });
  }

  /** After a successful PUT: the stored object's etag, from the answer or by reading it back. */
  async function written(s: Session, calendarId: string, res: Response, url: string, remoteId: string, data: string, signal?: AbortSignal): Promise<RemoteEvent> {
    await res.body?.cancel();
    const etag = res.headers.get('etag');
    // RFC 4791 §5.3.4: a server that changed what we sent answers without an ETag.
    const stored = etag && !etag.startsWith('W/') ? { etag, data } : await fetchObject(s, url, signal);
    if (!stored) throw caldavStatusError({ method: 'GET', url, status: 404 }, 'vanished right after it was written');
    const event = parse(stored.data, remoteId, stored.etag, url);
    if (!event) throw caldavBadResponse(url, new Error('the written object holds no event'));
    noteWritten(calendarId, remoteId);
    return event;
  }

  async function put(s: Session, url: string, data: string, condition: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    return s.http.fetch(url, { method: 'PUT', headers: { 'content-type': ICS_TYPE, ...condition }, body: data, signal });
  }

  async function refusal(res: Response, method: string, url: string): Promise<ProviderError> {
    const body = await res.text().catch(() => '');
    // RFC 4791 §5.3.2.1: another resource already holds this UID.
    if ((res.status === 403 || res.status === 409) && /no-uid-conflict/i.test(body)) {
      return caldavStatusError({ method, url, status: 409 }, 'found the UID in another resource');
    }
    return caldavStatusError({ method, url, status: res.status }, 'failed');
  }

  return {
    kind: 'caldav',
    capabilities: { windowedListing: false, listAfterWrites: true },

    async listCalendars(signal) {
      return run(async (s) => listAccountCalendars(s.http, (await accountUrls(s, signal)).homeUrl, signal));
    },

    async createCalendar(name, timeZone, signal) {
      return run(async (s) => makeEventCalendar(s.http, (await accountUrls(s, signal)).homeUrl, name, timeZone, deps.clock.now(), signal));
    },

    async listChanges(calendarId, cursor, _window, signal): Promise<ChangePage> {
      return run(async (s) => {
        await trusted(s, calendarId, signal);
        const ours = unlisted.get(calendarId) ?? new Set<string>();
        unlisted.delete(calendarId);
        let raw;
        try {
          raw = await listCollection(s.http, calendarId, parseCursor(cursor), { batchSize, signal, known: heldAt });
        } catch (error) {
          for (const remoteId of ours) noteWritten(calendarId, remoteId);
          throw error;
        }
        if (!raw.full) {
          // Created or changed after the token, so the server had to mention it: left out, it is gone.
          const mentioned = new Set([...raw.removed, ...raw.upserts.map((u) => u.path)]);
          for (const remoteId of ours) if (!mentioned.has(remoteId)) raw.removed.push(remoteId);
        }
        const changes: RemoteChange[] = raw.removed.map((remoteId) => {
          cache.delete(remoteId);
          return { type: 'removed', remoteId };
        });
        for (const object of raw.upserts) {
          const url = objectUrl(calendarId, object.path);
          let event: RemoteEvent | null;
          try {
            event = parse(object.data, object.path, object.etag, url);
          } catch (error) {
            // Someone else's unreadable object is not ours to judge; one of ours
            // missing from a listing would read as deleted, so that fails the listing.
            if (mentionsTag(object.data)) throw error;
            continue;
          }
          if (event) changes.push({ type: 'upsert', event });
        }
        return { changes, nextCursor: JSON.stringify(raw.cursor), full: raw.full, window: null };
      });
    },

    getEvent,

    async createEvent(calendarId, draft: EventDraft, key, signal) {
      return run(async (s) => {
        await trusted(s, calendarId, signal);
        const remoteId = pathOf(resourceNameFor(key), calendarId.endsWith('/') ? calendarId : `${calendarId}/`);
        const url = objectUrl(calendarId, remoteId);
        const data = buildCalendarObject(draft, key, deps.clock.now());
        for (let attempt = 0; ; attempt += 1) {
          const res = await put(s, url, data, { 'if-none-match': '*' }, signal);
          if (res.ok) return written(s, calendarId, res, url, remoteId, data, signal);
          if (res.status !== 412) throw await refusal(res, 'PUT', url);
          await res.body?.cancel();
          // It exists: an earlier attempt got through. Hand that back; the engine diffs it.
          const existing = await fetchObject(s, url, signal);
          if (existing) {
            const event = parse(existing.data, remoteId, existing.etag, url);
            if (event) return event;
            throw caldavBadResponse(url, new Error('the object under our name holds no event'));
          }
          if (attempt >= 1) throw caldavStatusError({ method: 'PUT', url, status: 412 }, 'kept failing');
        }
      });
    },

    async updateEvent(calendarId, remoteId, draft, revision, signal) {
      return run(async (s) => {
        await trusted(s, calendarId, signal);
        const url = objectUrl(calendarId, remoteId);
        for (let attempt = 0; ; attempt += 1) {
          const held = cache.get(remoteId);
          const base = held && (revision === null || held.etag === revision) && attempt === 0 ? held : await fetchObject(s, url, signal);
          if (!base) throw caldavStatusError({ method: 'GET', url, status: 404 }, 'found nothing to update');
          if (revision !== null && base.etag !== revision) {
            remember(remoteId, base);
            throw caldavStatusError({ method: 'PUT', url, status: 412 }, 'found a newer version');
          }
          let data: string;
          try {
            data = applyDraft(base.data, draft, deps.clock.now());
          } catch (error) {
            if (error instanceof UnreadableIcsError) throw caldavBadResponse(url, error);
            throw error;
          }
          const res = await put(s, url, data, { 'if-match': base.etag }, signal);
          if (res.ok) return written(s, calendarId, res, url, remoteId, data, signal);
          cache.delete(remoteId);
          if (res.status === 412) {
            await res.body?.cancel();
            // If-Match also fails on a resource that is gone: tell the two apart.
            if (!(await fetchObject(s, url, signal))) throw caldavStatusError({ method: 'PUT', url, status: 404 }, 'found nothing to update');
            if (revision === null && attempt === 0) continue; // changed between our read and our write, and the caller had no revision: read again
          }
          throw await refusal(res, 'PUT', url);
        }
      });
    },

    async deleteEvent(calendarId, remoteId, revision, signal) {
      await run(async (s) => {
        await trusted(s, calendarId, signal);
        const url = objectUrl(calendarId, remoteId);
        const res = await s.http.fetch(url, { method: 'DELETE', headers: revision ? { 'if-match': revision } : {}, signal });
        await res.body?.cancel();
        cache.delete(remoteId);
        if (res.ok || res.status === 404 || res.status === 410) return;
        // If-Match fails on a resource already gone too, and gone is what we wanted.
        if (res.status === 412 && !(await fetchObject(s, url, signal))) return;
        throw caldavStatusError({ method: 'DELETE', url, status: res.status }, 'failed');
      });
    },

    requestCount: () => requestsBefore + (session?.http.requestCount() ?? 0),
  };
}
