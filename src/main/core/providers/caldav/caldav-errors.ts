// The failures a CalDAV user can meet, each with what happened and what to do.
// Causes are HttpFailure summaries (method, origin + path, status): never a
// request, whose Authorization header holds the app password.
import { ProviderError } from '../../../../shared/errors';
import { HttpFailure } from '../../auth/safe-cause';

export type CaldavFailureContext = { method: string; url: string; status: number | null; code?: string | null };

/** Origin and path only: a CalDAV URL carries no secret, but a query might. */
export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(unreadable URL)';
  }
}

export function httpCause(what: string, ctx: CaldavFailureContext): HttpFailure {
  const endpoint = endpointOf(ctx.url);
  const status = ctx.status === null ? (ctx.code ?? 'no response') : `HTTP ${ctx.status}`;
  return new HttpFailure(`${ctx.method} ${endpoint} ${what} (${status})`, {
    status: ctx.status,
    code: ctx.code ?? null,
    method: ctx.method,
    endpoint,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export class CaldavAuthError extends ProviderError {
  constructor(serverUrl: string, cause: unknown) {
    super(
      'provider_auth',
      `${hostOf(serverUrl)} did not accept the user name and password. Check the user name and use an app-specific password (iCloud and Fastmail require one), then connect again.`,
      { cause, status: 401 },
    );
  }
}

export class CaldavUnreachableError extends ProviderError {
  constructor(serverUrl: string, cause: unknown) {
    super(
      'provider_unavailable',
      `Nothing answered at ${hostOf(serverUrl)}. Check the server address and your internet connection; the app will try again.`,
      { cause, retryable: true },
    );
  }
}

export class CaldavNotCaldavError extends ProviderError {
  constructor(serverUrl: string, cause: unknown) {
    super(
      'invalid_input',
      `${hostOf(serverUrl)} answered, but it does not offer CalDAV calendars at that address. Check the server URL (for iCloud use https://caldav.icloud.com, for Fastmail https://caldav.fastmail.com).`,
      { cause },
    );
  }
}

export class CaldavNoCalendarError extends ProviderError {
  constructor(serverUrl: string, cause?: unknown) {
    super(
      'provider_permission',
      `Your account on ${hostOf(serverUrl)} has no calendar the app may write to, and it would not let the app create one. Create a calendar in your calendar app, then connect again.`,
      { cause },
    );
  }
}

export class CaldavForeignUrlError extends ProviderError {
  constructor(url: string) {
    super(
      'invalid_input',
      `The calendar address ${endpointOf(url)} is not on your CalDAV server, so the app will not send your password there. Choose one of the calendars "ccal calendars" lists.`,
      {},
    );
  }
}

/** The answer to a request that failed for a reason other than the ones above, by HTTP status. */
export function caldavStatusError(ctx: CaldavFailureContext & { status: number }, what: string, retryAfterMs: number | null = null): ProviderError {
  const cause = httpCause(what, ctx);
  const host = hostOf(ctx.url);
  const { status } = ctx;
  if (status === 401) return new CaldavAuthError(ctx.url, cause);
  if (status === 412) {
    return new ProviderError('provider_precondition', 'The event changed in your calendar since the app last read it; the app reads it again and retries.', { cause, status, retryable: true });
  }
  if (status === 404 || status === 410) {
    return new ProviderError('provider_not_found', `The calendar or event is no longer on ${host}. If you deleted or moved the calendar, choose another one.`, { cause, status });
  }
  if (status === 403) {
    return new ProviderError('provider_permission', `${host} does not let this account change that calendar. Choose a calendar you own, or check its sharing settings.`, { cause, status });
  }
  if (status === 409) {
    return new ProviderError('provider_conflict', `${host} already has an event with the same identity in another place. The app leaves it alone; remove the duplicate in your calendar app if you see one.`, { cause, status });
  }
  if (status === 429) {
    return new ProviderError('provider_rate_limited', `${host} asks the app to slow down. Syncing pauses for a moment and then goes on.`, { cause, status, retryable: true, retryAfterMs });
  }
  if (status >= 500) {
    return new ProviderError('provider_unavailable', `${host} had a problem (HTTP ${status}). The app will try again later.`, { cause, status, retryable: true, retryAfterMs });
  }
  return caldavBadResponse(ctx.url, cause, status);
}

export function caldavBadResponse(url: string, cause: unknown, status: number | null = null): ProviderError {
  return new ProviderError(
    'provider_bad_response',
    `${hostOf(url)} sent an answer the app could not read, so nothing was changed. The app will try again later; if this keeps happening, report it.`,
    { cause, status, retryable: true },
  );
}
