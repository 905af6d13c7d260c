// One test per path that used to lose or bring back a job seeker's events (the
// sync-core issue's list), against the real sandboxes. Each failed on the engine
// before the status model; the model-based test (sync-model.test.ts) searches for
// the ones that need a long sequence to show.
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startHarness, taggedEvents, USER, type Harness } from '../fixtures/harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const ZONE = 'Europe/Berlin';
const inDays = (d: number, hour = 10): string => DateTime.now().setZone(ZONE).startOf('day').plus({ days: d }).set({ hour }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

function seed(harness: Harness, dates: string[]): number[] {
  const job = harness.copilot.addJob({ title: 'Engineer', company: 'Acme', location: null });
  return dates.map((d) => harness.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: d, follow_up_date: null }, USER.email).id);
}

function eventId(harness: Harness, app: number, calendarId?: string): string {
  const e = taggedEvents(harness.google, calendarId).get(`application:${app}:interview`)?.[0];
  if (!e) throw new Error(`no event for application ${app}`);
  return e.id;
}

const startOf = (harness: Harness, app: number, calendarId?: string): string | null => {
  const e = taggedEvents(harness.google, calendarId).get(`application:${app}:interview`)?.[0];
  return e?.start ? DateTime.fromISO(e.start).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss") : null;
};

