// The public shapes of the Microsoft sandbox: its options and its handle. Kept
// apart from the server so tests, the demo and the benchmark import types only.
import type { SandboxTls } from './microsoft-tls';

export type FailStatus = 401 | 403 | 429 | 500 | 503 | 504;

export interface FailSpec {
  status: FailStatus;
  retryAfterSeconds?: number;
  /** Matched against path + query; without it only Graph operations fail. */
  onlyPath?: RegExp;
  /** Graph only: run the operation, then answer with the failure (the answer was lost). */
  afterWrite?: boolean;
}

export interface MicrosoftSandboxOptions {
  port?: number;
  email?: string;
  displayName?: string;
  /** A personal Microsoft account: /me has no `mail`, only userPrincipalName. */
  personal?: boolean;
  clientId?: string;
  tenantId?: string;
  /** Time each Graph operation holds its mailbox slot (a $batch step included). */
  latencyMs?: number;
  /** Concurrent Graph operations per mailbox before 429; Outlook's is 4. */
  maxConcurrent?: number;
  /** Retry-After on a concurrency 429. */
  retryAfterSeconds?: number;
  /** Events per delta page without Prefer: odata.maxpagesize (Graph's default is 10). */
  defaultPageSize?: number;
  /** The most events a delta page holds whatever the client prefers. */
  maxPageSize?: number;
  accessTokenTtlSeconds?: number;
  /** False: the authorize request shows a consent page with Accept / Cancel links. */
  autoApprove?: boolean;
  /** Graph permissions the user's organisation lets the app have; the rest is dropped from grants. */
  grantableScopes?: string[];
  /** Defaults to the certificate named by the environment, else a new one. */
  tls?: SandboxTls;
}

export interface MicrosoftSandboxStats {
  /** Graph HTTP requests, $batch envelopes included, steps not. */
  requests: number;
  /** Graph operations (single requests and $batch steps) by route name. */
  byRoute: Record<string, number>;
  /** Operations refused with 429. */
  throttled: number;
  /** Successful creates, updates and deletes. */
  writes: number;
  /** Token endpoint calls. */
  tokenRequests: number;
  /** Most operations in flight on the mailbox at once. */
  peakConcurrency: number;
}

export interface GraphTime {
  /** Local wall-clock time, e.g. 2026-06-01T14:00:00. */
  dateTime: string;
  /** IANA or Windows zone name, as Outlook writes it. */
  timeZone: string;
}

export interface MicrosoftSandbox {
  /** https://127.0.0.1:<port> */
  url: string;
  clientId: string;
  tenantId: string;
  /** For config.microsoft: the authority (…/common) and the Graph root (…/v1.0). */
  endpoints: { authority: string; graphRoot: string };
  /** The self-signed certificate the server presents. */
  certificatePem: string;
  defaultCalendarId: string;
  close(): Promise<void>;
  failNext(count: number, spec: FailSpec): void;
  /** Every delta and skip token issued so far answers 410 SyncStateNotFound. */
  expireDeltaTokens(): void;
  /** The user changed their password: every refresh token answers AADSTS50173. */
  revokeAllGrants(): void;
  /** Access tokens issued so far are refused with 401 from now on. */
  expireAccessTokens(): void;
  setLatency(ms: number): void;
  /** Events as Graph would return them (UTC, extended properties included). */
  events(calendarId?: string): Record<string, unknown>[];
  calendars(): { id: string; name: string; isDefaultCalendar: boolean }[];
  /** Moves the event as Outlook does; pass a Windows zone name to write like Outlook on the desktop. */
  userMoveEvent(eventId: string, start: GraphTime, end: GraphTime, isAllDay?: boolean): void;
  userDeleteEvent(eventId: string): void;
  userAddAttendee(eventId: string, attendee: { name: string; address: string }): void;
  userCreateEvent(calendarId: string | null, event: { subject: string; start: GraphTime; end: GraphTime; isAllDay?: boolean }): string;
  userCreateCalendar(name: string): string;
  stats(): MicrosoftSandboxStats;
  resetStats(): void;
}
