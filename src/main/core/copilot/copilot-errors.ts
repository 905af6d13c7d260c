// How Career Copilot's failures reach the user (DESIGN §7): typed AppErrors with a
// plain message, and a cause that names the request but never holds a header, a
// body or a token.
import { AppError } from '../../../shared/errors';
import { scrubSecrets } from '../telemetry/redact';

/** Wrong email or password at sign-in; unlike CopilotAuthError the user was never signed in. */
export class CopilotLoginError extends AppError {
  constructor(cause?: unknown) {
    super('copilot_auth', "Career Copilot didn't accept that email and password. Check them and try again.", { cause });
  }
}

export interface HttpFailureInfo {
  method: string;
  /** Path only: ids are not secret, but a query string could one day be. */
  path: string;
  status?: number | null;
  errorCode?: string | null;
  requestId?: string | null;
  /** The network error code (ECONNRESET, TimeoutError…) when there was no response. */
  networkCode?: string | null;
  /** How long the server asked us to wait (Retry-After). */
  retryAfterMs?: number | null;
}

/** A secret-free description of one failed HTTP exchange, kept as an error's cause. */
export class CopilotHttpFailure extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly errorCode: string | null;
  readonly requestId: string | null;
  readonly networkCode: string | null;
  readonly retryAfterMs: number | null;

  constructor(info: HttpFailureInfo) {
    const status = info.status ?? null;
    const what = status !== null ? `HTTP ${status}${info.errorCode ? ` ${info.errorCode}` : ''}` : (info.networkCode ?? 'no response');
    super(`${info.method} ${info.path} failed: ${what}${info.requestId ? ` (request ${info.requestId})` : ''}`);
    this.name = 'CopilotHttpFailure';
    this.method = info.method;
    this.path = info.path;
    this.status = status;
    this.errorCode = info.errorCode ?? null;
    this.requestId = info.requestId ?? null;
    this.networkCode = info.networkCode ?? null;
    this.retryAfterMs = info.retryAfterMs ?? null;
  }
}

export function unavailable(cause: unknown): AppError {
  return new AppError('copilot_unavailable', "Career Copilot can't be reached right now. Nothing is lost: the app will retry automatically.", {
    cause,
    retryable: true,
  });
}

export function badResponse(what: string, cause?: unknown): AppError {
  // Retryable: a response cut short or a backend mid-deploy usually heals by the next sync.
  return new AppError('copilot_bad_response', `Career Copilot sent ${what} the app can't read. Nothing was changed; the app will try again on the next sync.`, {
    cause,
    retryable: true,
  });
}

/** Any non-2xx left after the transport's handling is a refusal with the server's reason. */
export function expectOk(res: { status: number; detail: unknown; failure: unknown }, lead: string): void {
  if (res.status >= 200 && res.status < 300) return;
  throw rejected(lead, res.detail, res.failure);
}

/** 400/404/409 and friends: Career Copilot understood and said no. */
export function rejected(lead: string, detail: unknown, cause: unknown): AppError {
  return new AppError('copilot_rejected', `${lead}: "${quoteDetail(detail)}".`, { cause });
}

const MAX_DETAIL = 200;
// Control, line-separator and bidi-override characters: they could forge lines in a
// log or reorder the text a user reads.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The server's `detail` as short, single-line text safe to show and log: a string
 * as is, FastAPI's validation list as "field: message; …", anything else as JSON;
 * secrets scrubbed, control characters removed, length capped.
 */
export function quoteDetail(detail: unknown): string {
  let text: string;
  if (typeof detail === 'string') text = detail;
  else if (Array.isArray(detail)) text = detail.map(validationItem).join('; ');
  else if (detail === undefined || detail === null) text = '';
  else text = safeJson(detail);
  text = scrubSecrets(text).replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').replace(/"/g, "'").trim();
  if (text.length > MAX_DETAIL) text = `${text.slice(0, MAX_DETAIL - 1)}…`;
  return text || 'no reason given';
}

function validationItem(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item !== 'object' || item === null) return safeJson(item);
  const { loc, msg } = item as { loc?: unknown; msg?: unknown };
  if (typeof msg !== 'string') return safeJson(item);
  const field = Array.isArray(loc) ? loc.filter((p) => p !== 'body' && p !== 'query' && p !== 'path').join('.') : '';
  return field ? `${field}: ${msg}` : msg;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The system error code under a fetch failure (undici nests it in `cause`). */
export function networkCodeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    if (current.name === 'TimeoutError') return 'TimeoutError';
    current = current.cause;
  }
  return error instanceof Error ? error.name : 'network_error';
}
