// Google lets the client choose an event's id, which makes creates idempotent: a
// retry after a crash hits 409 instead of making a duplicate (DESIGN §5). Google's
// rule: 5–1024 characters from base32hex (RFC 4648 §7: 0-9 and a-v, lowercase).
import { InvalidInputError } from '../../../../shared/errors';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const ID_PREFIX = 'ccal:';
const MAX_ID_LENGTH = 1024;

/** RFC 4648 base32hex, lowercase, no padding. */
export function base32hex(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1; // keep only the bits not yet written
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The Google event id for a Career Copilot source id; the same input always gives the same id. */
export function googleEventIdFor(sourceId: string): string {
  const id = base32hex(new TextEncoder().encode(`${ID_PREFIX}${sourceId}`));
  if (id.length > MAX_ID_LENGTH) {
    throw new InvalidInputError('This item has an unusually long identifier and cannot be written to Google Calendar.');
  }
  return id;
}

/** Whether `id` satisfies Google's rules for a client-chosen event id. */
export function isValidGoogleEventId(id: string): boolean {
  return id.length >= 5 && id.length <= MAX_ID_LENGTH && /^[0-9a-v]+$/.test(id);
}