describe('paths that lost or brought back events', () => {
  it('sees a deletion in Google that arrives as a bare tombstone, and keeps it deleted (3)', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    h.google.userDeleteEvent('primary', eventId(h, a));
    await h.core.syncNow({});
    expect((await h.core.listItems()).find((i) => i.kind === 'interview')?.links[0]?.state).toBe('remote_deleted');
    await h.core.setPreferences({ reminderMinutes: 10, detail: 'busy_only' });
    await h.core.syncNow({});
    expect(taggedEvents(h.google).size).toBe(0);
    // Career Copilot's own change is news: it comes back, once.
    h.copilot.updateApplication(a, { interview_date: inDays(4) });
    await h.core.syncNow({});
    expect(startOf(h, a)).toBe(inDays(4));
  });

  it('does not loop silently when the user deletes the event while our update is on its way (4)', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    h.copilot.updateApplication(a, { interview_date: inDays(5) });
    h.google.beforeNextWrite((id, cal) => h?.google.userDeleteEvent(cal, id));
    await h.core.syncNow({});
    const next = await h.core.syncNow({});
    // Deleted in the calendar, changed in Career Copilot: the user is asked, not ignored.
    expect(next.outcome).not.toBe('failed');
    const conflicts = await h.core.listConflicts();
    expect(conflicts).toHaveLength(1);
    await h.core.resolveConflict({ id: conflicts[0]?.id ?? 0, choice: 'keep_copilot', remember: false });
    await h.core.syncNow({});
    expect(startOf(h, a)).toBe(inDays(5));
    h.google.resetStats();
    const quiet = await h.core.syncNow({});
    expect(quiet.outcome).toBe('ok');
    expect(h.google.stats().writes).toBe(0);
  });

  it('does not loop when the user moves the event while our update is on its way (4, 412)', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    h.copilot.updateApplication(a, { interview_date: inDays(5) });
    const moved = DateTime.fromISO(inDays(6, 15), { zone: ZONE });
    h.google.beforeNextWrite((id, cal) => h?.google.userMoveEvent(cal, id, { dateTime: moved.toISO() ?? '', timeZone: ZONE }, { dateTime: moved.plus({ hours: 1 }).toISO() ?? '', timeZone: ZONE }));
    await h.core.syncNow({});
    await h.core.syncNow({});
    const conflicts = await h.core.listConflicts();
    expect(conflicts).toHaveLength(1);
    await h.core.resolveConflict({ id: conflicts[0]?.id ?? 0, choice: 'keep_calendar', remember: false });
    await h.core.syncNow({});
    expect(h.copilot.application(a)?.interview_date).toBe(inDays(6, 15));
    expect(startOf(h, a)).toBe(inDays(6, 15));
  });

  it('remembers the user’s own deletions while the mass-delete guard holds a run back (5)', async () => {
    h = await startHarness({ timeZone: ZONE });
    await h.core.setPreferences({ maxDeletesWithoutAsking: 2 });
    const [a, ...others] = seed(h, [inDays(3), inDays(4), inDays(5), inDays(6), inDays(7), inDays(8)]) as number[];
    await h.core.syncNow({});
    h.google.userDeleteEvent('primary', eventId(h, a ?? 0));
    for (const id of others.slice(0, 3)) h.copilot.updateApplication(id, { status: 'rejected' });
    const stopped = await h.core.syncNow({});
    expect(stopped.outcome).toBe('stopped');
    const pending = await h.core.pendingDeletes();
    expect(pending[0]?.events.filter((e) => e.direction === 'outbound')).toHaveLength(3);
    await h.core.decideDeletes({ accountId: h.accountId, guardId: pending[0]?.guardId ?? '', approve: true });
    await h.core.syncNow({});
    expect(taggedEvents(h.google).size).toBe(2);
    // The deletion made during the stop was not lost: a change in Career Copilot brings the event back.
    h.copilot.updateApplication(a ?? 0, { interview_date: inDays(9) });
    await h.core.syncNow({});
    expect(startOf(h, a ?? 0)).toBe(inDays(9));
  });

  it('approves exactly the deletions the user was shown, and keeps them when asked (8)', async () => {
    h = await startHarness({ timeZone: ZONE });
    await h.core.setPreferences({ maxDeletesWithoutAsking: 2 });
    const ids = seed(h, [inDays(3), inDays(4), inDays(5), inDays(6), inDays(7), inDays(8), inDays(9)]);
    await h.core.syncNow({});
    for (const id of ids.slice(0, 3)) h.copilot.updateApplication(id, { status: 'rejected' });
    await h.core.syncNow({});
    const shown = await h.core.pendingDeletes();
    // More deletions appear after the user looked: the approval covers only what they saw.
    for (const id of ids.slice(3, 6)) h.copilot.updateApplication(id, { status: 'rejected' });
    await h.core.decideDeletes({ accountId: h.accountId, guardId: shown[0]?.guardId ?? '', approve: true });
    const after = await h.core.syncNow({});
    expect(after.deleted).toBe(3);
    expect(after.outcome).toBe('stopped');
    const second = await h.core.pendingDeletes();
    expect(second[0]?.events.map((e) => e.sourceId).sort()).toEqual(ids.slice(3, 6).map((id) => `application:${id}:interview`).sort());
    await expect(h.core.decideDeletes({ accountId: h.accountId, guardId: shown[0]?.guardId ?? '', approve: true })).rejects.toThrow(/changed since it was shown/);
    // "Keep them": the events stay, and the app stops asking.
    await h.core.decideDeletes({ accountId: h.accountId, guardId: second[0]?.guardId ?? '', approve: false });
    const kept = await h.core.syncNow({});
    expect(kept.outcome).toBe('ok');
    expect(taggedEvents(h.google).size).toBe(4);
  });

  it('heals by itself after one failed listing, and never says ok while an account is in error (9)', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    h.copilot.updateApplication(a, { interview_date: inDays(4) });
    h.google.failNext(6, { status: 500, onlyPath: /\/events\?/ });
    const failed = await h.core.syncNow({});
    expect(failed.outcome).toBe('partial');
    expect((await h.core.getState()).accounts[0]?.status).toBe('error');
    const healed = await h.core.syncNow({});
    expect(healed.outcome).toBe('ok');
    expect(healed.updated).toBe(1);
    expect((await h.core.getState()).accounts[0]?.status).toBe('connected');
    expect(startOf(h, a)).toBe(inDays(4));
  });

  it('says a sync is incomplete while an account waits to be reconnected (9)', async () => {
    h = await startHarness({ timeZone: ZONE });
    seed(h, [inDays(3)]);
    await h.core.syncNow({});
    h.google.revokeAllGrants();
    h.google.expireAccessTokens();
    await h.core.syncNow({});
    const next = await h.core.syncNow({});
    expect(next.outcome).toBe('partial');
    expect(next.messages.join(' ')).toMatch(/jane@gmail\.example|reconnect|access/i);
  });

  it('reports a malformed Career Copilot record once, not on every run (14)', async () => {
    h = await startHarness({ timeZone: ZONE });
    seed(h, [inDays(3), inDays(4)]);
    for (let i = 0; i < 3; i++) {
      h.copilot.malformNext('bad_record');
      await h.core.syncNow({});
    }
    const skipped = (await h.core.listAudit({ limit: 500 })).filter((e) => e.action === 'copilot.skipped_record');
    expect(skipped).toHaveLength(1);
    expect((await h.core.getMetrics()).failuresLastHour).toBeLessThanOrEqual(1);
  });

  it('takes the computer’s zone on first run, and says how many events a new zone re-times (7)', async () => {
    h = await startHarness({ timeZone: null, systemTimeZone: ZONE });
    expect((await h.core.getState()).preferences.timeZone).toBe(ZONE);
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    // A naive 10:00 in Career Copilot is 10:00 where the user is, not 10:00 UTC.
    expect(startOf(h, a)).toBe(inDays(3));
    const preview = await h.core.previewPreferences({ timeZone: 'America/New_York' });
    expect(preview.retimedEvents).toBe(1);
    expect(preview.examples[0]?.title).toMatch(/Engineer at Acme/);
    expect((await h.core.previewPreferences({ reminderMinutes: 10 })).retimedEvents).toBe(0);
  });
});

