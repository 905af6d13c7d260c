// Google and Outlook connected to one app at the same time, each writing to a
// calendar of its own choosing: edits in Google Calendar, in Outlook, in Career
// Copilot and in the app itself, one at a time and all in one round, must leave
// both calendars right (every item once, at Career Copilot's time), neither
// account's events in the other's calendars, and the user's own events alone.
// Disconnecting one account calls only its own service (its own revoke) and
// leaves the other's events and sync untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Timing } from '../../src/shared/domain';
import { startWorld, type CalendarService, type CalendarWorld, type LiveEvent } from '../fixtures/calendar-world';
import { USER } from '../fixtures/harness';

const ZONE = 'Europe/Berlin';

let world: CalendarWorld;
let google: CalendarService;
let outlook: CalendarService;
/** Each account's target calendar, and a foreign event of the user's in it. */
const target = new Map<string, { calendarId: string; foreignId: string; foreignStart: string | null }>();
/** Source ids whose event the user deleted in one account's calendar (it stays deleted there only). */
const deletedIn = new Map<string, Set<string>>();
const ids: number[] = [];

const localOf = (iso: string | null): string => DateTime.fromISO(iso ?? '').setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss");
const day = (days: number, hour: number): DateTime => DateTime.now().setZone(ZONE).startOf('day').plus({ days }).set({ hour });
const naive = (d: DateTime): string => d.toFormat("yyyy-MM-dd'T'HH:mm:ss");
const timed = (start: DateTime): Timing => ({ type: 'timed', startUtc: start.toUTC().toISO() ?? '', endUtc: start.plus({ hours: 1 }).toUTC().toISO() ?? '', zone: ZONE });

function calendarOf(svc: CalendarService): string {
  const t = target.get(svc.accountId);
  if (!t) throw new Error(`no target calendar for ${svc.accountId}`);
  return t.calendarId;
}

async function eventOf(svc: CalendarService, sourceId: string): Promise<LiveEvent> {
  const e = (await svc.tagged(calendarOf(svc))).get(sourceId)?.[0];
  if (!e) throw new Error(`${sourceId} is not in ${svc.kind}'s calendar`);
  return e;
}

/** Syncs until nothing is left to do; a conflict or a failure is a test failure here. */
async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const s = await world.core.syncNow({});
    const state = await world.core.getState();
    expect(state.openConflicts, 'no conflict expected').toBe(0);
    expect(state.outbox.failed, 'no failed write expected').toBe(0);
    if (s.created + s.updated + s.deleted + s.pulled === 0 && state.outbox.pending === 0) {
      expect(state.accounts.map((a) => [a.id, a.status])).toEqual(state.accounts.map((a) => [a.id, 'connected']));
      return;
    }
  }
  throw new Error('the app did not settle in 6 syncs');
}

/** What Career Copilot says should be in an account's calendar: source id → local start or date. */
function expectedFor(accountId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const app of world.copilot.applications(USER.email)) {
    if (app.status === 'rejected') continue;
    if (app.interview_date) out.set(`application:${app.id}:interview`, app.interview_date.slice(0, 19));
    if (app.follow_up_date) out.set(`application:${app.id}:follow_up`, app.follow_up_date);
  }
  for (const sid of deletedIn.get(accountId) ?? []) out.delete(sid);
  return out;
}

