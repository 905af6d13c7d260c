import { describe, expect, it } from 'vitest';
import { quotaBound } from '../../bench/quota-bound';

describe('quota bound (bench)', () => {
  it('is one waited-out window plus the last window at the concurrency limit, not N ÷ Q', () => {
    // 1,000 writes at the client's 590/min, 4 in flight, 50 ms: 60 s + ⌈410/4⌉ × 50 ms.
    const b = quotaBound({ requests: 1000, perMinute: 590, concurrency: 4, latencyMs: 50 });
    expect(b.fullWindows).toBe(1);
    expect(b.lastWindow).toBe(410);
    expect(b.seconds).toBeCloseTo(65.15, 10);
    expect(quotaBound({ requests: 1000, perMinute: 600, concurrency: 4, latencyMs: 50 }).seconds).toBeCloseTo(65, 10);
  });

  it('is the latency bound alone when everything fits in one window', () => {
    expect(quotaBound({ requests: 600, perMinute: 600, concurrency: 4, latencyMs: 50 }).seconds).toBeCloseTo(7.5, 10);
    expect(quotaBound({ requests: 1, perMinute: 600, concurrency: 4, latencyMs: 50 }).seconds).toBeCloseTo(0.05, 10);
    expect(quotaBound({ requests: 601, perMinute: 600, concurrency: 4, latencyMs: 50 }).seconds).toBeCloseTo(60.05, 10);
  });
});
