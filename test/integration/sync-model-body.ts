// Model-based test with an injected clock, the same for every calendar service
// (one test file per provider runs it): fast-check runs random sequences over
// weeks of simulated time — Career Copilot edits, rejections and reopenings, the
// user moving and deleting events in their calendar app, preference, zone and
// calendar changes, conflict answers, flaky answers, restarts and time passing —
// against the real store, the real provider and its client libraries, the
// sandboxes or real CalDAV servers (calendar-world.ts), and checks after every
// step the invariants a job seeker relies on:
//   - one event per item, never two;
//   - a deleted event stays deleted unless Career Copilot's data for it changed;
//   - nothing is created for a cancelled item once its cancellation was synced;
//   - an event is never deleted (or moved, or brought back) because time passed;
//   - only Career Copilot's own changes make a conflict (never a preference or time);
//   - nothing stays pending forever, and both sides agree once it settles.
// On the code before the status model it found: past interviews deleted 30 days
// after they ended (time passing alone), a rejected interview created again once
// its date went by, an event the user deleted brought back by a change of the
// reminder time, and deletions lost behind the mass-delete guard.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Timing } from '../../src/shared/domain';
import { serviceSkipReason, startWorld, type CalendarService, type CalendarWorld, type ServiceKind } from '../fixtures/calendar-world';
import { ManualClock } from '../fixtures/manual-clock';

const APPS = 3;

function endedBefore(t: { type: 'timed'; endUtc: string } | { type: 'allDay'; date: string }, ms: number): boolean {
  return (t.type === 'timed' ? Date.parse(t.endUtc) : Date.parse(`${t.date}T00:00:00Z`) + 36 * 3600_000) < ms;
}
const ZONES = ['Europe/Berlin', 'America/New_York'] as const;
const KINDS = ['interview', 'follow_up'] as const;
type Kind = (typeof KINDS)[number];

type Step =
  | { t: 'ccMove'; app: number; day: number; hour: number }
  | { t: 'ccFollowUp'; app: number; day: number | null }
  | { t: 'ccReject'; app: number }
  | { t: 'ccReopen'; app: number }
  | { t: 'ccNotes'; app: number; text: string }
  | { t: 'calMove'; app: number; kind: Kind; day: number; hour: number }
  | { t: 'calDelete'; app: number; kind: Kind }
  | { t: 'reminderMinutes'; minutes: number }
  | { t: 'busyOnly'; on: boolean }
  | { t: 'zone'; zone: (typeof ZONES)[number] }
  | { t: 'toggleFollowUps' }
  | { t: 'switchCalendar' }
  | { t: 'resolve'; choice: 'keep_copilot' | 'keep_calendar' | 'keep_both' }
  | { t: 'sync' }
  | { t: 'flakySync' }
  | { t: 'restart' }
  | { t: 'passTime'; days: number };

const app = fc.integer({ min: 0, max: APPS - 1 });
const kind = fc.constantFrom(...KINDS);
const day = fc.integer({ min: -45, max: 45 });
const hour = fc.integer({ min: 8, max: 18 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('ccMove' as const), app, day, hour }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('ccFollowUp' as const), app, day: fc.option(day, { nil: null }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('ccReject' as const), app }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('ccReopen' as const), app }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('ccNotes' as const), app, text: fc.constantFrom('Bring portfolio', 'Ask about team', '') }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('calMove' as const), app, kind, day, hour }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('calDelete' as const), app, kind }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('reminderMinutes' as const), minutes: fc.constantFrom(10, 30, 60) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('busyOnly' as const), on: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('zone' as const), zone: fc.constantFrom(...ZONES) }), weight: 1 },
  { arbitrary: fc.constant({ t: 'toggleFollowUps' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'switchCalendar' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('resolve' as const), choice: fc.constantFrom('keep_copilot' as const, 'keep_calendar' as const, 'keep_both' as const) }), weight: 2 },
  { arbitrary: fc.constant({ t: 'sync' as const }), weight: 4 },
  { arbitrary: fc.constant({ t: 'flakySync' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'restart' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('passTime' as const), days: fc.integer({ min: 1, max: 35 }) }), weight: 3 },
);