/** Both calendars right, each account's events only in its own target calendar, the user's own events untouched. */
async function checkBoth(): Promise<void> {
  for (const svc of [google, outlook]) {
    const other = svc === google ? outlook : google;
    const events = await svc.tagged(calendarOf(svc));
    const actual = new Map([...events].map(([sid, copies]) => [sid, copies.map((c) => (c.start?.length === 10 ? c.start : localOf(c.start)))]));
    const expected = new Map([...expectedFor(svc.accountId)].map(([sid, when]) => [sid, [when]]));
    expect(actual, `${svc.kind}: every item once, at Career Copilot's time`).toEqual(expected);
    expect((await svc.tagged(svc.mainCalendarId)).size, `${svc.kind}: none of the app's events in the main calendar`).toBe(0);
    // Each event in this calendar is one of this account's links, never the other's.
    const own = new Set(world.core.store.links.forAccount(svc.accountId).map((l) => l.remoteId));
    const theirs = new Set(world.core.store.links.forAccount(other.accountId).map((l) => l.remoteId));
    for (const [sid, copies] of events) {
      for (const c of copies) {
        expect(own.has(c.id), `${svc.kind}: ${sid} is this account's event`).toBe(true);
        expect(theirs.has(c.id), `${svc.kind}: ${sid} is not ${other.kind}'s`).toBe(false);
      }
    }
    const t = target.get(svc.accountId);
    const foreign = (await svc.allEvents(calendarOf(svc))).get(t?.foreignId ?? '');
    expect(foreign?.start, `${svc.kind}: the user's own event is untouched`).toBe(t?.foreignStart);
  }
}

