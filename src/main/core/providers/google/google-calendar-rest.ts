// The Calendar v3 calls the provider makes, as plain REST requests through the
// account's OAuth2Client (google-auth-library: it adds the bearer token, refreshes
// it, and answers with gaxios responses and GaxiosErrors, as the generated client
// does). The resource types are still the generated client's.
//
// Why not the generated client (@googleapis/calendar): each of its calls deep-copies
// its options and parameters (`extend(true, …)`) and hands gaxios closures made per
// call (paramsSerializer, validateStatus). In a 10,000-event first sync those
// per-call graphs were what the young generation kept and promoted: 10,000 inserts
// peaked at 228 MiB through it against 146 MiB with the closures made once
// (docs/DESIGN.md, "Memory"). These seven calls are all the provider needs, and a
// request is a URL, a method and a JSON body.
import type { calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';

export type Event = calendar_v3.Schema$Event;

/** What the provider reads of an answer (a gaxios response). */
export interface RestAnswer<T> {
  status: number;
  data: T;
}

export interface CallExtras {
  signal?: AbortSignal;
  /** The event's etag, sent as If-Match. */
  ifMatch?: string | null;
}

/** Only 2xx is success, as for every call here (Google answers no 304 without If-None-Match). */
const validateStatus = (status: number): boolean => status >= 200 && status < 300;

export class GoogleCalendarRest {
  private readonly prefix: string;

  /** `apiRoot` as in the config, e.g. https://www.googleapis.com (a path prefix is kept). */
  constructor(apiRoot: string) {
    this.prefix = new URL('calendar/v3/', apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`).href;
  }

  /** Whether a URL is a Calendar API request (what the quota counts). */
  isApiUrl(url: string): boolean {
    return url.startsWith(this.prefix);
  }

  getEvent(auth: OAuth2Client, calendarId: string, eventId: string, extras: CallExtras): Promise<RestAnswer<Event>> {
    return this.call(auth, 'GET', `calendars/${enc(calendarId)}/events/${enc(eventId)}`, null, undefined, extras);
  }

  listEvents(auth: OAuth2Client, calendarId: string, query: { maxResults: number; syncToken?: string; pageToken?: string }, extras: CallExtras): Promise<RestAnswer<calendar_v3.Schema$Events>> {
    return this.call(auth, 'GET', `calendars/${enc(calendarId)}/events`, query, undefined, extras);
  }

  insertEvent(auth: OAuth2Client, calendarId: string, body: Event, extras: CallExtras): Promise<RestAnswer<Event>> {
    return this.call(auth, 'POST', `calendars/${enc(calendarId)}/events`, { sendUpdates: 'none' }, body, extras);
  }

  patchEvent(auth: OAuth2Client, calendarId: string, eventId: string, body: Event, extras: CallExtras): Promise<RestAnswer<Event>> {
    return this.call(auth, 'PATCH', `calendars/${enc(calendarId)}/events/${enc(eventId)}`, { sendUpdates: 'none' }, body, extras);
  }

  deleteEvent(auth: OAuth2Client, calendarId: string, eventId: string, extras: CallExtras): Promise<RestAnswer<void>> {
    return this.call(auth, 'DELETE', `calendars/${enc(calendarId)}/events/${enc(eventId)}`, { sendUpdates: 'none' }, undefined, extras);
  }

  listCalendars(auth: OAuth2Client, query: { maxResults: number; pageToken?: string }, extras: CallExtras): Promise<RestAnswer<calendar_v3.Schema$CalendarList>> {
    return this.call(auth, 'GET', 'users/me/calendarList', query, undefined, extras);
  }

  insertCalendar(auth: OAuth2Client, body: calendar_v3.Schema$Calendar, extras: CallExtras): Promise<RestAnswer<calendar_v3.Schema$Calendar>> {
    return this.call(auth, 'POST', 'calendars', null, body, extras);
  }

  private call<T>(
    auth: OAuth2Client,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    query: Record<string, string | number | undefined> | null,
    body: object | undefined,
    extras: CallExtras,
  ): Promise<RestAnswer<T>> {
    let url = this.prefix + path;
    if (query) {
      const search = new URLSearchParams();
      for (const key in query) {
        const value = query[key];
        if (value !== undefined) search.append(key, String(value));
      }
      url += `?${search.toString()}`;
    }
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (extras.ifMatch) headers['if-match'] = extras.ifMatch;
    // retry: false — the request executor owns retries, backoff and the account's pause.
    // No `timeout`: gaxios would make an AbortSignal.timeout per call, which outlives the
    // call in old space; the transport's own deadline (GOOGLE_REQUEST_TIMEOUT_MS) applies.
    return auth.request<T>({
      url,
      method,
      headers,
      ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
      ...(extras.signal ? { signal: extras.signal } : {}),
      responseType: 'json',
      retry: false,
      validateStatus,
    });
  }
}

const enc = encodeURIComponent;
