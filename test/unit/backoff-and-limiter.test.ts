import { describe, expect, it } from 'vitest';
import type { Clock, Timers } from '../../src/main/core/ports';
import { backoffDelay, parseRetryAfter } from '../../src/main/core/scheduler/backoff';
import { RateLimiter, type Release } from '../../src/main/core/scheduler/rate-limiter';

/** A manual clock whose sleeps resolve only when the test advances time. */
class FakeTime implements Clock, Timers {
  private nowMs = Date.parse('2026-01-01T00:00:00Z');
  private sleepers: { at: number; resolve: () => void }[] = [];

  now(): Date {
    return new Date(this.nowMs);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { at: this.nowMs + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal.reason);
      });
    });
  }

  pending(): number {
    return this.sleepers.length;
  }

  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      await flush();
      const next = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.nowMs = next.at;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.resolve();
    }
    this.nowMs = target;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('backoffDelay', () => {
  const base = { baseMs: 500, capMs: 30_000 };

  it('grows exponentially under full jitter and stops at the cap', () => {
    const max = (attempt: number) => backoffDelay(attempt, { ...base, random: () => 0.999999 });
    expect(max(1)).toBe(499);
    expect(max(2)).toBe(999);
    expect(max(3)).toBe(1999);
    expect(max(7)).toBe(29_999);
    expect(max(50)).toBe(29_999);
    expect(max(5000)).toBe(29_999);
  });

  it('is uniform between zero and the ceiling (full jitter)', () => {
    expect(backoffDelay(3, { ...base, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...base, random: () => 0.5 })).toBe(1000);
  });

  it('never waits less than Retry-After, even with jitter at zero', () => {
    expect(backoffDelay(1, { ...base, retryAfterMs: 1000, random: () => 0 })).toBe(1000);
    expect(backoffDelay(1, { ...base, retryAfterMs: 45_000, random: () => 0.9 })).toBe(45_000);
    // A larger jittered delay is kept.
    expect(backoffDelay(6, { ...base, retryAfterMs: 1000, random: () => 0.5 })).toBe(8000);
    expect(backoffDelay(1, { ...base, retryAfterMs: null, random: () => 0 })).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 2.5 ', now)).toBe(2500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('RateLimiter', () => {
  function limiter(time: FakeTime, maxRequests: number, maxConcurrent: number, windowMs = 60_000) {
    return new RateLimiter({ maxRequests, windowMs, maxConcurrent, clock: time, timers: time });
  }

  it('lets N requests start per sliding window, then waits for the oldest to slide out', async () => {
    const time = new FakeTime();
    const l = limiter(time, 3, 10);
    const granted: number[] = [];
    const take = (n: number) => l.acquire().then((release) => {
      granted.push(n);
      release();
    });
    void take(1);
    await time.advance(10_000);
    void take(2);
    void take(3);
    void take(4);
    void take(5);
    await time.advance(0);
    expect(granted).toEqual([1, 2, 3]);
    // The first start was at t=0; it leaves the window at t=60 s.
    await time.advance(49_999);
    expect(granted).toEqual([1, 2, 3]);
    await time.advance(1);
    expect(granted).toEqual([1, 2, 3, 4]);
    // 2 and 3 started at t=10 s, so 5 waits until t=70 s.
    await time.advance(9_999);
    expect(granted).toEqual([1, 2, 3, 4]);
    await time.advance(1);
    expect(granted).toEqual([1, 2, 3, 4, 5]);
  });

  it('never has more than maxConcurrent in flight, and serves waiters in order', async () => {
    const time = new FakeTime();
    const l = limiter(time, 100, 2);
    const order: number[] = [];
    const releases: Release[] = [];
    for (let i = 1; i <= 5; i += 1) {
      void l.acquire().then((release) => {
        order.push(i);
        releases.push(release);
      });
    }
    await time.advance(0);
    expect(order).toEqual([1, 2]);
    expect(l.inFlight()).toBe(2);
    expect(l.waiting()).toBe(3);
    releases[0]?.();
    releases[0]?.(); // a second call must not free a second slot
    await time.advance(0);
    expect(order).toEqual([1, 2, 3]);
    expect(l.inFlight()).toBe(2);
    releases[1]?.();
    releases[2]?.();
    await time.advance(0);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects an aborted waiter with the signal reason and keeps serving the others', async () => {
    const time = new FakeTime();
    const l = limiter(time, 1, 5);
    const first = await l.acquire();
    const controller = new AbortController();
    const aborted = l.acquire(controller.signal);
    const next = l.acquire();
    controller.abort(new Error('user cancelled'));
    await expect(aborted).rejects.toThrow('user cancelled');
    expect(l.waiting()).toBe(1);
    first();
    await time.advance(60_000);
    await expect(next).resolves.toBeTypeOf('function');
    // An already-aborted signal fails fast.
    await expect(l.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('cancels its wake-up when nobody is waiting any more', async () => {
    const time = new FakeTime();
    const l = limiter(time, 1, 5);
    await l.acquire();
    const controller = new AbortController();
    const waiting = l.acquire(controller.signal).catch(() => 'aborted');
    await time.advance(0);
    expect(time.pending()).toBe(1);
    controller.abort();
    await expect(waiting).resolves.toBe('aborted');
    await time.advance(0);
    expect(time.pending()).toBe(0);
  });

  it('keeps 590 per minute under a burst of 1200', async () => {
    const time = new FakeTime();
    const l = limiter(time, 590, 1000);
    const startedAt: number[] = [];
    const all = Array.from({ length: 1200 }, () =>
      l.acquire().then((release) => {
        startedAt.push(time.now().getTime());
        release();
      }),
    );
    await time.advance(0);
    expect(startedAt).toHaveLength(590);
    await time.advance(120_000);
    await Promise.all(all);
    // In every 60 s window, no more than 590 starts.
    for (let i = 0; i < startedAt.length; i += 1) {
      const inWindow = startedAt.filter((t) => t >= (startedAt[i] as number) && t < (startedAt[i] as number) + 60_000);
      expect(inWindow.length).toBeLessThanOrEqual(590);
    }
  });

  it('holds every start until a pause ends, in flight requests untouched, then serves in order', async () => {
    const time = new FakeTime();
    const l = limiter(time, 100, 4);
    const inFlight = await l.acquire();
    const t0 = time.now().getTime();
    l.pauseUntil(t0 + 5_000);
    expect(l.pauseRemaining()).toBe(5_000);
    const granted: number[] = [];
    for (let i = 1; i <= 3; i += 1) void l.acquire().then(() => granted.push(i));
    await time.advance(0);
    expect(granted).toEqual([]);
    inFlight(); // a release during the pause frees a slot but starts nothing
    await time.advance(4_999);
    expect(granted).toEqual([]);
    await time.advance(1);
    expect(granted).toEqual([1, 2, 3]);
    expect(l.pauseRemaining()).toBe(0);
  });

  it('extends a pause with a later one and never shortens it', async () => {
    const time = new FakeTime();
    const l = limiter(time, 100, 4);
    const t0 = time.now().getTime();
    l.pauseUntil(t0 + 1_000);
    l.pauseUntil(t0 + 3_000);
    l.pauseUntil(t0 + 2_000);
    const granted: number[] = [];
    void l.acquire().then(() => granted.push(time.now().getTime() - t0));
    await time.advance(2_999);
    expect(granted).toEqual([]);
    await time.advance(1);
    expect(granted).toEqual([3_000]);
  });

  it('schedules no wake-up for a pause nobody waits on, and honours it for later arrivals', async () => {
    const time = new FakeTime();
    const l = limiter(time, 100, 4);
    const t0 = time.now().getTime();
    l.pauseUntil(t0 + 1_000);
    await time.advance(0);
    expect(time.pending()).toBe(0);
    await time.advance(400);
    let granted = false;
    void l.acquire().then(() => (granted = true));
    await time.advance(599);
    expect(granted).toBe(false);
    await time.advance(1);
    expect(granted).toBe(true);
  });

  it('refuses nonsense limits', () => {
    const time = new FakeTime();
    expect(() => limiter(time, 0, 1)).toThrow(RangeError);
    expect(() => limiter(time, 1, 0)).toThrow(RangeError);
  });
});
