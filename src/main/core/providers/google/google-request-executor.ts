// Runs every Google Calendar call the same way: through the account's rate limiter,
// then a retry loop — a rate-limit answer (429, or 403 rateLimitExceeded /
// userRateLimitExceeded) pauses the whole account's limiter for Retry-After or the
// backoff, 5xx and dropped connections back off this call only, a 401 refreshes
// the token once — and finally turns what is left into a ProviderError for the
// user (DESIGN §5 "Failures": "a rate-limit answer pauses the whole account").
import type { OAuth2Client } from 'google-auth-library';
import { ProviderError, assertNever } from '../../../../shared/errors';
import { safeCause } from '../../auth/safe-cause';
import type { Clock, Timers } from '../../ports';
import { backoffDelay } from '../../scheduler/backoff';
import type { RateLimiter } from '../../scheduler/rate-limiter';
import { createLogger } from '../../telemetry/logger';
import { classifyGoogleFailure, type GoogleFailure } from './google-failure';
import type { GoogleSession } from './google-session';

const log = createLogger('google-requests');

export interface RetryPolicy {
  /** Total tries per call, the first included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** A Retry-After longer than this is not waited out inside a call: the scheduler retries later. */
  maxRetryAfterMs: number;
}

const RATE_LIMITED_MESSAGE = 'Google is limiting how fast Career Copilot Calendar can sync right now. Your changes are kept and will go out automatically in a moment.';

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseMs: 500, capMs: 30_000, maxRetryAfterMs: 120_000 };

/** What the call needs, to name it when Google refuses permission. */
export type PermissionNeed = 'events' | 'calendarList';

export interface CallOptions {
  signal?: AbortSignal;
  need: PermissionNeed;
}

/** A call that may fail; its failures are classified by the executor. */
export type GoogleCall<T> = (client: OAuth2Client) => Promise<T>;

export interface RequestExecutorDeps {
  session: GoogleSession;
  limiter: RateLimiter;
  clock: Clock;
  timers: Timers;
  random: () => number;
  tokenUrl: string;
  policy?: RetryPolicy;
}

export class GoogleRequestExecutor {
  private readonly deps: RequestExecutorDeps;
  private readonly policy: RetryPolicy;

  constructor(deps: RequestExecutorDeps) {
    this.deps = deps;
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  }

  /**
   * Runs `call` until it succeeds or fails for good. Returns its value, or throws a
   * ProviderError for classified failures (404 is `provider_not_found`, 410 is
   * `sync_token_expired`-or-gone: callers that expect them catch by code).
   */
  async run<T>(call: GoogleCall<T>, options: CallOptions): Promise<T> {
    const { session, limiter, timers } = this.deps;
    const { signal } = options;
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      this.failIfPausedTooLong();
      const client = await session.client();
      const release = await limiter.acquire(signal);
      let failure: GoogleFailure;
      let caught: unknown;
      let delay = 0;
      try {
        const value = await call(client);
        await session.flush();
        return value;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof ProviderError) throw error; // already ours (e.g. a bad response body)
        caught = error;
        failure = classifyGoogleFailure(error, { tokenUrl: this.deps.tokenUrl, now: this.deps.clock.now() });
        if (failure.kind === 'rate_limited' || failure.kind === 'unavailable') {
          delay = backoffDelay(attempt, { baseMs: this.policy.baseMs, capMs: this.policy.capMs, retryAfterMs: failure.retryAfterMs, random: this.deps.random });
        }
        // Paused before the slot is released, so no queued request of this account
        // slips out between the refusal and the pause.
        if (failure.kind === 'rate_limited') limiter.pauseUntil(this.deps.clock.now().getTime() + delay);
      } finally {
        release();
      }

