// What should be in the calendar: a pure function of Career Copilot's data (the
// stored applications and jobs) and the preferences. The clock plays no part here;
// the only time-dependent rules (a creation horizon, past events kept as a record
// when cancelled) are decisions the planner takes once and records in the link.
import type { CalendarItem, ItemKind, Preferences, Timing } from '../../../shared/domain';
import type { Link } from '../store/links-repo';
import { itemsForApplication, type JobInfo } from '../copilot/to-items';
import type { StoredApplication } from '../store/applications-repo';
import type { Store } from '../store/store';

/** Events that ended longer ago than this are not created (existing ones are never deleted for age). */
export const CREATE_HORIZON_DAYS = 30;

export function isWanted(item: CalendarItem, prefs: Preferences): boolean {
  return !item.cancelled && kindWanted(item.kind, prefs) && !prefs.excludedItems.includes(item.sourceId);
}

/** Whether the preferences put this kind in calendars (a prep block only when reminders are blocks). */
export function kindWanted(kind: ItemKind, prefs: Preferences): boolean {
  if (!prefs.kinds[kind]) return false;
  if (kind === 'reminder') return prefs.reminderStyle === 'block' && prefs.reminderMinutes > 0;
  return true;
}

/** Every item Career Copilot's stored data stands for, keyed by source id. */
export function currentItems(store: Store, prefs: Preferences): Map<string, CalendarItem> {
  return itemsOf(store.applications.all(), jobReader(store), prefs);
}

/** The items of some stored applications, keyed by source id. */
export function itemsOf(apps: readonly StoredApplication[], jobOf: (id: number) => JobInfo | null, prefs: Preferences): Map<string, CalendarItem> {
  const out = new Map<string, CalendarItem>();
  for (const app of apps) {
    for (const item of itemsForApplication(app.record, jobOf(app.record.job_id), prefs, app.gone)) out.set(item.sourceId, item);
  }
  return out;
}

/** Reads jobs from the store, each once (many applications share a job). */
export function jobReader(store: Store): (id: number) => JobInfo | null {
  const jobs = new Map<number, JobInfo | null>();
  return (id) => {
    if (!jobs.has(id)) jobs.set(id, store.jobs.get(id));
    return jobs.get(id) ?? null;
  };
}

/** The instant an item ends (the end of its day for an all-day item, read in `zone`). */
export function endInstant(timing: Timing): number {
  if (timing.type === 'timed') return Date.parse(timing.endUtc);
  // An all-day date ends at the latest when the day is over everywhere (UTC−12).
  return Date.parse(`${timing.date}T00:00:00Z`) + 36 * 3600_000;
}

export function endedBefore(timing: Timing, instantMs: number): boolean {
  return endInstant(timing) < instantMs;
}

/** One item, derived from its application alone (the executor's view, always current). */
export function itemFor(store: Store, prefs: Preferences, sourceId: string): CalendarItem | null {
  const m = /^application:(\d+):/.exec(sourceId);
  if (!m) return null;
  const app = store.applications.get(Number(m[1]));
  if (!app) return null;
  return itemsForApplication(app.record, store.jobs.get(app.record.job_id), prefs, app.gone).find((i) => i.sourceId === sourceId) ?? null;
}

/**
 * The item of a known application whose date was cleared in Career Copilot: it
 * stands for nothing now, so it is cancelled (its event goes, or stays as a record
 * if it already took place). Built from what the link last saw.
 */
export function clearedItem(link: Link, known: ReadonlySet<number> | undefined): CalendarItem | null {
  const m = /^application:(\d+):(interview|follow_up|reminder)$/.exec(link.sourceId);
  const applicationId = Number(m?.[1]);
  const kind = m?.[2] as CalendarItem['kind'] | undefined;
  if (!kind || !known?.has(applicationId)) return null;
  const timing: Timing = link.seenTiming ?? { type: 'allDay', date: '1970-01-01' };
  return { sourceId: link.sourceId, applicationId, kind, title: link.seenTitle ?? link.sourceId, timing, location: null, notes: null, cancelled: true, sourceUpdatedAt: '', hash: `cleared:${kind}` };
}
