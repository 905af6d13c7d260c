// Career Copilot applications → calendar items (DESIGN §5 "Time", §10).
// interview_date is a naive datetime meant in the user's zone; follow_up_date is a date.
import { DateTime } from 'luxon';
import type { CalendarItem, ItemKind, Preferences, Timing } from '../../../shared/domain';
import { stableHash } from '../sync/hash';
import { utcIso } from '../time/instant';
import type { CopilotApplication } from './copilot-types';

export interface JobInfo {
  title: string;
  company: string;
  location: string | null;
}

const CANCELLING = new Set(['rejected', 'declined']);
const FOLLOW_UP_MINUTES = 30;
const MINUTE_MS = 60_000;

export function sourceId(applicationId: number, kind: ItemKind): string {
  return `application:${applicationId}:${kind}`;
}

/** Reads a naive local datetime in `zone`. In a DST gap luxon moves it forward; in an overlap it takes the earlier offset. */
export function naiveToUtc(naive: string, zone: string): DateTime {
  return DateTime.fromISO(naive, { zone });
}

/**
 * The calendar items an application stands for. A pure function of Career
 * Copilot's data and the preferences — never of the clock (docs/DESIGN.md, "Desired
 * state"): a rejection cancels the items whatever their date, and what happens to
 * an event that already took place is the planner's decision, taken once.
 * `gone`: the application is no longer listed by Career Copilot.
 */
export function itemsForApplication(app: CopilotApplication, job: JobInfo | null, prefs: Preferences, gone = false): CalendarItem[] {
  const zone = prefs.timeZone;
  const role = job ? `${job.title} at ${job.company}` : `application #${app.id}`;
  const cancelled = gone || CANCELLING.has(app.status);
  const updated = app.updated_at ?? app.created_at;
  const base = { applicationId: app.id, location: job?.location ?? null, notes: app.notes ?? null, sourceUpdatedAt: updated, cancelled };
  // What Career Copilot says about the item, apart from how we render it: only a
  // change here is news that may bring back an event the user deleted.
  const facts = { job: job ? [job.title, job.company, job.location] : null, notes: app.notes ?? null, cancelled };
  const out: CalendarItem[] = [];

  if (app.interview_date) {
    const start = naiveToUtc(app.interview_date, zone);
    if (start.isValid) {
      // The zone is needed only to read the wall-clock time; durations are exact, so the rest is instant arithmetic.
      const startMs = start.toMillis();
      const hash = stableHash({ k: 'interview', at: app.interview_date, ...facts });
      out.push({ ...base, sourceId: sourceId(app.id, 'interview'), kind: 'interview', title: `Interview: ${role}`, timing: timed(startMs, startMs + prefs.defaultDurationMinutes * MINUTE_MS, zone), hash });
      // The prep block exists whenever the interview does; whether it is wanted is a preference (sync/desired.ts).
      const prepStartMs = startMs - Math.max(prefs.reminderMinutes, 5) * MINUTE_MS;
      out.push({ ...base, location: null, sourceId: sourceId(app.id, 'reminder'), kind: 'reminder', title: `Prepare for interview: ${role}`, timing: timed(prepStartMs, startMs, zone), hash: stableHash({ k: 'reminder', at: app.interview_date, ...facts }) });
    }
  }

  if (app.follow_up_date) {
    const day = DateTime.fromISO(app.follow_up_date, { zone });
    if (day.isValid) {
      let timing: Timing;
      if (prefs.followUpHour === null) {
        timing = { type: 'allDay', date: app.follow_up_date };
      } else {
        const startMs = day.set({ hour: prefs.followUpHour, minute: 0, second: 0, millisecond: 0 }).toMillis();
        timing = timed(startMs, startMs + FOLLOW_UP_MINUTES * MINUTE_MS, zone);
      }
      const hash = stableHash({ k: 'follow_up', on: app.follow_up_date, ...facts });
      out.push({ ...base, location: null, sourceId: sourceId(app.id, 'follow_up'), kind: 'follow_up', title: `Follow up: ${role}`, timing, hash });
    }
  }
  return out;
}

/** Written as luxon's toUTC().toISO({ suppressMilliseconds: true }) writes it: stored hashes were made from that text. */
function timed(startMs: number, endMs: number, zone: string): Timing {
  return { type: 'timed', startUtc: utcIso(startMs, true), endUtc: utcIso(endMs, true), zone };
}

/** The calendar's new time, as Career Copilot wants it back. */
export function patchFromTiming(kind: ItemKind, timing: Timing, current: Timing, zone: string): { interview_date?: string; follow_up_date?: string } | null {
  if (kind === 'interview') {
    if (timing.type === 'timed') return { interview_date: naive(DateTime.fromISO(timing.startUtc).setZone(zone)) };
    // Made all-day in the calendar: keep Career Copilot's time of day, take the new date.
    const timeOfDay = current.type === 'timed' ? DateTime.fromISO(current.startUtc).setZone(zone) : DateTime.fromObject({ hour: 9 }, { zone });
    const day = DateTime.fromISO(timing.date, { zone });
    return { interview_date: naive(day.set({ hour: timeOfDay.hour, minute: timeOfDay.minute })) };
  }
  if (kind === 'follow_up') {
    const date = timing.type === 'allDay' ? timing.date : DateTime.fromISO(timing.startUtc).setZone(zone).toISODate();
    return date ? { follow_up_date: date } : null;
  }
  return null;
}

function naive(d: DateTime): string {
  return d.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}
