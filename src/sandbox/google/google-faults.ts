// Injected failures, consumed in the order they were queued: failNext(2, 429)
// then failNext(1, 503) fails the next two matching requests with 429 and the one
// after with 503. Without onlyPath a failure hits only Calendar API requests, so a
// token refresh in between does not eat it.
import { backendError, badGateway, insufficientScopes, invalidCredentials, isRateLimitReason, rateLimited, apiError, SandboxFailure } from './google-errors';
import { isApiPath } from './google-routes';
import type { FailSpec } from './google-types';

interface Queued {
  remaining: number;
  spec: FailSpec;
}

export class Faults {
  private readonly queue: Queued[] = [];
  private drops = 0;

  failNext(count: number, spec: FailSpec): void {
    if (count > 0) this.queue.push({ remaining: count, spec });
  }

  dropNext(count: number): void {
    this.drops += Math.max(0, count);
  }

  /** True when this request's connection should be cut without an answer. */
  takeDrop(pathname: string): boolean {
    if (this.drops === 0 || !isApiPath(pathname)) return false;
    this.drops -= 1;
    return true;
  }

  /** The failure to answer with, if one is queued for this path. */
  takeFailure(pathAndQuery: string, pathname: string): SandboxFailure | null {
    const index = this.queue.findIndex((q) => (q.spec.onlyPath ? q.spec.onlyPath.test(pathAndQuery) : isApiPath(pathname)));
    const entry = this.queue[index];
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(index, 1);
    return failureFor(entry.spec);
  }
}

/** The body Google sends for each injected status. */
export function failureFor(spec: FailSpec): SandboxFailure {
  const retry: Record<string, string> = spec.retryAfterSeconds !== undefined ? { 'Retry-After': String(spec.retryAfterSeconds) } : {};
  const withRetry = (f: SandboxFailure): SandboxFailure => new SandboxFailure(f.status, f.payload, f.contentType, { ...f.headers, ...retry });
  switch (spec.status) {
    case 401:
      return withRetry(invalidCredentials());
    case 403:
      if (spec.reason === 'insufficientPermissions') return withRetry(insufficientScopes());
      if (!spec.reason || isRateLimitReason(spec.reason)) return rateLimited(403, spec.reason ?? 'rateLimitExceeded', spec.retryAfterSeconds);
      return withRetry(apiError(403, spec.reason, spec.reason === 'forbidden' ? 'Forbidden' : spec.reason));
    case 429:
      return rateLimited(429, spec.reason && isRateLimitReason(spec.reason) ? spec.reason : 'rateLimitExceeded', spec.retryAfterSeconds);
    case 500:
      return withRetry(backendError());
    case 502:
      return withRetry(badGateway());
    case 503:
      return withRetry(apiError(503, spec.reason ?? 'backendError', 'The service is currently unavailable.', { rpcStatus: 'UNAVAILABLE' }));
  }
}