/** What the user did and Career Copilot said, in the model's terms. */
class Model {
  /** Career Copilot's own data per application: a counter bumped on every edit there. */
  readonly version = new Map<number, number>();
  /** Source id → Career Copilot's version when the user deleted its event in the calendar. */
  readonly deletedAt = new Map<string, number>();
  /** Source ids of a rejected application whose event was gone after the rejection was synced. */
  readonly goneWhileRejected = new Set<string>();
  readonly rejected = new Set<number>();
  /** Source ids whose conflict the user answered with "keep both" (they own the old copy now). */
  readonly keptBoth = new Set<string>();
  /**
   * `calendar|event id` of records kept of cancelled events that a calendar switch
   * left where they were: the app moves what it manages and forgets these (the
   * link keeps no event), so they are the user's, like a "keep both" copy.
   */
  readonly leftBehind = new Set<string>();
  /** Career Copilot's version of each application when the last two syncs ran. */
  lastSynced = new Map<number, number>();
  syncedBefore = new Map<number, number>();

  bump(id: number): void {
    this.version.set(id, (this.version.get(id) ?? 0) + 1);
  }
}

interface World {
  world: CalendarWorld;
  svc: CalendarService;
  clock: ManualClock;
  ids: number[];
  model: Model;
  calendars: string[];
}