describe('opening an event', () => {
  it('gives each synced item a link to open its event in the calendar, and none once it is deleted there', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    const item = (await h.core.listItems()).find((i) => i.sourceId === `application:${a}:interview`);
    expect(item?.links[0]?.webLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    h.google.userDeleteEvent('primary', eventId(h, a));
    await h.core.syncNow({});
    expect((await h.core.listItems()).find((i) => i.sourceId === `application:${a}:interview`)?.links[0]?.webLink).toBeNull();
  });
});

describe('edits made in the app', () => {
  it('queues an edit while Career Copilot is unreachable, and lands it once in both places when it is back', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    h.copilot.failNext(50, 503);
    const edited = await h.core.editItem({ sourceId: `application:${a}:interview`, timing: { type: 'timed', startUtc: DateTime.fromISO(inDays(6, 14), { zone: ZONE }).toUTC().toISO() ?? '', endUtc: DateTime.fromISO(inDays(6, 15), { zone: ZONE }).toUTC().toISO() ?? '', zone: ZONE } });
    expect(edited.editPending).toBe(true);
    expect((await h.core.getState()).outbox.pending).toBe(1);
    const offline = await h.core.syncNow({});
    expect(offline.outcome).toBe('partial');
    expect(h.copilot.application(a)?.interview_date).toBe(inDays(3));
    // Back online: the edit reaches Career Copilot, then the calendar, once each.
    h.copilot.resetStats();
    h.copilot.clearFaults();
    await h.core.retryFailed(); // "Retry" sends what waits for its backoff now
    await h.core.syncNow({});
    await h.core.syncNow({});
    expect(h.copilot.application(a)?.interview_date).toBe(inDays(6, 14));
    expect(h.copilot.stats().puts).toBe(1);
    expect(startOf(h, a)).toBe(inDays(6, 14));
    expect(taggedEvents(h.google).get(`application:${a}:interview`)).toHaveLength(1);
    expect((await h.core.getState()).outbox.pending).toBe(0);
    const metrics = await h.core.getMetrics();
    expect(metrics.daily?.some((d) => d.provider === 'google' && d.syncs > 0)).toBe(true);
  });
});

describe('conflicts', () => {
  it('resolves a conflict whose date was cleared in Career Copilot meanwhile, instead of leaving it stuck (found by the model test)', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    const moved = DateTime.fromISO(inDays(4, 15), { zone: ZONE });
    h.google.userMoveEvent('primary', eventId(h, a), { dateTime: moved.toISO() ?? '', timeZone: ZONE }, { dateTime: moved.plus({ hours: 1 }).toISO() ?? '', timeZone: ZONE });
    h.copilot.updateApplication(a, { interview_date: inDays(5) });
    await h.core.syncNow({});
    const [conflict] = await h.core.listConflicts();
    h.copilot.updateApplication(a, { interview_date: null });
    await h.core.syncNow({});
    await h.core.resolveConflict({ id: conflict?.id ?? 0, choice: 'keep_copilot', remember: false });
    await h.core.syncNow({});
    expect(taggedEvents(h.google).get(`application:${a}:interview`) ?? []).toHaveLength(0);
    expect(h.core.store.links.get(h.accountId, `application:${a}:interview`)?.state).toBe('removed');
    expect((await h.core.getState()).openConflicts).toBe(0);
  });
});

