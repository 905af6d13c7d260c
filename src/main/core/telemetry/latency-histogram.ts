// Sync latencies of days whose raw runs were pruned survive as a small sparse
// histogram: bucket i holds latencies up to ceil(2^(i/4)) ms, a quarter-octave
// apart, so a percentile read from it is high by at most 19%, 0 to 50 days fits
// in about 130 buckets, and a day's row stays a few hundred bytes.
import { z } from 'zod';

/** Bucket index (as a JSON key) → how many latencies fell in it. */
export type LatencyHistogram = Record<string, number>;

export const LatencyHistogramSchema = z.record(z.string().regex(/^\d{1,4}$/), z.number().int().nonnegative());

/** The largest latency bucket `i` holds, in ms. */
export function bucketUpperMs(i: number): number {
  return Math.ceil(2 ** (i / 4));
}

/** The first bucket whose upper bound holds `ms`. */
export function bucketOf(ms: number): number {
  if (!(ms > 1)) return 0;
  let i = Math.ceil(4 * Math.log2(ms));
  // Floating-point log2 can land one bucket off at a boundary, and rounding the
  // bounds up makes the first few buckets share one.
  while (bucketUpperMs(i) < ms) i += 1;
  while (i > 0 && bucketUpperMs(i - 1) >= ms) i -= 1;
  return i;
}

export function addLatency(histogram: LatencyHistogram, ms: number): void {
  const key = String(bucketOf(ms));
  histogram[key] = (histogram[key] ?? 0) + 1;
}

export function mergeHistograms(into: LatencyHistogram, from: LatencyHistogram): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

/** Reads a stored histogram; a damaged one counts as empty rather than failing the metrics page. */
export function parseHistogram(json: string): LatencyHistogram {
  try {
    const parsed = LatencyHistogramSchema.safeParse(JSON.parse(json) as unknown);
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * The q-quantile (0 < q ≤ 1, nearest rank) of exact latencies and bucketed ones
 * together; a bucketed latency counts as its bucket's upper bound. With no
 * buckets this is the nearest-rank percentile of `exact`.
 */
export function quantileMs(exact: readonly number[], histogram: LatencyHistogram, q: number): number | null {
  const points: { ms: number; count: number }[] = exact.map((ms) => ({ ms, count: 1 }));
  for (const [key, count] of Object.entries(histogram)) if (count > 0) points.push({ ms: bucketUpperMs(Number(key)), count });
  const total = points.reduce((n, p) => n + p.count, 0);
  if (total === 0) return null;
  points.sort((a, b) => a.ms - b.ms);
  const rank = Math.min(total, Math.max(1, Math.ceil(total * q)));
  let seen = 0;
  for (const point of points) {
    seen += point.count;
    if (seen >= rank) return point.ms;
  }
  return points.at(-1)?.ms ?? null;
}
