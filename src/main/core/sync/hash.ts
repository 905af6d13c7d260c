import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Timing } from '../../../shared/domain';

/** Stable hash of a JSON value (keys sorted), short enough to store per row. */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('base64url').slice(0, 22);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The part of an event that may flow back from the calendar: when it happens and
 * whether it exists. Instants are compared, not zone labels, so a calendar that
 * reports the same moment in another zone is not a change.
 */
export function timeStateHash(timing: Timing | null, cancelled: boolean): string {
  return stableHash({ t: timing ? normalizeTiming(timing) : null, cancelled });
}

function normalizeTiming(t: Timing): unknown {
  if (t.type === 'allDay') return { d: t.date };
  const iso = (s: string): string => DateTime.fromISO(s, { setZone: true }).toUTC().toISO({ suppressMilliseconds: true }) ?? s;
  return { s: iso(t.startUtc), e: iso(t.endUtc) };
}