describe('connecting', () => {
  it('stops a connect waiting in the browser when the user presses Cancel, saving nothing', async () => {
    h = await startHarness({ timeZone: ZONE, connect: false, google: { autoApprove: false } });
    const shown = new Promise<void>((resolve) => h?.core.on('consentUrl', () => resolve()));
    const connecting = h.core.connect({ provider: 'google' });
    await shown;
    expect(await h.core.cancelConnect()).toEqual({ cancelled: true });
    await expect(connecting).rejects.toThrow(/cancelled/i);
    expect((await h.core.getState()).accounts).toEqual([]);
    expect(await h.core.cancelConnect()).toEqual({ cancelled: false });
  });
});

describe('user commands while a sync is writing (6)', () => {
  it('moves every event to the new calendar when the user switches mid-write, none lost or doubled', async () => {
    h = await startHarness({ timeZone: ZONE, google: { latencyMs: 40 } });
    const ids = seed(h, Array.from({ length: 12 }, (_, i) => inDays(3 + i)));
    const second = h.google.userCreateCalendar('Job search', ZONE);
    h.google.failNext(2, { status: 503, retryAfterSeconds: 1, onlyPath: /\/events$/ });
    const running = h.core.syncNow({});
    await new Promise((r) => setTimeout(r, 150));
    const switching = h.core.setCalendar({ accountId: h.accountId, calendarId: second });
    const retry = h.core.retryFailed();
    await Promise.all([running, switching, retry]);
    for (let i = 0; i < 3; i++) await h.core.syncNow({ allowDeletes: true });
    expect(taggedEvents(h.google, 'primary').size).toBe(0);
    const moved = taggedEvents(h.google, second);
    for (const id of ids) expect(moved.get(`application:${id}:interview`), `application ${id}`).toHaveLength(1);
    expect((await h.core.getState()).outbox).toMatchObject({ pending: 0, failed: 0 });
  });

  it('leaves one event when the user switches calendars twice before a sync (found by the model test)', async () => {
    h = await startHarness({ timeZone: ZONE });
    const [a] = seed(h, [inDays(3)]) as [number];
    await h.core.syncNow({});
    const second = h.google.userCreateCalendar('Job search', ZONE);
    await h.core.setCalendar({ accountId: h.accountId, calendarId: second });
    await h.core.setCalendar({ accountId: h.accountId, calendarId: 'primary' });
    await h.core.syncNow({});
    expect(taggedEvents(h.google, 'primary').get(`application:${a}:interview`)).toHaveLength(1);
    expect(taggedEvents(h.google, second).size).toBe(0);
  });

  it('resolves a conflict and disconnects safely while writes are in flight', async () => {
    h = await startHarness({ timeZone: ZONE, google: { latencyMs: 40 } });
    const ids = seed(h, Array.from({ length: 8 }, (_, i) => inDays(3 + i)));
    await h.core.syncNow({});
    const [a] = ids as [number];
    h.copilot.updateApplication(a, { interview_date: inDays(20) });
    const moved = DateTime.fromISO(inDays(21, 15), { zone: ZONE });
    h.google.userMoveEvent('primary', eventId(h, a), { dateTime: moved.toISO() ?? '', timeZone: ZONE }, { dateTime: moved.plus({ hours: 1 }).toISO() ?? '', timeZone: ZONE });
    await h.core.syncNow({});
    const [conflict] = await h.core.listConflicts();
    for (const id of ids.slice(1)) h.copilot.updateApplication(id, { notes: 'new notes' });
    const running = h.core.syncNow({});
    await new Promise((r) => setTimeout(r, 100));
    const resolving = h.core.resolveConflict({ id: conflict?.id ?? 0, choice: 'keep_copilot', remember: false });
    await Promise.all([running, resolving]);
    await h.core.syncNow({});
    expect(startOf(h, a)).toBe(inDays(20));
    const syncing = h.core.syncNow({});
    const disconnecting = h.core.disconnect({ accountId: h.accountId, removeEvents: true });
    const [, result] = await Promise.all([syncing, disconnecting]);
    expect(result.removedEvents).toBe(8);
    expect(taggedEvents(h.google).size).toBe(0);
    expect((await h.core.getState()).accounts).toEqual([]);
  });
});
