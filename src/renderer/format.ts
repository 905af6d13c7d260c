// Dates and times in the user's chosen zone (Preferences.timeZone), with the
// system's locale, via Intl — no time-zone data of our own in the renderer.
import type { Timing } from '../shared/domain';

function zoneOrLocal(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return zone;
  } catch {
    return undefined; // an unknown zone falls back to the computer's own
  }
}

export function formatTiming(timing: Timing, zone: string): string {
  if (timing.type === 'allDay') {
    // An all-day date names a calendar day, not an instant: format it in UTC so
    // no zone shifts it to the day before.
    const day = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    return `${day.format(new Date(`${timing.date}T00:00:00Z`))} · all day`;
  }
  const format = new Intl.DateTimeFormat(undefined, {
    timeZone: zoneOrLocal(zone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  return format.formatRange(new Date(timing.startUtc), new Date(timing.endUtc));
}

/** Sort key: the instant an item starts (all-day items at the start of their day, UTC). */
export function startMillis(timing: Timing): number {
  return timing.type === 'allDay' ? Date.parse(`${timing.date}T00:00:00Z`) : Date.parse(timing.startUtc);
}

export function formatInstant(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: zoneOrLocal(zone), dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
