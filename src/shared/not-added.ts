// Why the preferences keep an item of this kind out of calendars, in words both
// front ends use ("Not added — …" in the window, "not added (…)" in ccal). The rule
// itself is the core's (sync/desired.ts kindWanted): a prep block needs reminders
// set as blocks with a time before the interview. Types only from domain.ts: the
// renderer imports this, and zod (which domain.ts loads) probes for eval, which the
// page's CSP refuses.
import type { ItemKind, Preferences } from './domain';

export function notAddedReason(kind: ItemKind, prefs: Preferences): string {
  if (!prefs.kinds[kind]) return 'this kind is off in Preferences';
  if (kind === 'reminder' && prefs.reminderStyle !== 'block') return 'reminders are set as alerts';
  if (kind === 'reminder' && prefs.reminderMinutes <= 0) return 'no reminder time is set';
  return 'switched off';
}
