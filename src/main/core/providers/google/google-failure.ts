// Reads a failed Google call (a GaxiosError, a fetch failure, a refresh failure)
// into one of the few situations our retry loop and the UI care about. Google's
// error body is {error: {code, message, status, errors: [{reason}], details}}; the
// `reason` tells a rate limit (403 rateLimitExceeded) from a missing permission
// (403 insufficientPermissions / ACCESS_TOKEN_SCOPE_INSUFFICIENT).
import { gaxios } from 'google-auth-library';
import { z } from 'zod';
import { networkCode } from '../../auth/safe-cause';
import { parseRetryAfter } from '../../scheduler/backoff';
import { parseJsonAs } from '../../../../shared/parse-json';

export type GoogleFailure =
  | { kind: 'rate_limited'; status: number; reason: string | null; retryAfterMs: number | null }
  | { kind: 'unavailable'; status: number | null; reason: string | null; retryAfterMs: number | null }
  /** 401 from the API: the access token was not accepted. */
  | { kind: 'unauthorized'; status: number }
  /** The refresh token no longer works (revoked, expired) or is missing. */
  | { kind: 'auth_lost'; status: number | null; reason: string }
  | { kind: 'permission'; status: number; reason: string | null; scope: boolean }
  | { kind: 'not_found'; status: number }
  | { kind: 'gone'; status: number; reason: string | null }
  | { kind: 'conflict'; status: number; reason: string | null }
  | { kind: 'precondition'; status: number }
  | { kind: 'rejected'; status: number; reason: string | null }
  | { kind: 'unknown' };

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
/** What a connection dropped or refused looks like through undici and gaxios. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'TimeoutError',
]);

const GoogleErrorBody = z.object({
  error: z.union([
    z.string(), // the token endpoint: {"error": "invalid_grant", "error_description": …}
    z.object({
      code: z.number().optional(),
      message: z.string().optional(),
      status: z.string().optional(),
      errors: z.array(z.object({ reason: z.string().optional() }).loose()).optional(),
      details: z.array(z.object({ reason: z.string().optional() }).loose()).optional(),
    }).loose(),
  ]),
}).loose();

export interface ClassifyContext {
  tokenUrl: string;
  now: Date;
}

export function classifyGoogleFailure(error: unknown, context: ClassifyContext): GoogleFailure {
  if (error instanceof gaxios.GaxiosError) {
    const response = error.response;
    const fromTokenEndpoint = sameEndpoint(error.config?.url, context.tokenUrl);
    if (!response) return isNetworkError(error) ? { kind: 'unavailable', status: null, reason: networkCode(error) ?? 'network', retryAfterMs: null } : { kind: 'unknown' };
    const status = response.status;
    const body = parseBody(response.data);
    const retryAfterMs = parseRetryAfter(response.headers?.get?.('retry-after'), context.now);
    if (fromTokenEndpoint) return classifyTokenFailure(status, body, retryAfterMs);
    const reasons = reasonsOf(body);
    const reason = reasons[0] ?? null;
    if (status === 429 || (status === 403 && reasons.some((r) => RATE_LIMIT_REASONS.has(r)))) {
      return { kind: 'rate_limited', status, reason, retryAfterMs };
    }
    if (TRANSIENT_STATUS.has(status)) return { kind: 'unavailable', status, reason, retryAfterMs };
    switch (status) {
      case 401:
        return { kind: 'unauthorized', status };
      case 403:
        return { kind: 'permission', status, reason, scope: reasons.some((r) => SCOPE_REASONS.has(r)) || insufficientScopeHeader(response) };
      case 404:
        return { kind: 'not_found', status };
      case 409:
        return { kind: 'conflict', status, reason };
      case 410:
        return { kind: 'gone', status, reason };
      case 412:
        return { kind: 'precondition', status };
      default:
        return { kind: 'rejected', status, reason };
    }
  }
  // google-auth-library throws a plain Error when it has nothing to refresh with.
  if (error instanceof Error && /no refresh token|no access, refresh token/i.test(error.message)) {
    return { kind: 'auth_lost', status: null, reason: 'no refresh token' };
  }
  if (isNetworkError(error)) return { kind: 'unavailable', status: null, reason: networkCode(error) ?? 'network', retryAfterMs: null };
  return { kind: 'unknown' };
}

function classifyTokenFailure(status: number, body: z.infer<typeof GoogleErrorBody> | null, retryAfterMs: number | null): GoogleFailure {
  if (status === 429 || TRANSIENT_STATUS.has(status)) {
    return status === 429
      ? { kind: 'rate_limited', status, reason: 'token endpoint', retryAfterMs }
      : { kind: 'unavailable', status, reason: 'token endpoint', retryAfterMs };
  }
  // invalid_grant (revoked, expired, password changed), invalid_client, unauthorized_client:
  // none of them gets better by retrying; the user has to connect again.
  const reason = typeof body?.error === 'string' ? body.error : `token endpoint HTTP ${status}`;
  return { kind: 'auth_lost', status, reason };
}

function parseBody(data: unknown): z.infer<typeof GoogleErrorBody> | null {
  return parseJsonAs(GoogleErrorBody, data);
}

function reasonsOf(body: z.infer<typeof GoogleErrorBody> | null): string[] {
  if (!body || typeof body.error === 'string') return [];
  const reasons: string[] = [];
  for (const item of body.error.errors ?? []) if (item.reason) reasons.push(item.reason);
  for (const item of body.error.details ?? []) if (item.reason) reasons.push(item.reason);
  return reasons;
}

/** RFC 6750: a bearer token lacking scope is answered `WWW-Authenticate: … error="insufficient_scope"`. */
function insufficientScopeHeader(response: Response): boolean {
  return /insufficient_scope/i.test(response.headers?.get?.('www-authenticate') ?? '');
}

function isNetworkError(error: unknown): boolean {
  const code = networkCode(error);
  if (code && NETWORK_CODES.has(code)) return true;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.name === 'TimeoutError') return true;
    if (/fetch failed|socket hang up|other side closed|terminated|ECONNRESET/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

function sameEndpoint(url: string | URL | undefined, endpoint: string): boolean {
  if (url === undefined) return false;
  try {
    const a = new URL(url.toString());
    const b = new URL(endpoint);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
