// The public shapes of the Google sandbox: its options, its handle, and the
// Calendar v3 Event resource as Google serialises it. Kept apart from the
// server so callers (tests, demo, bench) import types without pulling code.

export type GoogleEventDateTime = { dateTime: string; timeZone?: string } | { date: string };

/** A Calendar v3 Event resource, the fields this sandbox keeps (Google ignores unknown ones too). */
export interface GoogleEventResource {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  colorId?: string;
  creator: { email: string; self?: boolean; displayName?: string };
  organizer: { email: string; self?: boolean; displayName?: string };
  start: GoogleEventDateTime;
  end: GoogleEventDateTime;
  endTimeUnspecified?: boolean;
  recurrence?: string[];
  transparency?: 'opaque' | 'transparent';
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  iCalUID: string;
  sequence: number;
  attendees?: Record<string, unknown>[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  reminders: { useDefault: boolean; overrides?: { method: 'email' | 'popup'; minutes: number }[] };
  source?: { url: string; title: string };
  guestsCanInviteOthers?: boolean;
  guestsCanModify?: boolean;
  guestsCanSeeOtherGuests?: boolean;
  anyoneCanAddSelf?: boolean;
  eventType: 'default';
}

/**
 * A deleted event as the API serves it. Google: "Deleted events are only
 * guaranteed to have the id field populated"; the stand-in sends no more than
 * kind, etag, id and status, so a client cannot come to rely on more.
 */
export interface GoogleTombstone {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'cancelled';
}

/** An event as it leaves the sandbox over HTTP. */
export type GoogleWireEvent = GoogleEventResource | GoogleTombstone;

export type FailStatus = 401 | 403 | 429 | 500 | 502 | 503;

export interface FailSpec {
  status: FailStatus;
  reason?: string;
  retryAfterSeconds?: number;
  onlyPath?: RegExp;
}

export interface GoogleSandboxOptions {
  port?: number;
  latencyMs?: number;
  quotaPerMinute?: number | null;
  rateLimitStatus?: 403 | 429;
  accessTokenTtlSeconds?: number;
  email?: string;
  autoApprove?: boolean;
  clientId?: string;
  /**
   * Most events per events.list page, whatever maxResults asks (default 2500,
   * Google's cap). Google documents that a page may hold fewer events than
   * maxResults even when more match, so a client must follow nextPageToken;
   * a small cap makes tests page.
   */
  maxEventsPerPage?: number;
}

/** One HTTP request as the sandbox saw it. */
export interface SandboxRequestRecord {
  /** Epoch ms when the request reached the server, before any latency or fault. */
  at: number;
  method: string;
  /** The named route (events.list, oauth.revoke, …) or 'unknown'. */
  route: string;
  /** Whose access token it carried, when it carried a live one. */
  user: string | null;
  /** The status answered, and when (epoch ms); null while unanswered or for a dropped connection. */
  status: number | null;
  answeredAt: number | null;
}

/** A grant as the sandbox keeps it, without its tokens. */
export interface SandboxGrantView {
  clientId: string;
  email: string;
  scopes: string[];
  offline: boolean;
  revoked: boolean;
}

export interface GoogleSandboxStats {
  /** Calendar API requests (everything under /calendar/v3/), answered or rejected. OAuth calls are in byRoute only. */
  requests: number;
  byRoute: Record<string, number>;
  /** Answers that were a rate-limit error: quota rejections and injected 429/403 rate limits. */
  rateLimited: number;
  /** Successful Calendar writes through the API (not the user* helpers). */
  writes: number;
}

export interface GoogleSandbox {
  url: string;
  clientId: string;
  endpoints: { authUrl: string; tokenUrl: string; revokeUrl: string; userinfoUrl: string; apiRoot: string };
  close(): Promise<void>;
  failNext(count: number, failure: FailSpec): void;
  /** Runs `fn` when the next event update or delete arrives, before it is applied: the user acting in Google Calendar at that moment. */
  beforeNextWrite(fn: (eventId: string, calendarId: string) => void): void;
  dropNextConnections(count: number): void;
  expireSyncTokens(): void;
  revokeAllGrants(): void;
  expireAccessTokens(): void;
  setLatency(ms: number): void;
  setQuota(perMinute: number | null): void;
  events(calendarId?: string, opts?: { includeCancelled?: boolean }): GoogleEventResource[];
  userMoveEvent(calendarId: string, eventId: string, start: GoogleEventDateTime, end: GoogleEventDateTime): void;
  userDeleteEvent(calendarId: string, eventId: string): void;
  userEditEvent(calendarId: string, eventId: string, patch: Partial<GoogleEventResource>): void;
  /** A secondary calendar the user made in Google Calendar's UI; returns its id. */
  userCreateCalendar(summary: string, timeZone?: string): string;
  userCreateEvent(calendarId: string, event: Partial<GoogleEventResource>): GoogleEventResource;
  stats(): GoogleSandboxStats;
  resetStats(): void;
  /** Every request since start (or the last resetStats), oldest first; the last 10,000 at most. */
  requestLog(): SandboxRequestRecord[];
  /** Every grant ever issued, oldest first. */
  grants(): SandboxGrantView[];
  setMaxEventsPerPage(max: number): void;
}