const naive = (w: World, d: number, hr: number): string => DateTime.fromJSDate(w.clock.now()).setZone(zoneOf(w)).startOf('day').plus({ days: d }).set({ hour: hr }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
const dateIn = (w: World, d: number): string => DateTime.fromJSDate(w.clock.now()).setZone(zoneOf(w)).startOf('day').plus({ days: d }).toISODate() ?? '';
let currentZone: string = ZONES[0];
const zoneOf = (_w: World): string => currentZone;

function calendarOf(w: World): string {
  return w.world.core.store.accounts.get(w.svc.accountId)?.calendarId ?? w.svc.mainCalendarId;
}

/** Live tagged events across every calendar of the user's, by source id; records left to the user elsewhere are not the app's. */
async function live(w: World): Promise<Map<string, { id: string; start: string | null; calendar: string }[]>> {
  const out = new Map<string, { id: string; start: string | null; calendar: string }[]>();
  const current = calendarOf(w);
  for (const cal of w.calendars) {
    for (const [sid, copies] of await w.svc.tagged(cal)) {
      const list = out.get(sid) ?? [];
      list.push(...copies.filter((c) => cal === current || !w.model.leftBehind.has(`${cal}|${c.id}`)).map((c) => ({ id: c.id, start: c.start, calendar: cal })));
      out.set(sid, list);
    }
  }
  return out;
}

function appOf(sid: string): number {
  return Number(sid.split(':')[1]);
}

async function sync(w: World, allowDeletes = false): Promise<{ wrote: number }> {
  const before = new Set((await w.world.core.listConflicts()).map((c) => c.id));
  const s = await w.world.core.syncNow({ allowDeletes });
  await checkAlways(w);
  // Only Career Copilot's own changes make a conflict: a preference, a zone or time passing never does.
  // A deletion the executor finds while carrying out a move is planned after that run's
  // writes, so the change may be from before the previous sync.
  for (const c of await w.world.core.listConflicts()) {
    if (before.has(c.id)) continue;
    const app = appOf(c.sourceId);
    expect(w.model.version.get(app) ?? 0, `conflict on ${c.sourceId} though Career Copilot did not change it`).not.toBe(w.model.syncedBefore.get(app) ?? 0);
  }
  w.model.syncedBefore = w.model.lastSynced;
  w.model.lastSynced = new Map(w.model.version);
  return { wrote: s.created + s.updated + s.deleted + s.pulled };
}

/** The user answers what is asked and the app runs until nothing is left to do. */
async function settle(w: World): Promise<void> {
  for (let i = 0; i < 8; i++) {
    const { wrote } = await sync(w, true);
    for (const c of await w.world.core.listConflicts()) {
      // Both changed between two syncs (the app cannot tell which came first): the user chose Career Copilot's.
      await w.world.core.resolveConflict({ id: c.id, choice: 'keep_copilot', remember: false });
      w.model.deletedAt.delete(c.sourceId);
    }
    const state = await w.world.core.getState();
    const held = (await w.world.core.pendingDeletes()).length; // a safety stop waits for the next sync's approval
    if (wrote === 0 && held === 0 && state.openConflicts === 0 && state.outbox.pending === 0 && state.outbox.failed === 0) return;
    w.clock.advanceMs(16 * 60_000); // past any backoff
  }
  const state = await w.world.core.getState();
  expect(state.outbox, 'nothing stays pending forever').toMatchObject({ pending: 0, failed: 0 });
}

/** Checked after every sync. */
async function checkAlways(w: World): Promise<void> {
  const events = await live(w);
  for (const [sid, copies] of events) {
    const here = copies.filter((c) => c.calendar === calendarOf(w));
    if (!w.model.keptBoth.has(sid)) expect(here.length, `one event per item: ${sid}`).toBeLessThanOrEqual(1);
  }
  for (const [sid, v] of w.model.deletedAt) {
    if ((w.model.version.get(appOf(sid)) ?? 0) === v && !w.model.keptBoth.has(sid)) {
      expect(events.get(sid) ?? [], `deleted stays deleted unless Career Copilot changed it: ${sid}`).toHaveLength(0);
    }
  }
  for (const sid of w.model.goneWhileRejected) {
    if (w.model.rejected.has(appOf(sid))) expect(events.get(sid) ?? [], `nothing is created for a cancelled item: ${sid}`).toHaveLength(0);
  }
}

/** After settling: both sides agree. */
async function checkSettled(w: World): Promise<void> {
  const events = await live(w);
  const state = await w.world.core.getState();
  const prefs = state.preferences;
  // Settled means decided: what the calendar said is never left for a later run
  // (a link still "synced" over an event seen gone is a decision not taken).
  for (const l of w.world.core.store.links.forAccount(w.svc.accountId)) {
    if (l.state === 'synced') expect(l.seenGone, `${l.sourceId} is shown synced though its event was seen gone`).toBe(false);
  }
  for (const item of await w.world.core.listItems()) {
    if (item.kind === 'reminder') continue;
    const copies = (events.get(item.sourceId) ?? []).filter((c) => c.calendar === calendarOf(w));
    const link = item.links[0];
    const wanted = !item.cancelled && prefs.kinds[item.kind];
    if (w.model.keptBoth.has(item.sourceId)) continue;
    if (!wanted) {
      // Only a record of something that already took place may stay.
      if (copies.length > 0) expect(link?.state, `${item.sourceId} should be gone or kept as a record`).toBe('kept');
      continue;
    }
    if (copies.length === 0 && (!link || link.state === 'removed') && endedBefore(item.timing, w.clock.now().getTime() - 30 * 24 * 3600_000)) {
      continue; // past the creation horizon: not created (never deleted for age, but not added for it either)
    }
    if (copies.length === 0) {
      expect(link?.state, `${item.sourceId}: a wanted item is missing only when the user deleted it`).toBe('remote_deleted');
      expect(w.model.deletedAt.has(item.sourceId), `${item.sourceId} missing though the user never deleted it`).toBe(true);
      continue;
    }
    const start = copies[0]?.start ?? '';
    const expected = item.timing.type === 'allDay' ? item.timing.date : DateTime.fromISO(item.timing.startUtc).toUTC().toISO();
    const actual = item.timing.type === 'allDay' ? start : DateTime.fromISO(start).toUTC().toISO();
    expect(actual, `${item.sourceId}: calendar and Career Copilot agree`).toBe(expected);
  }
  const states = new Map((await w.world.core.listItems()).map((i) => [i.sourceId, i.links[0]?.state]));
  for (const id of w.ids) {
    const application = w.world.copilot.application(id);
    const sid = `application:${id}:interview`;
    const copy = (events.get(sid) ?? []).find((c) => c.calendar === calendarOf(w));
    // A record kept of an interview that took place is history, not Career Copilot's current plan.
    if (copy && application?.interview_date && !w.model.keptBoth.has(sid) && states.get(sid) !== 'kept') {
      expect(DateTime.fromISO(copy.start ?? '').setZone(prefs.timeZone).toFormat("yyyy-MM-dd'T'HH:mm:ss"), `application ${id}`).toBe(application.interview_date.slice(0, 19));
    }
  }
  // An event of the app's with no item behind it (a date cleared in Career Copilot) is only a kept record.
  const listed = new Set((await w.world.core.listItems()).map((i) => i.sourceId));
  for (const [sid, copies] of events) {
    if (listed.has(sid) || w.model.keptBoth.has(sid) || !copies.some((c) => c.calendar === calendarOf(w))) continue;
    expect(w.world.core.store.links.get(w.svc.accountId, sid)?.state, `${sid} has no item but is still in the calendar`).toBe('kept');
  }
  // Nothing but the app's own calendar holds its events once a move is done.
  for (const [sid, copies] of events) {
    if (!w.model.keptBoth.has(sid)) for (const c of copies) expect(c.calendar, `${sid} left behind in another calendar`).toBe(calendarOf(w));
  }
}

async function eventOf(w: World, id: number, k: Kind): Promise<{ id: string } | undefined> {
  return (await w.svc.tagged(calendarOf(w))).get(`application:${id}:${k}`)?.[0];
}

async function apply(w: World, s: Step): Promise<void> {
  const id = 'app' in s ? (w.ids[s.app] as number) : 0;
  const { model } = w;
  switch (s.t) {
    case 'ccMove':
      w.world.copilot.updateApplication(id, { interview_date: naive(w, s.day, s.hour) });
      model.bump(id);
      return;
    case 'ccFollowUp':
      w.world.copilot.updateApplication(id, { follow_up_date: s.day === null ? null : dateIn(w, s.day) });
      model.bump(id);
      return;
    case 'ccReject':
      if (model.rejected.has(id)) return;
      w.world.copilot.updateApplication(id, { status: 'rejected' });
      model.bump(id);
      model.rejected.add(id);
      return;
    case 'ccReopen':
      if (!model.rejected.has(id)) return;
      w.world.copilot.updateApplication(id, { status: 'interview' });
      model.bump(id);
      model.rejected.delete(id);
      for (const sid of [...model.goneWhileRejected]) if (appOf(sid) === id) model.goneWhileRejected.delete(sid);
      return;
    case 'ccNotes':
      w.world.copilot.updateApplication(id, { notes: s.text || null });
      model.bump(id);
      return;
    case 'calMove': {
      const e = await eventOf(w, id, s.kind);
      if (!e) return;
      let timing: Timing;
      if (s.kind === 'interview') {
        const start = DateTime.fromISO(naive(w, s.day, s.hour), { zone: zoneOf(w) });
        timing = { type: 'timed', startUtc: start.toUTC().toISO() ?? '', endUtc: start.plus({ hours: 1 }).toUTC().toISO() ?? '', zone: zoneOf(w) };
      } else {
        timing = { type: 'allDay', date: dateIn(w, s.day) };
      }
      await w.svc.moveEvent(calendarOf(w), e.id, timing);
      return;
    }
    case 'calDelete': {
      const e = await eventOf(w, id, s.kind);
      if (!e) return;
      await w.svc.deleteEvent(calendarOf(w), e.id);
      model.deletedAt.set(`application:${id}:${s.kind}`, model.version.get(id) ?? 0);
      return;
    }
    case 'reminderMinutes':
      await w.world.core.setPreferences({ reminderMinutes: s.minutes });
      return;
    case 'busyOnly':
      await w.world.core.setPreferences({ detail: s.on ? 'busy_only' : 'full' });
      return;
    case 'zone':
      currentZone = s.zone;
      await w.world.core.setPreferences({ timeZone: s.zone });
      return;
    case 'toggleFollowUps': {
      const prefs = (await w.world.core.getState()).preferences;
      await w.world.core.setPreferences({ kinds: { follow_up: !prefs.kinds.follow_up } });
      return;
    }
    case 'switchCalendar': {
      // A switch answers the open conflicts with Career Copilot's version (they were about the old calendar's events).
      for (const c of await w.world.core.listConflicts()) model.deletedAt.delete(c.sourceId);
      for (const l of w.world.core.store.links.forAccount(w.svc.accountId)) {
        if (l.state === 'kept' && l.remoteId !== null && !l.seenGone) model.leftBehind.add(`${l.calendarId}|${l.remoteId}`);
      }
      const other = w.calendars.find((c) => c !== calendarOf(w)) ?? w.svc.mainCalendarId;
      await w.world.core.setCalendar({ accountId: w.svc.accountId, calendarId: other });
      return;
    }
    case 'resolve':
      for (const c of await w.world.core.listConflicts()) {
        await w.world.core.resolveConflict({ id: c.id, choice: s.choice, remember: false });
        if (s.choice === 'keep_both') model.keptBoth.add(c.sourceId);
        if (s.choice !== 'keep_calendar') model.deletedAt.delete(c.sourceId);
      }
      return;
    case 'sync':
      await sync(w);
      await noteCancellations(w);
      return;
    case 'flakySync':
      // Every service here can fail on demand: the sandboxes themselves, CalDAV through the proxy in front of the server.
      if (!w.svc.failNext(2)) throw new Error(`${w.svc.kind} cannot fail on demand; this step needs a way to`);
      await sync(w);
      await noteCancellations(w);
      return;
    case 'restart':
      w.world.restart();
      return;
    case 'passTime': {
      // Time passing alone changes nothing that exists.
      await settle(w);
      await noteCancellations(w);
      await checkSettled(w);
      const before = await snapshot(w);
      w.clock.advanceDays(s.days);
      await sync(w);
      await sync(w);
      expect(await snapshot(w), `${s.days} days passed and the calendar changed`).toEqual(before);
      return;
    }
  }
}

/** After a sync, a rejected application's missing events must stay missing. */
async function noteCancellations(w: World): Promise<void> {
  const events = await live(w);
  for (const id of w.model.rejected) {
    for (const k of KINDS) {
      const sid = `application:${id}:${k}`;
      if ((events.get(sid) ?? []).length === 0) w.model.goneWhileRejected.add(sid);
    }
  }
}

async function snapshot(w: World): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [sid, copies] of await live(w)) out[sid] = copies.map((c) => `${c.calendar}|${c.id}|${c.start}`).sort();
  return out;
}

