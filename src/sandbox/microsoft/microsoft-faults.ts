// Injected failures, consumed in order: failNext(2, {status: 503}) fails the next
// two Graph operations (a single request, or one step inside a $batch). With
// onlyPath the failure waits for a request whose path and query match, which is
// how a test fails the token endpoint instead. With afterWrite the operation runs
// and only its answer is the failure: a lost answer after a committed write.
import { GraphFailure, internalError, serviceUnavailable, gatewayTimeout, invalidToken, accessDenied, mailboxThrottled, aadError, type IdentityFailure } from './microsoft-errors';
import type { FailSpec } from './microsoft-types';

interface Queued {
  remaining: number;
  spec: FailSpec;
}

export class Faults {
  private readonly queue: Queued[] = [];

  failNext(count: number, spec: FailSpec): void {
    if (count > 0) this.queue.push({ remaining: count, spec });
  }

  /** The failure for this Graph operation or identity call, if one is queued for it. */
  take(pathAndQuery: string, isGraph: boolean): { failure: GraphFailure | IdentityFailure; afterWrite: boolean } | null {
    const index = this.queue.findIndex((q) => (q.spec.onlyPath ? q.spec.onlyPath.test(pathAndQuery) : isGraph));
    const entry = this.queue[index];
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(index, 1);
    return { failure: isGraph ? graphFailureFor(entry.spec) : identityFailureFor(entry.spec), afterWrite: isGraph && entry.spec.afterWrite === true };
  }
}

function graphFailureFor(spec: FailSpec): GraphFailure {
  const retry = spec.retryAfterSeconds;
  switch (spec.status) {
    case 401:
      return invalidToken('Lifetime validation failed, the token is expired.');
    case 403:
      return accessDenied();
    case 429:
      return mailboxThrottled(retry ?? 1);
    case 500:
      return internalError();
    case 503:
      return serviceUnavailable(retry);
    case 504:
      return gatewayTimeout();
  }
}

function identityFailureFor(spec: FailSpec): IdentityFailure {
  if (spec.status === 429) return aadError(429, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.');
  if (spec.status >= 500) return aadError(spec.status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.');
  return aadError(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.');
}
