// Google's error answers, byte-for-byte in shape: the Calendar v3 envelope
// {"error":{"code","message","errors":[{domain,reason,message,...}],"status"?}},
// the OAuth token endpoint's {"error","error_description"}, and the HTML pages
// accounts.google.com shows in a browser. Clients parse these, so the sandbox
// must not invent its own.

/** Thrown by handlers; the server writes it verbatim. */
export class SandboxFailure extends Error {
  constructor(
    readonly status: number,
    readonly payload: unknown,
    readonly contentType: 'application/json' | 'text/html' = 'application/json',
    readonly headers: Record<string, string> = {},
  ) {
    super(`sandbox answered ${status}`);
  }
}

interface ApiErrorOptions {
  domain?: string;
  location?: string;
  locationType?: string;
  /** The gRPC-style status Google adds to errors raised before the Calendar backend (auth, scopes). */
  rpcStatus?: string;
  /** When the item message differs from the top-level one (401 does this). */
  itemMessage?: string;
  details?: Record<string, unknown>[];
  headers?: Record<string, string>;
}

export function apiError(status: number, reason: string, message: string, opts: ApiErrorOptions = {}): SandboxFailure {
  const item: Record<string, string> = { domain: opts.domain ?? 'global', reason, message: opts.itemMessage ?? message };
  if (opts.location) item.location = opts.location;
  if (opts.locationType) item.locationType = opts.locationType;
  const error: Record<string, unknown> = { code: status, message, errors: [item] };
  if (opts.rpcStatus) error.status = opts.rpcStatus;
  if (opts.details) error.details = opts.details;
  return new SandboxFailure(status, { error }, 'application/json', opts.headers ?? {});
}

export const invalidCredentials = (): SandboxFailure =>
  apiError(
    401,
    'authError',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    { itemMessage: 'Invalid Credentials', location: 'Authorization', locationType: 'header', rpcStatus: 'UNAUTHENTICATED', headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } },
  );

export const insufficientScopes = (): SandboxFailure =>
  apiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', {
    rpcStatus: 'PERMISSION_DENIED',
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com', metadata: { service: 'calendar-json.googleapis.com', method: 'calendar.v3' } }],
    headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"' },
  });

export const notFound = (): SandboxFailure => apiError(404, 'notFound', 'Not Found');
export const deleted = (): SandboxFailure => apiError(410, 'deleted', 'Resource has been deleted');
export const duplicate = (): SandboxFailure => apiError(409, 'duplicate', 'The requested identifier already exists.');
export const conditionNotMet = (): SandboxFailure =>
  apiError(412, 'conditionNotMet', 'Precondition Failed', { location: 'If-Match', locationType: 'header' });
export const fullSyncRequired = (): SandboxFailure => apiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
export const invalid = (message: string, location?: string): SandboxFailure =>
  apiError(400, 'invalid', message, location ? { location, locationType: 'parameter' } : {});
export const required = (message: string): SandboxFailure => apiError(400, 'required', message);
export const timeRangeEmpty = (): SandboxFailure => apiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { location: 'end.dateTime', locationType: 'parameter' });
export const parseError = (): SandboxFailure => apiError(400, 'parseError', 'Parse Error');
export const tooLarge = (): SandboxFailure => apiError(413, 'uploadTooLarge', 'Request Entity Too Large');

const RATE_LIMIT_MESSAGES: Record<string, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  quotaExceeded: 'Calendar usage limits exceeded.',
};

/** The usageLimits answer; 429 carries Retry-After (Google's 403 form does not). */
export function rateLimited(status: 403 | 429, reason = 'rateLimitExceeded', retryAfterSeconds?: number): SandboxFailure {
  const message = RATE_LIMIT_MESSAGES[reason] ?? 'Rate Limit Exceeded';
  const headers: Record<string, string> = retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {};
  return apiError(status, reason, message, { domain: 'usageLimits', headers });
}

export const isRateLimitReason = (reason: string): boolean => reason in RATE_LIMIT_MESSAGES;

export const backendError = (): SandboxFailure => apiError(500, 'backendError', 'Backend Error');
export const unavailable = (): SandboxFailure =>
  apiError(503, 'backendError', 'The service is currently unavailable.', { rpcStatus: 'UNAVAILABLE' });

/** Google's front end answers 502 with an HTML page, not JSON; clients must cope. */
export const badGateway = (): SandboxFailure =>
  new SandboxFailure(
    502,
    '<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error 502 (Server Error)!!1</title><p><b>502.</b> <ins>That’s an error.</ins><p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds. <ins>That’s all we know.</ins></html>',
    'text/html',
  );

/** The token and revoke endpoints' flat form. */
export const oauthError = (status: number, error: string, description?: string): SandboxFailure =>
  new SandboxFailure(status, description === undefined ? { error } : { error, error_description: description });

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What accounts.google.com shows the user for a bad authorization request. */
export const authPageError = (status: number, code: string, detail: string): SandboxFailure =>
  new SandboxFailure(
    status,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error ${status}: ${escapeHtml(code)}</title></head><body><h1>Access blocked: Authorization Error</h1><p>${escapeHtml(detail)}</p><p><b>Error ${status}: ${escapeHtml(code)}</b></p></body></html>`,
    'text/html',
  );

export { escapeHtml };
