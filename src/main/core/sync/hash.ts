import { hash } from 'node:crypto';
import type { Timing } from '../../../shared/domain';
import { utcText } from '../time/instant';

/**
 * Stable hash of a JSON value (keys sorted), short enough to store per row. The
 * one-shot crypto.hash, not createHash: a Hash object holds a native digest
 * context until the GC frees it, and several are made per write.
 */
export function stableHash(value: unknown): string {
  return hash('sha256', stableStringify(value), 'base64url').slice(0, 22);
}

/**
 * JSON with object keys sorted (UTF-16 order) and undefined members left out. Built
 * as one string without intermediate arrays: it runs for every planned item and
 * every write. Its output must never change — links store hashes of it.
 */
export function stableStringify(value: unknown): string {
  // Typed as string as JSON.stringify is: only a bare undefined or function has no text.
  return text(value) as string;
}

/** The text of a value, or undefined where JSON has none (undefined, a function), as JSON.stringify answers. */
function text(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  if (Array.isArray(value)) {
    let out = '[';
    // An element with no JSON text is written as nothing, as Array.prototype.join writes undefined.
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${text(value[i]) ?? ''}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of sortInPlace(Object.keys(record))) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${String(text(member))}`;
  }
  return `${out}}`;
}

/**
 * Sorts keys (UTF-16 order, as Array.prototype.sort compares strings) in place by
 * insertion: an object has a handful of keys, and the built-in sort copies the
 * array into a work area on every call, which over a big sync was the most
 * allocated thing per write (docs/DESIGN.md, "Memory").
 */
function sortInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
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
  const iso = (s: string): string => utcText(s, true) ?? s;
  return { s: iso(t.startUtc), e: iso(t.endUtc) };
}
