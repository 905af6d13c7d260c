// Runs every Graph call the same way: wait while the account is paused, get an
// access token, take the account's rate-limiter slots (4 concurrent per mailbox;
// a $batch takes as many as it may run at once), then retry — a 429 or a 503
// with Retry-After pauses the whole account for that long (every other request
// of the account waits too, DESIGN §5), other 5xx and dropped connections back
// off with jitter, a 401 gets a fresh token once — and finally turns what is left
// into a ProviderError for the user.
import { ProviderError, assertNever } from '../../../../shared/errors';
import type { Clock, Timers } from '../../ports';
import { backoffDelay } from '../../scheduler/backoff';
import type { RateLimiter, Release } from '../../scheduler/rate-limiter';
import { createLogger } from '../../telemetry/logger';
import { classifyGraphError, graphCause, type GraphFailure } from './microsoft-failure';
import type { MicrosoftSession } from './microsoft-session';

const log = createLogger('microsoft-requests');

export interface RetryPolicy {
  /** Total tries per call, the first included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** A Retry-After longer than this is not waited out inside a call: the scheduler retries later. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseMs: 500, capMs: 30_000, maxRetryAfterMs: 120_000 };

/** What a call is for, to name it when Microsoft refuses permission. */
export type PermissionNeed = 'events' | 'calendars';

export interface CallOptions {
  signal?: AbortSignal;
  need: PermissionNeed;
  /** Limiter slots the call holds: 1, or up to 4 for a $batch Outlook runs 4 steps of at once. */
  slots?: number;
}

/** The whole account waits while it is paused (after a 429 or a 503 with Retry-After). */
export class PauseGate {
  private until = 0;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
  ) {}

  pause(ms: number): void {
    this.until = Math.max(this.until, this.clock.now().getTime() + ms);
  }

  /** Milliseconds left of the pause; 0 when not paused. */
  remaining(): number {
    return Math.max(0, this.until - this.clock.now().getTime());
  }

  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.remaining(); left > 0; left = this.remaining()) {
      const until = this.until;
      await this.timers.sleep(left, signal);
      // Sat out, whatever the clock says now (it need not move with the sleep); only a longer pause set meanwhile still holds.
      if (this.until === until) this.until = 0;
    }
  }
}

export interface ExecutorDeps {
  session: MicrosoftSession;
  limiter: RateLimiter;
  gate: PauseGate;
  clock: Clock;
  timers: Timers;
  random: () => number;
  policy?: RetryPolicy;
}

export class GraphRequestExecutor {
  readonly policy: RetryPolicy;

  constructor(private readonly deps: ExecutorDeps) {
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  }

