// Whether a string names a time zone the runtime knows, answered once per name.
// luxon's IANAZone.isValidZone builds a new Intl.DateTimeFormat on every call, and
// each one holds tens of KiB of ICU memory outside the JS heap that V8 does not
// count when it decides to collect: asked a few times per event, a 10,000-event
// sync kept hundreds of MiB of dead formatters alive. Only valid names are
// remembered, so the cache is bounded by the zone database, not by input.
import { IANAZone } from 'luxon';

const known = new Set<string>();

export function isKnownZone(name: string): boolean {
  if (known.has(name)) return true;
  if (!IANAZone.isValidZone(name)) return false;
  known.add(name);
  return true;
}
