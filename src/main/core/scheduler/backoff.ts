// How long to wait before retrying a failed provider request. Exponential with
// "full jitter" (a random delay between 0 and the exponential ceiling) so that many
// clients failing together do not retry together; never shorter than what the
// provider asked for with Retry-After, because retrying earlier only burns quota.

export interface BackoffOptions {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** The exponential ceiling stops growing here. */
  capMs: number;
  /** The provider's Retry-After, when it sent one: a floor, not a suggestion. */
  retryAfterMs?: number | null;
  /** A number in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry, 2 for the second…).
 * Full jitter: uniform in [0, min(cap, base·2^(attempt-1))), then raised to Retry-After.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const step = Math.max(0, Math.floor(attempt) - 1);
  // 2^step overflows to Infinity for absurd attempts; min() keeps it at the cap.
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** step);
  const r = Math.min(Math.max(options.random(), 0), 1);
  const jittered = Math.floor(r * ceiling);
  const floor = options.retryAfterMs != null && options.retryAfterMs > 0 ? Math.ceil(options.retryAfterMs) : 0;
  return Math.max(jittered, floor);
}

/**
 * Parses an HTTP Retry-After value (delta-seconds or an HTTP-date) into
 * milliseconds from `now`. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