beforeAll(async () => {
  world = await startWorld({ services: ['google', 'microsoft'], timeZone: ZONE });
  const [g, o] = world.services;
  if (!g || !o) throw new Error('both services must start');
  google = g;
  outlook = o;
  for (const svc of [google, outlook]) {
    const calendarId = await svc.createCalendar(svc === google ? 'Job search' : 'Career Copilot', ZONE);
    await world.core.setCalendar({ accountId: svc.accountId, calendarId });
    const foreignId = await svc.addForeignEvent(calendarId, 'Dentist', timed(day(3, 8)));
    await svc.addForeignEvent(svc.mainCalendarId, 'Team lunch', timed(day(3, 12)));
    const foreignStart = (await svc.allEvents(calendarId)).get(foreignId)?.start ?? null;
    target.set(svc.accountId, { calendarId, foreignId, foreignStart });
    deletedIn.set(svc.accountId, new Set());
  }
  const job = world.copilot.addJob({ title: 'Site Reliability Engineer', company: 'Umbrella', location: 'Hamburg' });
  for (let i = 0; i < 4; i++) {
    ids.push(world.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: naive(day(4 + i * 3, 10)), follow_up_date: day(6 + i * 3, 0).toISODate() }, USER.email).id);
  }
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('Google and Outlook at once', () => {
  it('keeps both calendars right through edits on every side', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    await settle();
    await checkBoth();

    // Moved in Google Calendar: Career Copilot and Outlook follow.
    await google.moveEvent(calendarOf(google), (await eventOf(google, `application:${a}:interview`)).id, timed(day(5, 14)));
    await settle();
    expect(world.copilot.application(a)?.interview_date).toBe(naive(day(5, 14)));
    await checkBoth();

    // Moved in Outlook: Career Copilot and Google follow.
    await outlook.moveEvent(calendarOf(outlook), (await eventOf(outlook, `application:${b}:interview`)).id, timed(day(8, 16)));
    await settle();
    expect(world.copilot.application(b)?.interview_date).toBe(naive(day(8, 16)));
    await checkBoth();

    // Moved in Career Copilot: both calendars follow.
    world.copilot.updateApplication(c, { interview_date: naive(day(12, 9)) });
    await settle();
    await checkBoth();

    // Deleted in Outlook only: it stays deleted there and stays in Google.
    await outlook.deleteEvent(calendarOf(outlook), (await eventOf(outlook, `application:${a}:follow_up`)).id);
    deletedIn.get(outlook.accountId)?.add(`application:${a}:follow_up`);
    await settle();
    expect(world.copilot.application(a)?.follow_up_date, 'a deletion in one calendar does not clear the date').not.toBeNull();
    await checkBoth();

    // Changed in the app: queued for Career Copilot, then both calendars.
    await world.core.editItem({ sourceId: `application:${b}:interview`, timing: timed(day(9, 11)) });
    await settle();
    expect(world.copilot.application(b)?.interview_date).toBe(naive(day(9, 11)));
    await checkBoth();

    // Rejected in Career Copilot before it took place: gone from both.
    world.copilot.updateApplication(c, { status: 'rejected' });
    await settle();
    await checkBoth();

    // All in one round: a move in each calendar, of different items, and one in Career Copilot.
    await google.moveEvent(calendarOf(google), (await eventOf(google, `application:${d}:interview`)).id, timed(day(14, 15)));
    await outlook.moveEvent(calendarOf(outlook), (await eventOf(outlook, `application:${a}:interview`)).id, timed(day(6, 9)));
    world.copilot.updateApplication(b, { follow_up_date: day(11, 0).toISODate() });
    await settle();
    expect(world.copilot.application(d)?.interview_date).toBe(naive(day(14, 15)));
    expect(world.copilot.application(a)?.interview_date).toBe(naive(day(6, 9)));
    await checkBoth();
  }, 120_000);

  it('disconnecting one account calls only its own service and leaves the other alone', async () => {
    const d = ids[3] as number;
    const snapshot = async (svc: CalendarService): Promise<Map<string, LiveEvent>> => svc.allEvents(calendarOf(svc));
    const googleBefore = { traffic: google.traffic(), revokes: google.revokeCalls(), events: await snapshot(google) };
    const outlookRevokes = outlook.revokeCalls();
    const revokesBy = async (accountId: string): Promise<unknown[]> =>
      (await world.core.listAudit({ limit: 1000 })).filter((e) => e.accountId === accountId && e.action === 'revoke' && 'provider' in e.detail).map((e) => e.detail.provider);

    // Outlook goes with its events: only its calendar changes; Google hears nothing and keeps its grant.
    await world.core.disconnect({ accountId: outlook.accountId, removeEvents: true });
    expect((await outlook.tagged(calendarOf(outlook))).size, 'the app removed its Outlook events').toBe(0);
    const foreign = target.get(outlook.accountId);
    expect((await outlook.allEvents(calendarOf(outlook))).get(foreign?.foreignId ?? '')?.start, "the user's own Outlook event stays").toBe(foreign?.foreignStart);
    expect(await revokesBy(outlook.accountId), "Outlook's own module handled its revoke").toEqual(['microsoft']);
    expect(outlook.revokeCalls()).toBe(outlookRevokes);
    expect(google.traffic() - googleBefore.traffic, 'Google was called').toBe(0);
    expect(google.revokeCalls()).toBe(googleBefore.revokes);
    expect(await snapshot(google)).toEqual(googleBefore.events);
    expect(await outlook.heldSecrets(world.secrets)).toEqual([]);
    expect((await google.heldSecrets(world.secrets)).length).toBeGreaterThan(0);
    expect((await world.core.getState()).accounts.map((a) => [a.id, a.status])).toEqual([[google.accountId, 'connected']]);

    // Google still syncs, and Outlook is never called again.
    const outlookAfter = outlook.traffic();
    world.copilot.updateApplication(d, { interview_date: naive(day(15, 10)) });
    await settle();
    expect(localOf((await eventOf(google, `application:${d}:interview`)).start)).toBe(naive(day(15, 10)));
    expect(outlook.traffic(), 'Outlook was called after its disconnect').toBe(outlookAfter);

    // Google goes (its events stay): its own revoke endpoint is called, once.
    const kept = await snapshot(google);
    await world.core.disconnect({ accountId: google.accountId, removeEvents: false });
    expect(google.revokeCalls() - googleBefore.revokes, 'Google revoked once').toBe(1);
    expect(outlook.traffic()).toBe(outlookAfter);
    expect(outlook.revokeCalls()).toBe(outlookRevokes);
    expect(await snapshot(google), 'kept events stay in Google').toEqual(kept);
    expect(await google.heldSecrets(world.secrets)).toEqual([]);
    expect((await world.core.getState()).accounts).toEqual([]);
  }, 120_000);
});
