// The CalDAV provider against real servers — Radicale and xandikos from Debian,
// started per file on 127.0.0.1 — through the real tsdav and ical.js, with the
// password in the real keychain (gnome-keyring under dbus-run-session). The
// user's own calendar app is played by caldav-user.ts, over plain HTTP.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timing } from '../../src/shared/domain';
import { AppError, ProviderError } from '../../src/shared/errors';
import { caldavModule, createCaldavProvider } from '../../src/main/core/providers/caldav';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import type { CalendarProvider, EventDraft, RemoteChange } from '../../src/main/core/providers/provider';
import type { ConnectedAccount } from '../../src/main/core/providers/registry';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';
import { accountViewOf, caldavTestContext, type TestContext } from '../fixtures/caldav-context';
import { startCaldavProxy, type CaldavProxy } from '../fixtures/caldav-proxy';
import { caldavSkipReason, makeCalendarAs, startCaldavServer, startRadicale, type CaldavServer, type CaldavServerKind } from '../fixtures/caldav-servers';
import { CaldavUserApp } from '../fixtures/caldav-user';

const secrets = new KeychainSecretStore({ service: `ccal-test-caldav-${randomUUID()}` });

function draft(sourceId: string, timing: Timing, extra: Partial<EventDraft> = {}): EventDraft {
  return {
    sourceId,
    title: `Interview ${sourceId}`,
    timing,
    location: 'Berlin, Alexanderplatz 1',
    description: 'Bring the portfolio; ask about the team & the stack.',
    reminderMinutes: [30],
    transparency: 'opaque',
    ...extra,
  };
}

type Timed = Extract<Timing, { type: 'timed' }>;
const timed = (startUtc: string, endUtc: string, zone = 'Europe/Berlin'): Timed => ({ type: 'timed', startUtc, endUtc, zone });

function upserts(changes: RemoteChange[]) {
  return changes.flatMap((c) => (c.type === 'upsert' ? [c.event] : []));
}
function removals(changes: RemoteChange[]) {
  return changes.flatMap((c) => (c.type === 'removed' ? [c.remoteId] : []));
}

/** An HTTP server that is not CalDAV: a plain web page for everything. */
async function plainWebServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Welcome to my homepage</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

function expectNoPassword(value: unknown, password: string): void {
  expect(JSON.stringify(value, Object.getOwnPropertyNames(value ?? {}))).not.toContain(password);
  if (value instanceof Error) {
    expect(value.message).not.toContain(password);
    expect(String(value.cause ?? '')).not.toContain(password);
  }
}