  /** Runs `call` with a token until it succeeds or fails for good (a ProviderError). */
  async run<T>(call: (token: string) => Promise<T>, options: CallOptions): Promise<T> {
    const { signal } = options;
    let refreshed = false;
    let forceRefresh = false;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      // A pause longer than a call may wait is the scheduler's to sit out, not this call's.
      const paused = this.deps.gate.remaining();
      if (paused > this.policy.maxRetryAfterMs) throw transientError({ kind: 'rate_limited', status: 429, code: 'paused', retryAfterMs: paused }, new Error('the account is paused after a rate limit'), 0);
      await this.deps.gate.wait(signal);
      const token = await this.deps.session.accessToken(forceRefresh);
      forceRefresh = false;
      const releases = await this.acquire(options.slots ?? 1, signal);
      let failure: GraphFailure;
      let caught: unknown;
      try {
        return await call(token);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof ProviderError) throw error; // already ours (e.g. an unreadable body)
        caught = error;
        failure = classifyGraphError(error, this.deps.clock.now());
      } finally {
        for (const release of releases) release();
      }
      if (failure.kind === 'rate_limited' || failure.kind === 'unavailable') {
        await this.waitBeforeRetry(failure, attempt, caught, signal);
        continue;
      }
      if (failure.kind === 'unauthorized') {
        if (refreshed) throw this.deps.session.authLost('access token refused after a refresh', graphCause(caught));
        refreshed = true;
        forceRefresh = true;
        continue;
      }
      throw finalError(failure, caught, options.need);
    }
  }

  /**
   * Waits before retry `attempt`, or throws when the retries are used up or the
   * service asked for a longer wait than a call may take. A rate limit, and any
   * Retry-After, pause the whole account; a bare 5xx only delays this call.
   */
  async waitBeforeRetry(failure: Extract<GraphFailure, { kind: 'rate_limited' | 'unavailable' }>, attempt: number, cause: unknown, signal?: AbortSignal): Promise<void> {
    const { retryAfterMs } = failure;
    if (attempt >= this.policy.maxAttempts || (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs)) {
      if (failure.kind === 'rate_limited' && retryAfterMs !== null) this.deps.gate.pause(retryAfterMs);
      throw transientError(failure, cause, attempt);
    }
    const delay = backoffDelay(attempt, { baseMs: this.policy.baseMs, capMs: this.policy.capMs, retryAfterMs, random: this.deps.random });
    log.info({ attempt, status: failure.status, code: failure.code, delay }, 'graph request will be retried');
    if (failure.kind === 'rate_limited' || retryAfterMs !== null) {
      this.deps.gate.pause(delay);
      await this.deps.gate.wait(signal);
    } else {
      await this.deps.timers.sleep(delay, signal);
    }
  }

  /** Slots one after another: only one $batch asks for several at a time (the batcher sends one at a time). */
  private async acquire(count: number, signal?: AbortSignal): Promise<Release[]> {
    const releases: Release[] = [];
    try {
      for (let i = 0; i < count; i += 1) releases.push(await this.deps.limiter.acquire(signal));
      return releases;
    } catch (error) {
      for (const release of releases) release();
      throw error;
    }
  }
}

export function transientError(failure: Extract<GraphFailure, { kind: 'rate_limited' | 'unavailable' }>, cause: unknown, attempts: number): ProviderError {
  const options = { cause: graphCause(cause), retryable: true, status: failure.status, retryAfterMs: failure.retryAfterMs };
  log.warn({ attempts, status: failure.status, code: failure.code }, 'graph request gave up');
  return failure.kind === 'rate_limited'
    ? new ProviderError('provider_rate_limited', 'Outlook is limiting how fast Career Copilot Calendar can sync right now. Your changes are kept and will go out automatically in a moment.', options)
    : new ProviderError('provider_unavailable', 'Outlook could not be reached or had a temporary problem. Your changes are kept and will be sent when it answers again.', options);
}

export function finalError(failure: Exclude<GraphFailure, { kind: 'rate_limited' | 'unavailable' | 'unauthorized' }>, caught: unknown, need: PermissionNeed): ProviderError {
  const cause = graphCause(caught);
  switch (failure.kind) {
    case 'permission':
      return new ProviderError(
        'provider_permission',
        need === 'calendars'
          ? 'Microsoft has not allowed Career Copilot Calendar to see or create your calendars. Reconnect your Outlook account and accept the permissions it asks for.'
          : 'Microsoft has not allowed Career Copilot Calendar to edit this calendar (it may be read-only or shared with you without edit rights). Pick a calendar you own, or reconnect and accept "Have full access to your calendars".',
        { cause, status: failure.status },
      );
    case 'not_found':
      return new ProviderError('provider_not_found', 'The calendar or event was not found in Outlook. It may have been deleted.', { cause, status: failure.status });
    case 'gone':
      return new ProviderError('sync_token_expired', 'Outlook no longer remembers where the last sync stopped; the app lists the calendar again.', { cause, status: failure.status, retryable: true });
    case 'precondition':
      return new ProviderError('provider_precondition', 'The event changed in Outlook since the app last read it. The app will read it again and redo the change.', { cause, status: failure.status });
    case 'conflict':
      return new ProviderError('provider_conflict', 'Outlook already has something with this name or identifier.', { cause, status: failure.status });
    case 'rejected':
      return new ProviderError('provider_bad_response', 'Outlook refused a request from the app. This is likely a bug in the app; details are in the log.', { cause, status: failure.status });
    case 'unknown':
      return new ProviderError('provider_unavailable', 'Talking to Outlook failed unexpectedly. The app will try again later.', { cause, retryable: true });
    default:
      return assertNever(failure, 'graph failure');
  }
}
