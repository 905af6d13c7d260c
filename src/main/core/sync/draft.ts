// What the app writes for an item, given the user's preferences. The draft's hash
// is the link's base_draft_hash: a change of rendering (busy-only, reminder time,
// zone) updates every live event once, and never counts as news from Career Copilot.
import type { CalendarItem, Preferences, Timing } from '../../../shared/domain';
import type { EventDraft, RemoteEvent } from '../providers/provider';
import { stableHash, timeStateHash } from './hash';

export const MANAGED_FOOTER =
  'Added by Career Copilot Calendar. Moving or deleting this event updates Career Copilot; other edits are replaced by Career Copilot\'s details.';

/** The create key (idempotency key) of an item's n-th event: stable across retries of one create. */
export function createKey(sourceId: string, generation: number): string {
  return generation === 0 ? sourceId : `${sourceId}#${generation}`;
}

export function buildDraft(item: CalendarItem, prefs: Preferences): EventDraft {
  const busyOnly = prefs.detail === 'busy_only';
  const alert = item.kind === 'interview' && prefs.kinds.reminder && prefs.reminderStyle === 'alert' && prefs.reminderMinutes > 0;
  return {
    sourceId: item.sourceId,
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

/** The time state the calendar will have once this draft is written. */
export function draftTimeState(d: EventDraft): string {
  return timeStateHash(d.timing, false);
}

export function remoteTimeState(e: Pick<RemoteEvent, 'timing'>): string {
  return timeStateHash(e.timing, false);
}

export function timingState(t: Timing): string {
  return timeStateHash(t, false);
}
