// Where the Microsoft parts talk to, and how fast. The authority and the Graph
// root are configurable so tests and the demo point the real MSAL and Graph
// client at src/sandbox/microsoft (DESIGN §6); both must be https, as MSAL and
// the Graph client require.

export interface MicrosoftConfig {
  /** The app registration's Application (client) ID, a public client ("Mobile and desktop"). */
  clientId: string;
  /** e.g. https://login.microsoftonline.com/common (work, school and personal accounts). */
  authority: string;
  /** Graph origin and version, e.g. https://graph.microsoft.com/v1.0. */
  graphRoot: string;
  /** Outlook allows 4 concurrent requests per mailbox. */
  maxConcurrent?: number;
  /** Outlook's per-app-per-mailbox budget is 10,000 requests in 10 minutes. */
  requestsPer10Minutes?: number;
  /** Send initial-sync creates in JSON $batch requests of up to 20. */
  useBatch?: boolean;
  /** Events per delta page asked for with Prefer: odata.maxpagesize. */
  deltaPageSize?: number;
}

export const MICROSOFT_PRODUCTION_ENDPOINTS = {
  authority: 'https://login.microsoftonline.com/common',
  graphRoot: 'https://graph.microsoft.com/v1.0',
} as const satisfies Pick<MicrosoftConfig, 'authority' | 'graphRoot'>;

/**
 * Calendars.ReadWrite to read and write events, User.Read for the account's name
 * and address, offline_access for a refresh token. MSAL adds openid and profile
 * itself (it needs the ID token to know the account); nothing else is asked.
 */
export const MICROSOFT_SCOPES = ['Calendars.ReadWrite', 'User.Read', 'offline_access'];
/** What every Graph call is made with (offline_access is not a resource scope). */
export const GRAPH_SCOPES = ['Calendars.ReadWrite', 'User.Read'];
export const CALENDAR_SCOPE = 'Calendars.ReadWrite';

export const DEFAULT_MS_MAX_CONCURRENT = 4;
/** Just under Outlook's 10,000 per 10 minutes, so a big first sync never meets the limit. */
export const DEFAULT_MS_REQUESTS_PER_10_MINUTES = 9_900;
export const DEFAULT_DELTA_PAGE_SIZE = 100;

/** Microsoft's own cloud hosts, which MSAL discovers by itself; any other needs knownAuthorities. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

export function isMicrosoftAuthorityHost(host: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(host.toLowerCase());
}

/** Graph's origin and version segment from the configured root. */
export function splitGraphRoot(graphRoot: string): { origin: string; hostname: string; version: string } {
  const url = new URL(graphRoot);
  const version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  return { origin: url.origin, hostname: url.hostname, version };
}

/** Where a user removes the app's access, since the app cannot (see disconnectMicrosoft). */
export const MICROSOFT_ACCESS_PAGES = {
  workOrSchool: 'https://myapps.microsoft.com',
  personal: 'https://account.live.com/consent/Manage',
} as const;

/**
 * What the UI and CLI say after a disconnect. Kept here, away from MSAL and the
 * Graph client, so showing it does not load them.
 */
export const MICROSOFT_DISCONNECT_NOTE = `Microsoft lets an app like this one sign out of your account but not withdraw its own permission (the only switch, "revoke sessions", would sign you out of every app and device, so the app does not use it). The app deleted its tokens; to remove its permission too, open ${MICROSOFT_ACCESS_PAGES.workOrSchool} (work or school) or ${MICROSOFT_ACCESS_PAGES.personal} (personal).`;
