// Reads RFC 3339 instants that carry their own offset ("…Z", "…+02:00") with the
// platform's Date: the offset is in the text, so no zone data is involved, and a
// parse allocates one number where luxon's DateTime.fromISO allocates a few dozen
// objects. It sits on the path of every planned item and every write (hashing a
// time state, reading an answer), where luxon was a third of all the allocation
// of a 10,000-event first sync. Anything else (no offset, a leap second, odd
// precision) is left to luxon (utcText), so what it accepts is read as before.
import { DateTime } from 'luxon';

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{3}))?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Milliseconds since the epoch for an instant with an explicit offset, or null (see above). */
export function instantMs(text: string): number | null {
  const m = WITH_OFFSET.exec(text);
  if (!m) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  // Date.parse may roll an impossible date over (30 February); luxon calls it invalid.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dayOfMonth = new Date(Date.UTC(year, month - 1, day));
  if (dayOfMonth.getUTCFullYear() !== year || dayOfMonth.getUTCMonth() !== month - 1 || dayOfMonth.getUTCDate() !== day) return null;
  return ms;
}

/** The instant in UTC as luxon's `toUTC().toISO()` writes it: milliseconds always, or only when not zero. */
export function utcIso(ms: number, suppressZeroMilliseconds: boolean): string {
  const text = new Date(ms).toISOString();
  return suppressZeroMilliseconds && ms % 1000 === 0 ? `${text.slice(0, -5)}Z` : text;
}

/**
 * An instant's text in UTC, as utcIso writes it: read with Date when the text has
 * its own offset, else by luxon in `zone` (the computer's when none is given).
 * Null when neither can read it.
 */
export function utcText(text: string, suppressZeroMilliseconds: boolean, zone?: string): string | null {
  const ms = instantMs(text);
  if (ms !== null) return utcIso(ms, suppressZeroMilliseconds);
  const d = DateTime.fromISO(text, zone ? { zone } : { setZone: true });
  return d.isValid ? d.toUTC().toISO({ suppressMilliseconds: suppressZeroMilliseconds }) : null;
}
