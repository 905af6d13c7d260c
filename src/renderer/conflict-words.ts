// A conflict in plain words, in the user's zone: what each side did and when,
// and which fields differ, for the side-by-side table.
import type { ConflictPolicy, ConflictView, Timing } from '../shared/domain';
import { formatDay, formatStart, formatTimeOfDay, relative } from './format';

export interface ConflictStory {
  calendarLine: string;
  copilotLine: string;
  rows: { label: string; copilot: string; calendar: string; changed: boolean }[];
}

export function conflictStory(
  conflict: ConflictView,
  /** What Career Copilot says now: the item's current timing, so the card and the list agree. */
  copilotTiming: Timing | null,
  calendarName: string,
  zone: string,
  now: Date,
): ConflictStory {
  const calendar = conflict.calendarTiming;
  const calendarWhen = conflict.calendarChangedAt ? `, ${relative(conflict.calendarChangedAt, now)}` : ` (noticed ${relative(conflict.detectedAt, now)})`;
  const calendarLine = calendar
    ? `You moved it to ${formatStart(calendar, zone, now)} in ${calendarName}${calendarWhen}.`
    : `You deleted it in ${calendarName}${calendarWhen}.`;

  let copilotLine: string;
  if (!copilotTiming) {
    copilotLine = 'Career Copilot no longer has a date for it.';
  } else {
    const copilotFirst = conflict.copilotChangedAt && conflict.calendarChangedAt && conflict.copilotChangedAt < conflict.calendarChangedAt;
    const verb = !conflict.copilotChangedAt ? 'says' : copilotFirst ? 'still says' : 'now says';
    const since = conflict.copilotChangedAt && !copilotFirst ? ` (changed ${relative(conflict.copilotChangedAt, now)})` : '';
    copilotLine = `Career Copilot ${verb} ${formatStart(copilotTiming, zone, now)}${since}.`;
  }

  const cell = (t: Timing | null, part: 'day' | 'time'): string => {
    if (!t) return part === 'day' ? 'Deleted' : '—';
    return part === 'day' ? formatDay(t, zone, now) : formatTimeOfDay(t, zone);
  };
  const rows = (['day', 'time'] as const).map((part) => {
    const copilot = cell(copilotTiming, part);
    const cal = cell(calendar, part);
    return { label: part === 'day' ? 'Date' : 'Time', copilot, calendar: cal, changed: copilot !== cal };
  });
  return { calendarLine, copilotLine, rows };
}

/** What "Remember my choice" will do from now on, said before the user commits to it. */
export function rememberedPolicyWords(policy: Exclude<ConflictPolicy, 'ask'>, calendarName: string): string {
  switch (policy) {
    case 'keep_copilot':
      return `From now on, when both sides change, Career Copilot's version wins without asking.`;
    case 'keep_calendar':
      return `From now on, when both sides change, ${calendarName}'s version wins without asking.`;
    case 'keep_both':
      return 'From now on, when both sides change, both versions are kept without asking.';
  }
}
