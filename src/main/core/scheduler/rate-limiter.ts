// Keeps one provider account under its quota: at most `maxRequests` request
// starts in any `windowMs` (a sliding window, as Google counts), and at most
// `maxConcurrent` in flight (Graph's ~4 per mailbox; gentle for Google too).
// Waiters are served first come, first served. A rate-limit answer pauses the
// whole account (DESIGN §5): pauseUntil() holds every request start, not just the
// one that was refused, because Google and Graph count the account, not the call.
// Time comes from the injected Clock and Timers so tests can drive it.
import type { Clock, Timers } from '../ports';

export interface RateLimiterOptions {
  maxRequests: number;
  windowMs: number;
  maxConcurrent: number;
  clock: Clock;
  timers: Timers;
}

/** Gives the concurrency slot back. Calling it more than once is harmless. */
export type Release = () => void;

interface Waiter {
  resolve: (release: Release) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | null;
}

export class RateLimiter {
  private readonly options: RateLimiterOptions;
  /** Start times (ms) of requests still inside the window, oldest first. */
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private active = 0;
  /** No request starts before this instant (epoch ms); 0 when not paused. */
  private pausedUntilMs = 0;
  /** The pending wake-up for when the oldest start leaves the window, if any. */
  private wake: { at: number; controller: AbortController } | null = null;

  constructor(options: RateLimiterOptions) {
    for (const key of ['maxRequests', 'windowMs', 'maxConcurrent'] as const) {
      const value = options[key];
      if (!Number.isFinite(value) || value < 1) throw new RangeError(`RateLimiter ${key} must be a positive number`);
    }
    this.options = options;
  }

  /** Resolves when a request may start; rejects with the signal's reason if aborted first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: null };
      if (signal) {
        waiter.onAbort = () => this.abandon(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * Holds every request start until `atMs` (epoch ms), e.g. the end of a
   * Retry-After. Requests in flight are not affected; a later pause extends it,
   * an earlier one never shortens it.
   */
  pauseUntil(atMs: number): void {
    if (!Number.isFinite(atMs) || atMs <= this.pausedUntilMs) return;
    this.pausedUntilMs = atMs;
    this.pump();
  }

  /** Milliseconds until requests may start again after a pause; 0 when not paused. */
  pauseRemaining(): number {
    return Math.max(0, this.pausedUntilMs - this.options.clock.now().getTime());
  }

  /** Requests in flight now. */
  inFlight(): number {
    return this.active;
  }

  /** Requests waiting for a slot. */
  waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    const now = this.options.clock.now().getTime();
    this.prune(now);
    if (now < this.pausedUntilMs) {
      if (this.queue.length === 0) this.cancelWake();
      else this.scheduleWake(this.pausedUntilMs);
      return;
    }
    while (this.queue.length > 0 && this.active < this.options.maxConcurrent && this.starts.length < this.options.maxRequests) {
      const waiter = this.queue.shift() as Waiter;
      this.grant(waiter, now);
    }
    if (this.queue.length === 0) {
      this.cancelWake();
      return;
    }
    // Blocked by the window (not by concurrency, which a release will unblock):
    // sleep until the oldest start slides out.
    if (this.active < this.options.maxConcurrent && this.starts.length >= this.options.maxRequests) {
      const oldest = this.starts[0] as number;
      this.scheduleWake(oldest + this.options.windowMs);
    }
  }

  private grant(waiter: Waiter, now: number): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
    this.starts.push(now);
    this.active += 1;
    let released = false;
    waiter.resolve(() => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.pump();
    });
  }

  private abandon(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index === -1) return;
    this.queue.splice(index, 1);
    waiter.reject(waiter.signal?.reason);
    if (this.queue.length === 0) this.cancelWake();
  }

  private prune(now: number): void {
    const horizon = now - this.options.windowMs;
    while (this.starts.length > 0 && (this.starts[0] as number) <= horizon) this.starts.shift();
  }

  private scheduleWake(at: number): void {
    if (this.wake && this.wake.at <= at) return;
    this.cancelWake();
    const controller = new AbortController();
    const wake = { at, controller };
    this.wake = wake;
    const delay = Math.max(0, at - this.options.clock.now().getTime());
    this.options.timers.sleep(delay, controller.signal).then(
      () => {
        if (this.wake === wake) this.wake = null;
        this.pump();
      },
      () => {
        // Cancelled: nobody is waiting any more, or an earlier wake replaced this one.
      },
    );
  }

  private cancelWake(): void {
    if (!this.wake) return;
    this.wake.controller.abort();
    this.wake = null;
  }
}
