// Where the Google client talks to, and how fast. Every endpoint is configurable
// so tests and the demo point the real libraries at src/sandbox (DESIGN §6).

export interface GoogleConfig {
  clientId: string;
  /** Installed apps get a "secret" that is not secret (Google documents this); optional. */
  clientSecret?: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  userinfoUrl: string;
  /** Calendar API root, e.g. https://www.googleapis.com/ (a path prefix is kept). */
  apiRoot: string;
  /** Default 590: just under Google's 600 requests per minute per user. */
  requestsPerMinute?: number;
  /** Default 4 requests in flight per account. */
  maxConcurrent?: number;
}

/** Google's production endpoints, for app.ts. */
export const GOOGLE_PRODUCTION_ENDPOINTS = {
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  apiRoot: 'https://www.googleapis.com/',
} as const satisfies Omit<GoogleConfig, 'clientId'>;

/** calendar.events reads and writes events only; openid + email name the account. */
export const GOOGLE_SCOPES = ['https://www.googleapis.com/auth/calendar.events', 'openid', 'email'];

/**
 * The most private choice (DESIGN §6): the app may only see calendars it created
 * itself, so it makes a dedicated "Career Copilot" calendar and cannot read any other.
 */
export const GOOGLE_PRIVATE_SCOPES = ['https://www.googleapis.com/auth/calendar.app.created', 'openid', 'email'];

/** Asked for incrementally when the user wants to pick a non-primary calendar (DESIGN §6). */
export const GOOGLE_CALENDAR_LIST_SCOPE = 'https://www.googleapis.com/auth/calendar.calendarlist.readonly';

export const DEFAULT_REQUESTS_PER_MINUTE = 590;
export const DEFAULT_MAX_CONCURRENT = 4;
