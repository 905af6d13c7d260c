// The sync engine end to end: Career Copilot ⇄ Google Calendar through the real
// client libraries and the sandboxes, with a real SQLite file and the real keychain.
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startHarness, startText, taggedEvents, USER, type Harness } from '../fixtures/harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const inDays = (days: number, hour = 10): string => DateTime.now().setZone('Europe/Berlin').plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
const dateIn = (days: number): string => DateTime.now().setZone('Europe/Berlin').plus({ days }).toISODate() ?? '';

function seed(harness: Harness, apps: { interview?: string | null; followUp?: string | null; status?: string }[]): number[] {
  const job = harness.copilot.addJob({ title: 'Backend Engineer', company: 'Acme', location: 'Berlin' });
  return apps.map(
    (a) =>
      harness.copilot.addApplication(
        { job_id: job.id, status: (a.status ?? 'interview') as 'interview', interview_date: a.interview ?? null, follow_up_date: a.followUp ?? null, notes: 'Ask about the team' },
        'jane@careercopilot.example',
      ).id,
  );
}

function requireDefined<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new Error(`missing ${what}`);
  return v;
}

describe('sync engine against the sandboxes', () => {
  it('puts interviews and follow-ups in Google with useful titles, places, notes and reminders', async () => {
    h = await startHarness();
    const [a] = seed(h, [{ interview: inDays(3), followUp: dateIn(5) }]);
    const summary = await h.core.syncNow({});
    expect(summary.outcome).toBe('ok');
    expect(summary.created).toBe(2);
    const events = h.google.events();
    const interview = requireDefined(events.find((e) => e.extendedProperties?.private?.careerCopilotSourceId === `application:${a}:interview`), 'interview event');
    expect(interview.summary).toBe('Interview: Backend Engineer at Acme');
    expect(interview.location).toBe('Berlin');
    expect(interview.description).toContain('Ask about the team');
    expect(interview.reminders?.overrides).toEqual([{ method: 'popup', minutes: 30 }]);
    expect(DateTime.fromISO(startText(interview.start) ?? '').setZone('Europe/Berlin').hour).toBe(10);
    const followUp = requireDefined(events.find((e) => e.extendedProperties?.private?.careerCopilotSourceId === `application:${a}:follow_up`), 'follow-up event');
    expect(startText(followUp.start)).toBe(dateIn(5));
    expect(followUp.summary).toBe('Follow up: Backend Engineer at Acme');
  });

  it('syncs only the kinds the user enabled, and busy-only hides the details', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3), followUp: dateIn(5) }]);
    await h.core.setPreferences({ kinds: { follow_up: false }, detail: 'busy_only' });
    await h.core.syncNow({});
    const events = h.google.events();
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe('Busy');
    expect(events[0]?.location ?? null).toBeNull();
  });

  it('costs one Google request and the Career Copilot pages when nothing changed', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3) }, { interview: inDays(4) }]);
    await h.core.syncNow({});
    await h.core.syncNow({}); // sees its own writes once in the incremental listing
    h.google.resetStats();
    h.copilot.resetStats();
    const summary = await h.core.syncNow({});
    expect(summary.outcome).toBe('ok');
    expect(h.google.stats().requests).toBe(1);
    // One page of applications and one of jobs (jobs are listed, not fetched one by one).
    expect(h.copilot.stats().byRoute).toEqual({ 'GET /applications': 1, 'GET /jobs': 1 });
  });

  it('brings a job renamed in Career Copilot to the calendar on the next sync', async () => {
    h = await startHarness();
    const job = h.copilot.addJob({ title: 'Engineer', company: 'Acme', location: null });
    h.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: inDays(3), follow_up_date: null }, USER.email);
    await h.core.syncNow({});
    h.copilot.updateJob(job.id, { company: 'Acme Robotics' });
    const summary = await h.core.syncNow({});
    expect(summary.updated).toBe(1);
    expect([...taggedEvents(h.google).values()].flat().map((e) => e.summary)).toEqual(['Interview: Engineer at Acme Robotics']);
  });

  it('moves the event when Career Copilot moves the interview, and removes it when the application is rejected', async () => {
    h = await startHarness();
    const [a, b] = seed(h, [{ interview: inDays(3) }, { interview: inDays(4) }]);
    await h.core.syncNow({});
    h.copilot.updateApplication(requireDefined(a, 'a'), { interview_date: inDays(6, 15) });
    h.copilot.updateApplication(requireDefined(b, 'b'), { status: 'rejected' });
    const summary = await h.core.syncNow({});
    expect(summary.updated).toBe(1);
    expect(summary.deleted).toBe(1);
    const tagged = taggedEvents(h.google);
    expect(tagged.has(`application:${b}:interview`)).toBe(false);
    const moved = requireDefined(tagged.get(`application:${a}:interview`)?.[0], 'moved event');
    expect(DateTime.fromISO(moved.start ?? '').setZone('Europe/Berlin').toFormat("yyyy-MM-dd'T'HH:mm:ss")).toBe(inDays(6, 15));
  });

  it('sends a time moved in Google back to Career Copilot, in the user zone', async () => {
    h = await startHarness();
    const [a] = seed(h, [{ interview: inDays(3) }]);
    await h.core.syncNow({});
    const ev = requireDefined(taggedEvents(h.google).get(`application:${a}:interview`)?.[0], 'event');
    const newStart = DateTime.fromISO(inDays(8, 16), { zone: 'Europe/Berlin' });
    h.google.userMoveEvent('primary', ev.id, { dateTime: newStart.toISO() ?? '', timeZone: 'Europe/Berlin' }, { dateTime: newStart.plus({ hours: 1 }).toISO() ?? '', timeZone: 'Europe/Berlin' });
    const summary = await h.core.syncNow({});
    expect(summary.pulled).toBe(1);
    expect(h.copilot.application(requireDefined(a, 'a'))?.interview_date).toBe(inDays(8, 16));
    // The next sync sees Career Copilot's new time as already agreed: no write back to Google.
    h.google.resetStats();
    const after = await h.core.syncNow({});
    expect(after.updated + after.created).toBe(0);
    expect(h.google.stats().writes).toBe(0);
  });

  it('does not recreate an event the user deleted in Google, unless Career Copilot changes it', async () => {
    h = await startHarness();
    const [a] = seed(h, [{ interview: inDays(3) }]);
    await h.core.syncNow({});
    const ev = requireDefined(taggedEvents(h.google).get(`application:${a}:interview`)?.[0], 'event');
    h.google.userDeleteEvent('primary', ev.id);
    await h.core.syncNow({});
    await h.core.syncNow({});
    expect(taggedEvents(h.google).size).toBe(0);
    expect(h.copilot.application(requireDefined(a, 'a'))?.interview_date).toBe(inDays(3));
    h.copilot.updateApplication(requireDefined(a, 'a'), { interview_date: inDays(9) });
    await h.core.syncNow({});
    expect(taggedEvents(h.google).get(`application:${a}:interview`)).toHaveLength(1);
  });

  it('clears the date in Career Copilot when the policy says so', async () => {
    h = await startHarness();
    const [a] = seed(h, [{ interview: inDays(3) }]);
    await h.core.setPreferences({ deletePolicy: 'clear_in_copilot' });
    await h.core.syncNow({});
    const ev = requireDefined(taggedEvents(h.google).get(`application:${a}:interview`)?.[0], 'event');
    h.google.userDeleteEvent('primary', ev.id);
    await h.core.syncNow({});
    expect(h.copilot.application(requireDefined(a, 'a'))?.interview_date ?? null).toBeNull();
    await h.core.syncNow({});
    expect(taggedEvents(h.google).size).toBe(0);
  });

  it('records a conflict when both sides changed, resolves it, and remembers the answer', async () => {
    h = await startHarness();
    const [a, b] = seed(h, [{ interview: inDays(3) }, { interview: inDays(4) }]);
    await h.core.syncNow({});
    const bothChange = (id: number, days: number): void => {
      const ev = requireDefined(taggedEvents(h!.google).get(`application:${id}:interview`)?.[0], 'event');
      const t = DateTime.fromISO(inDays(days, 12), { zone: 'Europe/Berlin' });
      h!.google.userMoveEvent('primary', ev.id, { dateTime: t.toISO() ?? '' }, { dateTime: t.plus({ hours: 1 }).toISO() ?? '' });
      h!.copilot.updateApplication(id, { interview_date: inDays(days + 1, 9) });
    };
    bothChange(requireDefined(a, 'a'), 10);
    const summary = await h.core.syncNow({});
    expect(summary.conflicts).toBe(1);
    const [conflict] = await h.core.listConflicts();
    expect(conflict?.explanation).toMatch(/changed/);
    await h.core.resolveConflict({ id: requireDefined(conflict, 'conflict').id, choice: 'keep_calendar', remember: true });
    await h.core.syncNow({});
    expect(h.copilot.application(requireDefined(a, 'a'))?.interview_date).toBe(inDays(10, 12));
    expect(await h.core.listConflicts()).toEqual([]);
    expect((await h.core.getState()).preferences.conflictPolicy).toBe('keep_calendar');
    // Remembered: the next conflict resolves itself the same way.
    bothChange(requireDefined(b, 'b'), 11);
    const next = await h.core.syncNow({});
    expect(next.conflicts).toBe(0);
    await h.core.syncNow({});
    expect(h.copilot.application(requireDefined(b, 'b'))?.interview_date).toBe(inDays(11, 12));
  });

  it('keeps both versions when asked: the calendar one stays, a new one follows Career Copilot', async () => {
    h = await startHarness();
    const [a] = seed(h, [{ interview: inDays(3) }]);
    await h.core.syncNow({});
    const ev = requireDefined(taggedEvents(h.google).get(`application:${a}:interview`)?.[0], 'event');
    const t = DateTime.fromISO(inDays(12, 12), { zone: 'Europe/Berlin' });
    h.google.userMoveEvent('primary', ev.id, { dateTime: t.toISO() ?? '' }, { dateTime: t.plus({ hours: 1 }).toISO() ?? '' });
    h.copilot.updateApplication(requireDefined(a, 'a'), { interview_date: inDays(13, 9) });
    await h.core.syncNow({});
    const [conflict] = await h.core.listConflicts();
    await h.core.resolveConflict({ id: requireDefined(conflict, 'conflict').id, choice: 'keep_both', remember: false });
    await h.core.syncNow({});
    const copies = taggedEvents(h.google).get(`application:${a}:interview`) ?? [];
    expect(copies).toHaveLength(2);
    // Further syncs leave the detached copy alone and do not multiply.
    await h.core.syncNow({});
    expect(taggedEvents(h.google).get(`application:${a}:interview`)).toHaveLength(2);
  });

  it('stops and asks before deleting many events, and deletes them once approved', async () => {
    h = await startHarness();
    const ids = seed(h, Array.from({ length: 8 }, (_, i) => ({ interview: inDays(3 + i) })));
    await h.core.syncNow({});
    for (const id of ids) h.copilot.updateApplication(id, { status: 'rejected' });
    const stopped = await h.core.syncNow({});
    expect(stopped.outcome).toBe('stopped');
    expect(stopped.messages.join(' ')).toMatch(/would delete 8 events/);
    expect(taggedEvents(h.google).size).toBe(8);
    expect((await h.core.getState()).alerts.some((x) => x.action === 'approve_deletes')).toBe(true);
    const approved = await h.core.syncNow({ allowDeletes: true });
    expect(approved.deleted).toBe(8);
    expect(taggedEvents(h.google).size).toBe(0);
  });

  it('reports and skips a malformed application while the rest still sync', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3) }, { interview: inDays(4) }, { interview: inDays(5) }]);
    h.copilot.malformNext('bad_record');
    const summary = await h.core.syncNow({});
    expect(summary.skippedRecords).toBe(1);
    expect(summary.created).toBe(2);
    expect(summary.messages.join(' ')).toMatch(/Skipped application/);
  });

  it('syncs a ten-year-away interview and a long note; a record that turns bad later keeps its event', async () => {
    h = await startHarness();
    const [far] = seed(h, [{ interview: inDays(3650) }]);
    h.copilot.updateApplication(requireDefined(far, 'far'), { notes: 'Prepare: '.repeat(2000) });
    seed(h, [{ interview: inDays(5) }]);
    const first = await h.core.syncNow({});
    expect(first.created).toBe(2);
    const tagged = taggedEvents(h.google);
    expect(DateTime.fromISO(requireDefined(tagged.get(`application:${far}:interview`)?.[0]?.start, 'start')).year).toBe(DateTime.now().plus({ days: 3650 }).year);
    // The first application comes back malformed: reported and skipped, and its event is not taken for deleted.
    h.copilot.malformNext('bad_record');
    const second = await h.core.syncNow({});
    expect(second.skippedRecords).toBe(1);
    expect(second.deleted).toBe(0);
    expect(taggedEvents(h.google).size).toBe(2);
  });

  it('rides out rate limits, 5xx bursts and dropped connections without the user seeing an error', async () => {
    h = await startHarness();
    const ids = seed(h, Array.from({ length: 6 }, (_, i) => ({ interview: inDays(3 + i) })));
    // Four failures in a row, each of a different kind; the fifth attempt gets through.
    h.google.failNext(1, { status: 429, retryAfterSeconds: 1 });
    h.google.failNext(1, { status: 403, reason: 'rateLimitExceeded' });
    h.google.failNext(1, { status: 503 });
    h.google.dropNextConnections(1);
    const summary = await h.core.syncNow({});
    expect(summary.failures).toBe(0);
    expect(summary.outcome).toBe('ok');
    expect(taggedEvents(h.google).size).toBe(6);
    expect(h.google.stats().requests).toBeGreaterThanOrEqual(6 + 4);
    // Faults while writing: every update still lands.
    for (const id of ids) h.copilot.updateApplication(id, { interview_date: inDays(20, 9) });
    await h.core.syncNow({}).then((first) => expect(first.failures).toBe(0));
    h.google.failNext(2, { status: 500 });
    h.google.failNext(1, { status: 502 });
    for (const id of ids) h.copilot.updateApplication(id, { interview_date: inDays(21, 9) });
    const second = await h.core.syncNow({});
    expect(second.failures).toBe(0);
    expect(second.updated).toBe(6);
  });

  it('falls back to a full listing when the sync token expires, without duplicates', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3) }, { interview: inDays(4) }]);
    await h.core.syncNow({});
    h.google.expireSyncTokens();
    const summary = await h.core.syncNow({});
    expect(summary.outcome).toBe('ok');
    for (const copies of taggedEvents(h.google).values()) expect(copies).toHaveLength(1);
  });

  it('marks the account for reconnection when the grant is revoked, and keeps the queue', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3) }]);
    h.google.revokeAllGrants();
    const summary = await h.core.syncNow({});
    expect(summary.outcome).toBe('partial');
    const state = await h.core.getState();
    expect(state.accounts[0]?.status).toBe('needs_reauth');
    expect(state.alerts.find((x) => x.action === 'reconnect')?.message).toMatch(/Reconnect/i);
    // Reconnecting brings it back and the queued create goes out.
    await h.core.connect({ provider: 'google' });
    const after = await h.core.syncNow({});
    expect(after.created).toBe(1);
  });

  it('asks to sign in again when Career Copilot rejects the session, keeping calendar changes queued', async () => {
    h = await startHarness();
    const [a] = seed(h, [{ interview: inDays(3) }]);
    await h.core.syncNow({});
    h.copilot.expireTokens();
    const ev = requireDefined(taggedEvents(h.google).get(`application:${a}:interview`)?.[0], 'event');
    const t = DateTime.fromISO(inDays(7, 11), { zone: 'Europe/Berlin' });
    h.google.userMoveEvent('primary', ev.id, { dateTime: t.toISO() ?? '' }, { dateTime: t.plus({ hours: 1 }).toISO() ?? '' });
    const summary = await h.core.syncNow({});
    expect(summary.messages.join(' ')).toMatch(/[Ss]ign in again/);
    expect((await h.core.getState()).outbox.pending).toBe(1);
    await h.core.signIn({ email: 'jane@careercopilot.example', password: 'correct horse battery staple' });
    await h.core.syncNow({});
    expect(h.copilot.application(requireDefined(a, 'a'))?.interview_date).toBe(inDays(7, 11));
    expect((await h.core.getState()).outbox.pending).toBe(0);
  });

  it('disconnect revokes, forgets the secret and can remove the events it created', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3) }]);
    await h.core.syncNow({});
    const result = await h.core.disconnect({ accountId: h.accountId, removeEvents: true });
    expect(result).toEqual({ revoked: true, removedEvents: 1 });
    expect(taggedEvents(h.google).size).toBe(0);
    expect(await h.secrets.get(`provider:${h.accountId}:tokens`)).toBeNull();
    expect((await h.core.getState()).accounts).toEqual([]);
  });

  it('moves the events when the user picks another calendar, without duplicates or gaps', async () => {
    h = await startHarness();
    const ids = seed(h, [{ interview: inDays(3) }, { interview: inDays(4) }]);
    await h.core.syncNow({});
    const jobs = h.google.userCreateCalendar('Job search', 'Europe/Berlin');
    await h.core.setCalendar({ accountId: h.accountId, calendarId: jobs });
    await h.core.syncNow({});
    await h.core.syncNow({});
    expect(taggedEvents(h.google).size).toBe(0); // nothing left in the main calendar
    const moved = h.google.events(jobs).filter((e) => e.extendedProperties?.private?.careerCopilotSourceId);
    expect(moved.map((e) => e.extendedProperties?.private?.careerCopilotSourceId).sort()).toEqual(ids.map((id) => `application:${id}:interview`).sort());
    // Later changes go to the new calendar.
    h.copilot.updateApplication(requireDefined(ids[0], 'id'), { interview_date: inDays(9) });
    const after = await h.core.syncNow({});
    expect(after.updated).toBe(1);
    expect(h.google.events(jobs).filter((e) => e.extendedProperties?.private?.careerCopilotSourceId)).toHaveLength(2);
  });

  it('asks for the calendar list only when the user wants to choose a calendar', async () => {
    h = await startHarness();
    const jobs = h.google.userCreateCalendar('Job search');
    await expect(h.core.listCalendars(h.accountId)).rejects.toMatchObject({ code: 'provider_permission' });
    await h.core.connect({ provider: 'google', calendarList: true });
    const calendars = await h.core.listCalendars(h.accountId);
    expect(calendars.map((c) => c.id)).toContain(jobs);
    expect(calendars.find((c) => c.primary)?.canWrite).toBe(true);
    expect((await h.core.getState()).accounts[0]?.scopes.join(' ')).toMatch(/calendarlist\.readonly/);
  });

  it('offers the most private choice: its own calendar, and no access to any other', async () => {
    h = await startHarness({ connect: false });
    const [a] = seed(h, [{ interview: inDays(3) }]);
    const account = await h.core.connect({ provider: 'google', dedicatedCalendar: true });
    expect(account.scopes.join(' ')).toMatch(/calendar\.app\.created/);
    expect(account.scopes.join(' ')).not.toMatch(/auth\/calendar\.events/);
    expect(account.calendarId).not.toBe('primary');
    const summary = await h.core.syncNow({});
    expect(summary.outcome).toBe('ok');
    expect(h.google.events('primary')).toHaveLength(0);
    const mine = h.google.events(account.calendarId);
    expect(mine.map((e) => e.extendedProperties?.private?.careerCopilotSourceId)).toEqual([`application:${a}:interview`]);
    // Connecting again reuses the same calendar.
    const again = await h.core.connect({ provider: 'google', dedicatedCalendar: true });
    expect(again.calendarId).toBe(account.calendarId);
  });

  it('survives an app restart: the next run continues from the stored cursor and links', async () => {
    h = await startHarness();
    seed(h, [{ interview: inDays(3) }]);
    await h.core.syncNow({});
    const core = h.restart();
    h.google.resetStats();
    const summary = await core.syncNow({});
    expect(summary.created).toBe(0);
    expect(taggedEvents(h.google).size).toBe(1);
  });
});
