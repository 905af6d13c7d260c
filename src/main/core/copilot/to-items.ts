// Career Copilot applications → calendar items (DESIGN §5 "Time", §10).
// interview_date is a naive datetime meant in the user's zone; follow_up_date is a date.
import { DateTime } from 'luxon';
import type { CalendarItem, ItemKind, Preferences, Timing } from '../../../shared/domain';
import { stableHash } from '../sync/hash';
import type { CopilotApplication } from './copilot-types';

export interface JobInfo {
  title: string;
  company: string;
  location: string | null;
}

const CANCELLING = new Set(['rejected', 'declined']);
const FOLLOW_UP_MINUTES = 30;

export function sourceId(applicationId: number, kind: ItemKind): string {
  return `application:${applicationId}:${kind}`;
}

/** Reads a naive local datetime in `zone`. In a DST gap luxon moves it forward; in an overlap it takes the earlier offset. */
export function naiveToUtc(naive: string, zone: string): DateTime {
  return DateTime.fromISO(naive, { zone });
}

export function itemsForApplication(app: CopilotApplication, job: JobInfo | null, prefs: Preferences, now: Date): CalendarItem[] {
  const zone = prefs.timeZone;
  const role = job ? `${job.title} at ${job.company}` : `application #${app.id}`;
  const stopped = CANCELLING.has(app.status);
  const updated = app.updated_at ?? app.created_at;
  const base = { applicationId: app.id, location: job?.location ?? null, notes: app.notes ?? null, sourceUpdatedAt: updated };
  const out: CalendarItem[] = [];

  if (app.interview_date) {
    const start = naiveToUtc(app.interview_date, zone);
    if (start.isValid) {
      const end = start.plus({ minutes: prefs.defaultDurationMinutes });
      // Rejected or declined cancels future events; past ones stay as a record.
      const cancelled = stopped && start.toJSDate() > now;
      out.push(make({ ...base, sourceId: sourceId(app.id, 'interview'), kind: 'interview', title: `Interview: ${role}`, timing: timed(start, end, zone), cancelled }));
      if (prefs.reminderStyle === 'block' && prefs.reminderMinutes > 0) {
        const prepStart = start.minus({ minutes: prefs.reminderMinutes });
        out.push(
          make({ ...base, location: null, sourceId: sourceId(app.id, 'reminder'), kind: 'reminder', title: `Prepare for interview: ${role}`, timing: timed(prepStart, start, zone), cancelled }),
        );
      }
    }
  }

  if (app.follow_up_date) {
    const day = DateTime.fromISO(app.follow_up_date, { zone });
    if (day.isValid) {
      let timing: Timing;
      if (prefs.followUpHour === null) {
        timing = { type: 'allDay', date: app.follow_up_date };
      } else {
        const start = day.set({ hour: prefs.followUpHour, minute: 0, second: 0, millisecond: 0 });
        timing = timed(start, start.plus({ minutes: FOLLOW_UP_MINUTES }), zone);
      }
      const cancelled = stopped && day.endOf('day').toJSDate() > now;
      out.push(make({ ...base, location: null, sourceId: sourceId(app.id, 'follow_up'), kind: 'follow_up', title: `Follow up: ${role}`, timing, cancelled }));
    }
  }
  return out;
}

function timed(start: DateTime, end: DateTime, zone: string): Timing {
  return { type: 'timed', startUtc: utcIso(start), endUtc: utcIso(end), zone };
}

function utcIso(d: DateTime): string {
  return d.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

function make(i: Omit<CalendarItem, 'hash'>): CalendarItem {
  return { ...i, hash: itemHash(i) };
}

export function itemHash(i: Omit<CalendarItem, 'hash'>): string {
  return stableHash({ k: i.kind, t: i.title, ti: i.timing, l: i.location, n: i.notes, c: i.cancelled });
}

/** An item whose application vanished from Career Copilot: kept, marked cancelled. */
export function vanished(item: CalendarItem): CalendarItem {
  if (item.cancelled) return item;
  const { hash: _hash, ...rest } = item;
  return make({ ...rest, cancelled: true });
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
