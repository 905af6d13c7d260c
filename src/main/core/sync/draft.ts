// What the app writes for an item, given the user's preferences. The hash of the
// draft (not of the raw item) is the link's base, so changing a preference such
// as busy-only or the reminder time updates every event once.
import { DateTime } from 'luxon';
import type { CalendarItem, Preferences } from '../../../shared/domain';
import type { EventDraft, RemoteEvent } from '../providers/provider';
import { stableHash, timeStateHash } from './hash';

export const MANAGED_FOOTER =
  'Added by Career Copilot Calendar. Moving or deleting this event updates Career Copilot; other edits are replaced by Career Copilot\'s details.';

/** Events that ended longer ago than this are not created (existing ones are left alone). */
const PAST_WINDOW_DAYS = 30;

export function isWanted(item: CalendarItem, prefs: Preferences, now: Date): boolean {
  if (item.cancelled || !prefs.kinds[item.kind]) return false;
  if (item.kind === 'reminder' && prefs.reminderStyle !== 'block') return false;
  const horizon = DateTime.fromJSDate(now).minus({ days: PAST_WINDOW_DAYS });
  const end = item.timing.type === 'timed' ? DateTime.fromISO(item.timing.endUtc) : DateTime.fromISO(item.timing.date).plus({ days: 1 });
  return end >= horizon;
}

export function idSeedFor(sourceId: string, generation: number): string {
  return generation === 0 ? sourceId : `${sourceId}#${generation}`;
}

export function buildDraft(item: CalendarItem, prefs: Preferences, generation = 0): EventDraft {
  const busyOnly = prefs.detail === 'busy_only';
  const alert = item.kind === 'interview' && prefs.kinds.reminder && prefs.reminderStyle === 'alert';
  return {
    sourceId: item.sourceId,
    idSeed: idSeedFor(item.sourceId, generation),
    title: busyOnly ? 'Busy' : item.title,
    timing: item.timing,
    location: busyOnly ? null : item.location,
    description: busyOnly ? null : [item.notes, MANAGED_FOOTER].filter((s) => s && s.trim()).join('\n\n'),
    reminderMinutes: alert ? [prefs.reminderMinutes] : [],
    // An all-day follow-up should not mark the whole day busy.
    transparency: item.timing.type === 'allDay' ? 'transparent' : 'opaque',
  };
}

export function draftHash(d: EventDraft): string {
  return stableHash(d);
}

/** The time/status state the calendar will have once this draft is written. */
export function draftTimeState(d: EventDraft): string {
  return timeStateHash(d.timing, false);
}

export function remoteTimeState(e: RemoteEvent): string {
  return timeStateHash(e.timing, e.cancelled);
}