/** The sequences that showed each bug (on the engine before the status model, and in the providers since), always tried first. */
const EXAMPLES: [Step[]][] = [
  [[{ t: 'passTime', days: 34 }]], // 1: an event deleted 30 days after it ended (one at a time: the guard never fires)
  [[{ t: 'ccReject', app: 0 }, { t: 'sync' }, { t: 'passTime', days: 10 }]], // 2a: a rejected interview back once its date passed
  [[{ t: 'calDelete', app: 0, kind: 'follow_up' }, { t: 'busyOnly', on: true }, { t: 'sync' }]], // 2b: a preference change read as news from Career Copilot brings a deleted event back
  [[{ t: 'toggleFollowUps' }, { t: 'calDelete', app: 0, kind: 'interview' }, { t: 'sync' }, { t: 'sync' }, { t: 'ccMove', app: 0, day: 20, hour: 9 }]], // 5: a deletion lost behind the guard
  [[{ t: 'flakySync' }, { t: 'sync' }, { t: 'calMove', app: 1, kind: 'interview', day: 9, hour: 14 }]], // 6: Outlook held its account forever after a 503 once the clock stood still
  [[{ t: 'ccMove', app: 2, day: -24, hour: 18 }, { t: 'passTime', days: 25 }, { t: 'ccReject', app: 2 }, { t: 'sync' }, { t: 'switchCalendar' }, { t: 'sync' }, { t: 'ccReopen', app: 2 }, { t: 'switchCalendar' }]], // 7: records of a rejected application's past events, across two calendar switches and a reopening
  [[{ t: 'passTime', days: 34 }, { t: 'toggleFollowUps' }, { t: 'calDelete', app: 0, kind: 'interview' }, { t: 'restart' }, { t: 'ccReject', app: 1 }, { t: 'switchCalendar' }, { t: 'ccMove', app: 1, day: 20, hour: 18 }, { t: 'ccReject', app: 2 }, { t: 'resolve', choice: 'keep_calendar' }, { t: 'toggleFollowUps' }, { t: 'ccFollowUp', app: 0, day: 2 }, { t: 'calMove', app: 0, kind: 'interview', day: 1, hour: 12 }, { t: 'ccMove', app: 1, day: -44, hour: 12 }, { t: 'toggleFollowUps' }, { t: 'ccNotes', app: 0, text: 'Bring portfolio' }]], // 8: a move finding the old event deleted left the link "synced" until a later sync (found by a 200-run search, Google and xandikos)
  [[{ t: 'switchCalendar' }, { t: 'sync' }, { t: 'calDelete', app: 2, kind: 'follow_up' }, { t: 'ccFollowUp', app: 2, day: 3 }, { t: 'reminderMinutes', minutes: 10 }, { t: 'switchCalendar' }, { t: 'sync' }]], // 8: a deletion found while carrying out a move, with a Career Copilot change: a conflict one sync later
  [[{ t: 'calDelete', app: 2, kind: 'interview' }, { t: 'switchCalendar' }, { t: 'sync' }]], // 8: an event deleted just before a calendar switch came back in the new calendar
  [[{ t: 'toggleFollowUps' }]], // 9: the model's own: it stopped settling while a safety stop still waited for its answer
  [[{ t: 'calDelete', app: 1, kind: 'follow_up' }, { t: 'toggleFollowUps' }, { t: 'sync' }, { t: 'toggleFollowUps' }, { t: 'sync' }]], // 10: deleted while its kind was off, back when the kind came back on
  [[{ t: 'calDelete', app: 2, kind: 'follow_up' }, { t: 'reminderMinutes', minutes: 60 }, { t: 'calDelete', app: 0, kind: 'follow_up' }, { t: 'switchCalendar' }, { t: 'ccFollowUp', app: 0, day: -1 }, { t: 'calDelete', app: 0, kind: 'follow_up' }, { t: 'ccNotes', app: 1, text: 'Bring portfolio' }, { t: 'ccNotes', app: 0, text: 'Bring portfolio' }, { t: 'switchCalendar' }, { t: 'ccReject', app: 0 }, { t: 'ccMove', app: 2, day: 16, hour: 9 }, { t: 'sync' }, { t: 'calDelete', app: 1, kind: 'follow_up' }]], // 11: an event created after the listing and deleted before the next was never reported (xandikos, a 30-run search)
  [[{ t: 'switchCalendar' }, { t: 'sync' }, { t: 'restart' }, { t: 'calDelete', app: 0, kind: 'interview' }]], // 12: the same across a restart, when the app no longer remembers what it wrote
];

