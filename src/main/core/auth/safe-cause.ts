// Errors from HTTP libraries carry the request they failed on: headers with the
// bearer token, form bodies with refresh tokens and PKCE verifiers, URLs with
// tokens in the query. We never keep those objects as an AppError's cause; we keep
// this summary instead, built only from parts that hold no secret.
import { gaxios } from 'google-auth-library';
import { scrubSecrets } from '../telemetry/redact';

export interface HttpFailureSummary {
  status: number | null;
  /** System / library code, e.g. ECONNRESET, TimeoutError. */
  code: string | null;
  method: string | null;
  /** Origin and path only; the query can hold tokens. */
  endpoint: string | null;
}

export class HttpFailure extends Error implements HttpFailureSummary {
  readonly status: number | null;
  readonly code: string | null;
  readonly method: string | null;
  readonly endpoint: string | null;
  constructor(message: string, summary: HttpFailureSummary) {
    super(scrubSecrets(message));
    this.name = 'HttpFailure';
    this.status = summary.status;
    this.code = summary.code;
    this.method = summary.method;
    this.endpoint = summary.endpoint;
  }
}

/** A secret-free stand-in for `error`, fit to be an AppError's cause and to be logged. */
export function safeCause(error: unknown): Error {
  if (error instanceof HttpFailure) return error;
  if (error instanceof gaxios.GaxiosError) {
    const summary: HttpFailureSummary = {
      status: error.response?.status ?? error.status ?? null,
      code: typeof error.code === 'string' ? error.code : (networkCode(error) ?? null),
      method: error.config?.method ?? null,
      endpoint: endpointOf(error.config?.url),
    };
    const where = [summary.method, summary.endpoint].filter(Boolean).join(' ');
    const what = summary.status !== null ? `HTTP ${summary.status}` : (summary.code ?? 'no response');
    return new HttpFailure(`${where || 'request'} failed (${what}): ${error.message}`, summary);
  }
  if (error instanceof Error) {
    const copy = new Error(scrubSecrets(error.message));
    copy.name = error.name;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code });
    return copy;
  }
  return new Error(scrubSecrets(String(error)));
}

/** The system error code under a fetch failure (undici puts it on the cause). */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function endpointOf(url: string | URL | undefined): string | null {
  if (url === undefined) return null;
  try {
    const parsed = new URL(url.toString());
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}