for (const kind of ['radicale', 'xandikos'] as CaldavServerKind[]) {
  const reason = caldavSkipReason(kind);
  if (reason) console.log(`caldav-provider.test.ts (${kind}) skipped: ${reason}`);

  describe.skipIf(reason !== null)(`CalDAV provider against ${kind}`, () => {
    let server: CaldavServer;
    let t: TestContext;
    let connected: ConnectedAccount;
    const made: { calendarId: string; provider: CalendarProvider; user: CaldavUserApp }[] = [];

    beforeAll(async () => {
      server = await startCaldavServer(kind);
      t = caldavTestContext(secrets);
      connected = await caldavModule.connect(t.ctx, {
        caldav: { serverUrl: server.baseUrl, username: server.username, password: server.password },
        onConsentUrl: () => undefined,
      });
    });
    afterAll(async () => {
      await secrets.delete(SecretKeys.providerTokens(connected?.accountId ?? 'none'));
      await server?.close();
    });

    /** A fresh calendar per test, so listings see only that test's events. */
    async function fresh(): Promise<{ calendarId: string; provider: CalendarProvider; user: CaldavUserApp }> {
      const calendarId = `${server.homeUrl}${randomUUID()}/`;
      await makeCalendarAs(server, calendarId, 'Work');
      const provider = caldavModule.create(t.ctx, accountViewOf(connected, calendarId));
      const entry = { calendarId, provider, user: new CaldavUserApp(server, calendarId) };
      made.push(entry);
      return entry;
    }

    it('connects by discovery, keeps the password only in the keychain, and picks the existing calendar', async () => {
      const host = new URL(server.baseUrl).host;
      expect(connected.accountId).toBe(`caldav:${server.username}@${host}`);
      expect(connected.calendarId).toBe(server.calendarUrl);
      const stored = JSON.parse((await secrets.get(SecretKeys.providerTokens(connected.accountId))) ?? 'null') as Record<string, string>;
      expect(stored).toEqual({ serverUrl: server.baseUrl, username: server.username, password: server.password });
      expectNoPassword(connected, server.password);
      expectNoPassword(t.audits, server.password);
      expect(t.audits.some((a) => a.action === 'connect' && a.outcome === 'ok')).toBe(true);
    });

    it('lists the calendars with the main one first among the writable', async () => {
      const { provider } = await fresh();
      const calendars = await provider.listCalendars();
      const main = calendars.find((c) => c.id === server.calendarUrl);
      expect(main).toBeDefined();
      expect(calendars.filter((c) => c.primary)).toHaveLength(1);
      expect(calendars.every((c) => c.canWrite)).toBe(true);
    });

    it('makes a dedicated events calendar in the home, with its time zone', async () => {
      const provider = caldavModule.create(t.ctx, accountViewOf(connected));
      const made = await provider.createCalendar('Career Copilot', 'Europe/Berlin');
      expect(made.id.startsWith(server.homeUrl)).toBe(true);
      const listed = (await provider.listCalendars()).find((c) => c.id === made.id);
      expect(listed).toMatchObject({ name: 'Career Copilot', canWrite: true });
      const d = draft('application:77:interview', timed('2026-06-01T08:00:00Z', '2026-06-01T09:00:00Z'));
      expect((await provider.createEvent(made.id, d, d.sourceId)).sourceId).toBe(d.sourceId);
    });

    it('says so when the password is wrong, without repeating it', async () => {
      const wrong = 'not-the-Password-9';
      const error = await caldavModule
        .connect(t.ctx, { caldav: { serverUrl: server.baseUrl, username: server.username, password: wrong }, onConsentUrl: () => undefined })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).code).toBe('provider_auth');
      expect((error as AppError).userMessage).toMatch(/app-specific password/);
      expectNoPassword(error, wrong);
      expectNoPassword(t.audits, wrong);
    });

    it('tells a wrong URL (nothing listening) from a server that is not CalDAV', async () => {
      const closed = await plainWebServer();
      const deadUrl = closed.url;
      await closed.close();
      const unreachable = await caldavModule
        .connect(t.ctx, { caldav: { serverUrl: deadUrl, username: 'u', password: 'p' }, onConsentUrl: () => undefined })
        .catch((e: unknown) => e);
      expect((unreachable as ProviderError).code).toBe('provider_unavailable');
      expect((unreachable as AppError).userMessage).toMatch(/Nothing answered/);

      const web = await plainWebServer();
      try {
        const notCaldav = await caldavModule
          .connect(t.ctx, { caldav: { serverUrl: web.url, username: 'u', password: 'p' }, onConsentUrl: () => undefined })
          .catch((e: unknown) => e);
        expect((notCaldav as ProviderError).code).toBe('invalid_input');
        expect((notCaldav as AppError).userMessage).toMatch(/does not offer CalDAV/);
      } finally {
        await web.close();
      }
    });

    it('creates idempotently: a retry with the same key finds the first event (If-None-Match: *)', async () => {
      const { calendarId, provider } = await fresh();
      const d = draft('application:1:interview', timed('2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'));
      const first = await provider.createEvent(calendarId, d, d.sourceId);
      const again = await provider.createEvent(calendarId, { ...d, title: 'changed meanwhile' }, d.sourceId);
      expect(again.remoteId).toBe(first.remoteId);
      expect(again.revision).toBe(first.revision);
      expect(again.title).toBe(d.title); // the first attempt's content; the engine diffs
      const page = await provider.listChanges(calendarId, null, null);
      expect(upserts(page.changes)).toHaveLength(1);
      expect(first.sourceId).toBe(d.sourceId);
      expect(first.timing).toEqual(d.timing);
    });

    it('lists everything first, then only changes, with deletions as removals by remote id', async () => {
      const { calendarId, provider, user } = await fresh();
      const events = [];
      for (let i = 1; i <= 3; i++) {
        const d = draft(`application:${i}:interview`, timed(`2026-06-1${i}T08:00:00Z`, `2026-06-1${i}T09:00:00Z`));
        events.push(await provider.createEvent(calendarId, d, d.sourceId));
      }
      const foreign = await user.addForeignEvent('Dentist', timed('2026-06-15T07:00:00Z', '2026-06-15T08:00:00Z'));
      const full = await provider.listChanges(calendarId, null, null);
      expect(full.full).toBe(true);
      expect(full.window).toBeNull();
      const listed = upserts(full.changes);
      expect(listed.filter((e) => e.sourceId !== null).map((e) => e.remoteId).sort()).toEqual(events.map((e) => e.remoteId).sort());
      expect(listed.find((e) => e.remoteId === foreign)?.sourceId).toBeNull();

      await user.deleteEvent(events[0]!.remoteId);
      const moved = timed('2026-06-20T12:00:00Z', '2026-06-20T13:30:00Z', 'UTC');
      await user.moveEvent(events[1]!.remoteId, moved);
      const next = await provider.listChanges(calendarId, full.nextCursor, null);
      expect(next.full).toBe(false);
      expect(removals(next.changes)).toEqual([events[0]!.remoteId]);
      const changed = upserts(next.changes);
      expect(changed.map((e) => e.remoteId)).toEqual([events[1]!.remoteId]);
      expect(changed[0]!.timing).toMatchObject({ startUtc: moved.startUtc, endUtc: moved.endUtc });
      expect(changed[0]!.revision).not.toBe(events[1]!.revision);

      const before = provider.requestCount();
      const quiet = await provider.listChanges(calendarId, next.nextCursor, null);
      expect(quiet.changes).toEqual([]);
      expect(provider.requestCount() - before).toBe(1);
    });

    it('starts over with a full listing when the server no longer honours the sync token', async () => {
      const { calendarId, provider } = await fresh();
      const d = draft('application:31:interview', timed('2026-06-30T08:00:00Z', '2026-06-30T09:00:00Z'));
      const created = await provider.createEvent(calendarId, d, d.sourceId);
      const first = await provider.listChanges(calendarId, null, null);
      const cursor = JSON.parse(first.nextCursor) as { mode: string; token: string };
      expect(cursor.mode).toBe('sync');
      // A token this server never issued, in its own format (as after a server-side reset).
      const stale = JSON.stringify({ ...cursor, token: cursor.token.replace(/[0-9a-f]{8}$/, '00000000') });
      const again = await provider.listChanges(calendarId, stale, null);
      expect(again.full).toBe(true);
      expect(upserts(again.changes).map((e) => e.remoteId)).toEqual([created.remoteId]);
      const unreadable = await provider.listChanges(calendarId, 'not a cursor', null);
      expect(unreadable.full).toBe(true);
    });

    it('refuses a write on a stale revision (412 → provider_precondition) and counts a deleted event as done', async () => {
      const { calendarId, provider, user } = await fresh();
      const d = draft('application:7:interview', timed('2026-07-01T08:00:00Z', '2026-07-01T09:00:00Z'));
      const created = await provider.createEvent(calendarId, d, d.sourceId);
      await user.moveEvent(created.remoteId, timed('2026-07-01T10:00:00Z', '2026-07-01T11:00:00Z'));
      const stale = await provider.updateEvent(calendarId, created.remoteId, { ...d, title: 'New title' }, created.revision).catch((e: unknown) => e);
      expect((stale as ProviderError).code).toBe('provider_precondition');
      const staleDelete = await provider.deleteEvent(calendarId, created.remoteId, created.revision).catch((e: unknown) => e);
      expect((staleDelete as ProviderError).code).toBe('provider_precondition');
      expect(await provider.getEvent(calendarId, created.remoteId)).not.toBeNull();

      const current = await provider.getEvent(calendarId, created.remoteId);
      await provider.deleteEvent(calendarId, created.remoteId, current!.revision);
      expect(await provider.getEvent(calendarId, created.remoteId)).toBeNull();
      await provider.deleteEvent(calendarId, created.remoteId, current!.revision); // gone already: done
      const missing = await provider.updateEvent(calendarId, created.remoteId, d, null).catch((e: unknown) => e);
      expect((missing as ProviderError).code).toBe('provider_not_found');
    });

    it("keeps the user's own alarm, attendee and link across an update, and replaces only the app's alarm", async () => {
      const { calendarId, provider, user } = await fresh();
      const d = draft('application:9:interview', timed('2026-08-03T08:00:00Z', '2026-08-03T09:00:00Z'));
      const created = await provider.createEvent(calendarId, d, d.sourceId);
      await user.addUserDetail(created.remoteId);
      const seen = await provider.getEvent(calendarId, created.remoteId);
      const updated = await provider.updateEvent(
        calendarId,
        created.remoteId,
        { ...d, title: 'Second round', reminderMinutes: [15], location: null, timing: timed('2026-08-04T08:00:00Z', '2026-08-04T10:00:00Z') },
        seen!.revision,
      );
      expect(updated.title).toBe('Second round');
      expect(await user.hasUserDetail(created.remoteId)).toBe(true);
      const stored = await user.get(created.remoteId);
      const event = new ICAL.Component(ICAL.parse(stored!.ics) as unknown[]).getFirstSubcomponent('vevent')!;
      const triggers = event.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')));
      expect(triggers.sort()).toEqual(['-P1D', '-PT15M']);
      expect(event.hasProperty('location')).toBe(false);
      expect(event.getFirstPropertyValue('uid')).toBe(d.sourceId);
      expect(event.getFirstPropertyValue('x-career-copilot-source-id')).toBe(d.sourceId);
      expect(Number(event.getFirstPropertyValue('sequence'))).toBe(1);
      expect((await provider.getEvent(calendarId, created.remoteId))!.timing).toEqual(updated.timing);
    });

    it('writes Europe/Berlin events across the DST changes so that our reader and ical.js agree on every instant', async () => {
      const { calendarId, provider, user } = await fresh();
      const cases: { timing: Timed; lines: string[] }[] = [
        // 00:00 CEST → 04:00 CET: five hours that look like four on the wall.
        { timing: timed('2026-10-24T22:00:00Z', '2026-10-25T03:00:00Z'), lines: ['DTSTART;TZID=Europe/Berlin:20261025T000000', 'DTEND;TZID=Europe/Berlin:20261025T040000'] },
        // Inside the repeated hour a local time names two instants (and readers
        // disagree which), so both ends go out as UTC.
        { timing: timed('2026-10-25T00:30:00Z', '2026-10-25T01:45:00Z'), lines: ['DTSTART:20261025T003000Z', 'DTEND:20261025T014500Z'] },
        // Across the spring gap: 01:59 CET → 03:01 CEST.
        { timing: timed('2026-03-29T00:59:00Z', '2026-03-29T01:01:00Z'), lines: ['DTSTART;TZID=Europe/Berlin:20260329T015900', 'DTEND;TZID=Europe/Berlin:20260329T030100'] },
      ];
      for (const [i, { timing, lines }] of cases.entries()) {
        const d = draft(`application:dst${i}:interview`, timing);
        const created = await provider.createEvent(calendarId, d, d.sourceId);
        expect(created.timing).toEqual(timing);
        expect((await provider.getEvent(calendarId, created.remoteId))!.timing).toEqual(timing);
        const stored = (await user.get(created.remoteId))!.ics;
        for (const line of lines) expect(stored).toContain(line);
        // ical.js with the VTIMEZONE we wrote, as another client would read it.
        const vcalendar = new ICAL.Component(ICAL.parse(stored) as unknown[]);
        const vtimezone = vcalendar.getFirstSubcomponent('vtimezone');
        const event = vcalendar.getFirstSubcomponent('vevent')!;
        const instant = (name: string): string => {
          const prop = event.getFirstProperty(name)!;
          const value = prop.getFirstValue() as ICAL.Time;
          if (!prop.getFirstParameter('tzid')) return value.toJSDate().toISOString().replace('.000', '');
          expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
          const zone = new ICAL.Timezone(vtimezone!);
          const local = ICAL.Time.fromData({ year: value.year, month: value.month, day: value.day, hour: value.hour, minute: value.minute, second: value.second }, zone);
          return new Date(local.toUnixTime() * 1000).toISOString().replace('.000', '');
        };
        expect({ s: instant('dtstart'), e: instant('dtend') }).toEqual({ s: timing.startUtc, e: timing.endUtc });
      }
    });

    it('writes all-day events as dates with an exclusive end', async () => {
      const { calendarId, provider, user } = await fresh();
      const timing: Timing = { type: 'allDay', date: '2026-11-02' };
      const d = draft('application:5:follow_up', timing, { reminderMinutes: [], transparency: 'transparent', description: null });
      const created = await provider.createEvent(calendarId, d, d.sourceId);
      expect(created.timing).toEqual(timing);
      const stored = await user.get(created.remoteId);
      expect(stored!.ics).toMatch(/DTSTART;VALUE=DATE:20261102/);
      expect(stored!.ics).toMatch(/DTEND;VALUE=DATE:20261103/);
      expect(stored!.ics).toMatch(/TRANSP:TRANSPARENT/);
      expect(stored!.ics).not.toMatch(/BEGIN:VALARM/);
      expect((await provider.getEvent(calendarId, created.remoteId))!.timing).toEqual(timing);
    });

    describe('when the server refuses sync-collection', () => {
      let proxy: CaldavProxy;
      let refusals = 0;
      beforeAll(async () => {
        proxy = await startCaldavProxy({
          target: server.baseUrl,
          intercept: ({ method, body }) => {
            if (method !== 'REPORT' || !body.includes('sync-collection')) return null;
            refusals += 1;
            return {
              status: 403,
              contentType: 'application/xml; charset=utf-8',
              body: '<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:"><D:supported-report/></D:error>',
            };
          },
        });
      });
      afterAll(async () => proxy?.close());

      it('falls back to ctag + etag listing, still reporting deletions as removals', async () => {
        const { calendarId: direct, user } = await fresh();
        const calendarId = direct.replace(server.baseUrl, proxy.url);
        const login = { serverUrl: proxy.url, username: server.username, password: server.password };
        const proxied: ConnectedAccount = await caldavModule.connect(t.ctx, { caldav: login, onConsentUrl: () => undefined });
        try {
          const provider = caldavModule.create(t.ctx, accountViewOf(proxied, calendarId));
          const a = await provider.createEvent(calendarId, draft('application:21:interview', timed('2026-09-01T08:00:00Z', '2026-09-01T09:00:00Z')), 'application:21:interview');
          const b = await provider.createEvent(calendarId, draft('application:22:interview', timed('2026-09-02T08:00:00Z', '2026-09-02T09:00:00Z')), 'application:22:interview');
          const full = await provider.listChanges(calendarId, null, null);
          expect(refusals).toBeGreaterThan(0);
          expect(full.full).toBe(true);
          expect(upserts(full.changes).map((e) => e.remoteId).sort()).toEqual([a.remoteId, b.remoteId].sort());

          const before = provider.requestCount();
          const quiet = await provider.listChanges(calendarId, full.nextCursor, null);
          expect(quiet.changes).toEqual([]);
          expect(provider.requestCount() - before).toBe(1); // one PROPFIND for the ctag

          await user.deleteEvent(a.remoteId);
          await user.moveEvent(b.remoteId, timed('2026-09-03T08:00:00Z', '2026-09-03T09:00:00Z'));
          const next = await provider.listChanges(calendarId, quiet.nextCursor, null);
          expect(next.full).toBe(false);
          expect(removals(next.changes)).toEqual([a.remoteId]);
          expect(upserts(next.changes).map((e) => [e.remoteId, e.timing.type === 'timed' ? e.timing.startUtc : null])).toEqual([[b.remoteId, '2026-09-03T08:00:00Z']]);
        } finally {
          await secrets.delete(SecretKeys.providerTokens(proxied.accountId));
        }
      });
    });

    it('updates through a proxy that weakens the ETags of the answers it compresses', async () => {
      const weakening = await startCaldavProxy({
        target: server.baseUrl,
        rewriteHeaders: (method, headers) => {
          if (method === 'GET' && typeof headers.etag === 'string' && !headers.etag.startsWith('W/')) headers.etag = `W/${headers.etag}`;
        },
      });
      try {
        const { calendarId: direct } = await fresh();
        const calendarId = direct.replace(server.baseUrl, weakening.url);
        const provider = createCaldavProvider({
          loadLogin: async () => ({ serverUrl: weakening.url, username: server.username, password: server.password }),
          fetch: globalThis.fetch.bind(globalThis),
          clock: systemClock,
          timers: systemTimers,
        });
        const d = draft('application:41:interview', timed('2026-06-03T08:00:00Z', '2026-06-03T09:00:00Z'));
        const created = await provider.createEvent(calendarId, d, d.sourceId);
        const seen = await provider.getEvent(calendarId, created.remoteId);
        const uncached = createCaldavProvider({
          loadLogin: async () => ({ serverUrl: weakening.url, username: server.username, password: server.password }),
          fetch: globalThis.fetch.bind(globalThis),
          clock: systemClock,
          timers: systemTimers,
        }); // nothing cached: the update reads the resource with GET first
        const updated = await uncached.updateEvent(calendarId, created.remoteId, { ...d, title: 'Renamed' }, seen!.revision);
        expect(updated.title).toBe('Renamed');
      } finally {
        await weakening.close();
      }
    });

    it('follows a listing across several multiget batches', async () => {
      const { calendarId } = await fresh();
      const small = createCaldavProvider({
        loadLogin: async () => ({ serverUrl: server.baseUrl, username: server.username, password: server.password }),
        fetch: globalThis.fetch.bind(globalThis),
        clock: systemClock,
        timers: systemTimers,
        batchSize: 3,
      });
      for (let i = 0; i < 7; i++) {
        const d = draft(`application:b${i}:interview`, timed(`2026-05-0${i + 1}T08:00:00Z`, `2026-05-0${i + 1}T09:00:00Z`));
        await small.createEvent(calendarId, d, d.sourceId);
      }
      const page = await small.listChanges(calendarId, null, null);
      expect(upserts(page.changes)).toHaveLength(7);
    });

    it('says the calendar is gone when the user deleted it, rather than listing it as empty', async () => {
      const { calendarId, provider, user } = await fresh();
      const d = draft('application:51:interview', timed('2026-06-04T08:00:00Z', '2026-06-04T09:00:00Z'));
      await provider.createEvent(calendarId, d, d.sourceId);
      const first = await provider.listChanges(calendarId, null, null);
      await user.deleteEvent(new URL(calendarId).pathname);
      for (const cursor of [first.nextCursor, null]) {
        const error = await provider.listChanges(calendarId, cursor, null).catch((e: unknown) => e);
        expect((error as ProviderError).code).toBe('provider_not_found');
        expect((error as AppError).userMessage).toMatch(/choose another one/);
      }
    });

    it('will not send the password to a calendar URL on another server', async () => {
      const provider = caldavModule.create(t.ctx, accountViewOf(connected));
      const error = await provider.listChanges('http://127.0.0.1:9/evil/calendar/', null, null).catch((e: unknown) => e);
      expect((error as ProviderError).code).toBe('invalid_input');
      expect((error as AppError).userMessage).toMatch(/will not send your password/);
    });

    it('reports a password changed on the server as auth lost', async () => {
      const provider = caldavModule.create(t.ctx, accountViewOf(connected));
      const key = SecretKeys.providerTokens(connected.accountId);
      const good = (await secrets.get(key))!;
      await secrets.set(key, JSON.stringify({ ...JSON.parse(good), password: 'revoked-Password-0' }));
      try {
        const error = await provider.listCalendars().catch((e: unknown) => e);
        expect((error as ProviderError).code).toBe('provider_auth');
        expect(t.authLost.map((a) => a.accountId)).toContain(connected.accountId);
      } finally {
        await secrets.set(key, good);
      }
      expect((await provider.listCalendars()).length).toBeGreaterThan(0); // reads the secret again
    });
  });
}

describe.skipIf(caldavSkipReason('radicale') !== null)('CalDAV connect on a fresh Radicale account', () => {
  it('makes a calendar when the account has none', async () => {
    const server = await startRadicale({ withCalendar: false });
    const t = caldavTestContext(secrets);
    try {
      const connected = await caldavModule.connect(t.ctx, {
        caldav: { serverUrl: server.baseUrl, username: server.username, password: server.password },
        onConsentUrl: () => undefined,
      });
      const provider = caldavModule.create(t.ctx, accountViewOf(connected));
      const calendars = await provider.listCalendars();
      expect(calendars.map((c) => c.id)).toEqual([connected.calendarId]);
      expect(calendars[0]!.name).toBe('Career Copilot');
      const { revoked } = await caldavModule.disconnect(t.ctx, accountViewOf(connected));
      expect(revoked).toBe(false);
      expect(await secrets.get(SecretKeys.providerTokens(connected.accountId))).toBeNull();
    } finally {
      await server.close();
    }
  });
});
