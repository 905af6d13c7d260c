// The latency histogram behind rolled-up days: each latency lands in the one
// bucket whose bounds hold it, a percentile read from buckets is high by at most
// 19%, and with no buckets the percentile is the exact nearest rank.
import { describe, expect, it } from 'vitest';
import { addLatency, bucketOf, bucketUpperMs, parseHistogram, quantileMs, type LatencyHistogram } from '../../src/main/core/telemetry/latency-histogram';

describe('latency histogram', () => {
  it('puts each latency in the first bucket whose upper bound holds it, at most 19% above it', () => {
    for (const ms of [0, 1, 2, 3, 7, 10, 99, 100, 1_000, 1_024, 1_025, 59_999, 3_600_000, 4_000_000_000]) {
      const i = bucketOf(ms);
      expect(bucketUpperMs(i)).toBeGreaterThanOrEqual(ms);
      if (i > 0) expect(bucketUpperMs(i - 1)).toBeLessThan(ms);
      if (ms >= 10) expect(bucketUpperMs(i) / ms).toBeLessThanOrEqual(1.19 + 1e-9);
    }
    expect(bucketOf(4_320_000_000)).toBeLessThanOrEqual(130); // 50 days
  });

  it('gives the exact nearest-rank percentile when there are no buckets', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i * 7919) % 1_000).sort((a, b) => a - b);
    expect(quantileMs(values, {}, 0.95)).toBe(values[Math.ceil(values.length * 0.95) - 1]);
    expect(quantileMs([42], {}, 0.95)).toBe(42);
    expect(quantileMs([], {}, 0.95)).toBeNull();
  });

  it('merges exact values with bucketed ones, a bucket counting as its upper bound', () => {
    const hist: LatencyHistogram = {};
    for (let k = 0; k < 95; k++) addLatency(hist, 100);
    for (let k = 0; k < 5; k++) addLatency(hist, 10_000);
    expect(quantileMs([], hist, 0.95)).toBe(bucketUpperMs(bucketOf(100)));
    expect(quantileMs([20_000], hist, 0.95)).toBe(bucketUpperMs(bucketOf(10_000)));
  });

  it('reads a damaged stored histogram as empty', () => {
    expect(parseHistogram('{"12": 3}')).toEqual({ '12': 3 });
    expect(parseHistogram('not json')).toEqual({});
    expect(parseHistogram('{"x": -1}')).toEqual({});
  });
});