      switch (failure.kind) {
        case 'rate_limited':
        case 'unavailable': {
          const retryAfterMs = failure.retryAfterMs;
          if (attempt >= this.policy.maxAttempts || (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs)) {
            throw transientError(failure, caught, attempt);
          }
          log.info({ attempt, status: failure.status, reason: failure.reason, delay }, 'google request will be retried');
          // A rate limit waits in the limiter's pause with every other request; a
          // 5xx or a dropped connection backs off this call alone.
          if (failure.kind === 'unavailable') await timers.sleep(delay, signal);
          continue;
        }
        case 'unauthorized': {
          if (refreshedAfter401) throw session.authLost('access token refused after a refresh', safeCause(caught));
          refreshedAfter401 = true;
          await this.refreshAfter401(signal);
          continue;
        }
        case 'auth_lost':
          throw session.authLost(failure.reason, safeCause(caught));
        default:
          throw finalError(failure, caught, options.need);
      }
    }
  }

  /**
   * The account is paused for longer than a call may wait (a Retry-After beyond
   * maxRetryAfterMs): fail now, retryable, instead of holding a sync for minutes.
   */
  private failIfPausedTooLong(): void {
    const remaining = this.deps.limiter.pauseRemaining();
    if (remaining <= this.policy.maxRetryAfterMs) return;
    throw new ProviderError('provider_rate_limited', RATE_LIMITED_MESSAGE, { retryable: true, retryAfterMs: remaining, cause: new Error(`account paused for ${remaining} ms after a rate-limit answer`) });
  }

  private async refreshAfter401(signal: AbortSignal | undefined): Promise<void> {
    const { session } = this.deps;
    try {
      await session.forceRefresh();
      await session.flush();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof ProviderError) throw error;
      const failure = classifyGoogleFailure(error, { tokenUrl: this.deps.tokenUrl, now: this.deps.clock.now() });
      if (failure.kind === 'rate_limited' || failure.kind === 'unavailable') throw transientError(failure, error, 1);
      throw session.authLost(failure.kind === 'auth_lost' ? failure.reason : 'token refresh failed', safeCause(error));
    }
  }
}

function transientError(failure: Extract<GoogleFailure, { kind: 'rate_limited' | 'unavailable' }>, cause: unknown, attempts: number): ProviderError {
  const options = { cause: safeCause(cause), retryable: true, status: failure.status, retryAfterMs: failure.retryAfterMs };
  log.warn({ attempts, status: failure.status, reason: failure.reason }, 'google request gave up');
  return failure.kind === 'rate_limited'
    ? new ProviderError('provider_rate_limited', RATE_LIMITED_MESSAGE, options)
    : new ProviderError(
        'provider_unavailable',
        'Google Calendar could not be reached or had a temporary problem. Your changes are kept and will be sent when it answers again.',
        options,
      );
}

function finalError(failure: Exclude<GoogleFailure, { kind: 'rate_limited' | 'unavailable' | 'unauthorized' | 'auth_lost' }>, caught: unknown, need: PermissionNeed): ProviderError {
  const cause = safeCause(caught);
  switch (failure.kind) {
    case 'permission':
      return new ProviderError('provider_permission', permissionMessage(failure, need), { cause, status: failure.status });
    case 'not_found':
      return new ProviderError('provider_not_found', 'The calendar or event was not found in Google Calendar. It may have been deleted.', {
        cause,
        status: failure.status,
      });
    case 'gone':
      return new ProviderError('provider_not_found', 'The event is gone from Google Calendar.', { cause, status: failure.status });
    case 'conflict':
      return new ProviderError('provider_conflict', 'Google Calendar already has an event with this identifier.', { cause, status: failure.status });
    case 'precondition':
      return new ProviderError(
        'provider_precondition',
        'The event changed in Google Calendar since the app last read it. The app will read it again and redo the change.',
        { cause, status: failure.status },
      );
    case 'rejected':
      return new ProviderError(
        'provider_bad_response',
        'Google Calendar refused a request from the app. This is likely a bug in the app; details are in the log.',
        { cause, status: failure.status },
      );
    case 'unknown':
      return new ProviderError('provider_unavailable', 'Talking to Google Calendar failed unexpectedly. The app will try again later.', {
        cause,
        retryable: true,
      });
    default:
      return assertNever(failure, 'google failure');
  }
}

function permissionMessage(failure: Extract<GoogleFailure, { kind: 'permission' }>, need: PermissionNeed): string {
  if (failure.scope) {
    return need === 'calendarList'
      ? 'Google has not allowed Career Copilot Calendar to see your list of calendars. Reconnect your Google account and allow "See the list of your calendars" to pick a calendar, or keep using your primary calendar.'
      : 'Google has not allowed Career Copilot Calendar to edit your calendar events. Reconnect your Google account and allow "View and edit events on all your calendars".';
  }
  return 'Your Google account cannot change this calendar (it is read-only or shared with you without edit rights). Pick a calendar you own or can edit.';
}