/**
 * The model-based test against one calendar service: the examples, then
 * `defaultRuns` random sequences (CCAL_MODEL_RUNS overrides it); CCAL_MODEL_SEED
 * and CCAL_MODEL_PATH replay the failure fast-check reports.
 */
export function modelSuite(kind: ServiceKind, defaultRuns: number): void {
  const reason = serviceSkipReason(kind);
  if (reason) console.log(`model-based test (${kind}) skipped: ${reason}`);

  describe.skipIf(reason !== null)(`model-based: weeks of simulated use (${kind})`, () => {
    let world: CalendarWorld | null = null;
    afterEach(async () => {
      await world?.close();
      world = null;
    });

    it('keeps the invariants under random sequences over weeks', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
          await world?.close();
          world = null;
          currentZone = ZONES[0];
          const clock = new ManualClock('2026-12-02T09:00:00Z');
          world = await startWorld({ services: [kind], timeZone: ZONES[0], clock });
          const svc = world.services[0];
          if (!svc) throw new Error('no service started');
          const second = await svc.createCalendar('Job search', ZONES[0]);
          // Small enough that a handful of deletions at once meets the safety stop.
          await world.core.setPreferences({ maxDeletesWithoutAsking: 2, reminderMinutes: 30 });
          const job = world.copilot.addJob({ title: 'Engineer', company: 'Acme', location: 'Berlin' });
          const w: World = { world, svc, clock, ids: [], model: new Model(), calendars: [svc.mainCalendarId, second] };
          for (let i = 0; i < APPS; i++) {
            w.ids.push(world.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: naive(w, 3 + i * 4, 10), follow_up_date: dateIn(w, 5 + i) }, 'jane@careercopilot.example').id);
          }
          await settle(w);
          for (const s of steps) await apply(w, s);
          await settle(w);
          await noteCancellations(w);
          await checkSettled(w);
          // And a last month of quiet: still nothing moves.
          await apply(w, { t: 'passTime', days: 31 });
        }),
        {
          examples: EXAMPLES,
          // The examples count as runs in fast-check: these are the random ones after them.
          numRuns: EXAMPLES.length + Number(process.env.CCAL_MODEL_RUNS ?? defaultRuns),
          endOnFailure: true,
          // CI replays one known sequence set, so a landing never hinges on a new random draw;
          // developers search new ones (CCAL_MODEL_SEED, or no CI variable) before they land.
          ...(process.env.CCAL_MODEL_SEED ? { seed: Number(process.env.CCAL_MODEL_SEED) } : process.env.CI ? { seed: 2026 } : {}),
          ...(process.env.CCAL_MODEL_PATH ? { path: process.env.CCAL_MODEL_PATH } : {}),
        },
      );
    }, 600_000);
  });
}
