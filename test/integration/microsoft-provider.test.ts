// The Outlook provider and sign-in end to end: the real @azure/msal-node and
// @microsoft/microsoft-graph-client against the Microsoft sandbox over verified
// TLS (the certificate is trusted through NODE_EXTRA_CA_CERTS, set by the global
// setup), the token cache in the real keychain under a unique service per run.
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMicrosoftSandbox, type MicrosoftSandbox } from '../../src/sandbox/microsoft';
import { approveInMicrosoftSandboxBrowser } from '../../src/sandbox/microsoft/microsoft-browser';
import { AppError, ProviderError } from '../../src/shared/errors';
import type { MicrosoftConfig } from '../../src/main/core/auth/microsoft-config';
import { connectMicrosoft, disconnectMicrosoft } from '../../src/main/core/auth/microsoft-oauth';
import { systemClock, systemTimers, type Clock, type Timers } from '../../src/main/core/ports';
import { createMicrosoftProvider } from '../../src/main/core/providers/microsoft/microsoft-provider';
import { microsoftModule } from '../../src/main/core/providers/microsoft/microsoft-module';
import { SOURCE_PROPERTY_ID } from '../../src/main/core/providers/microsoft/microsoft-ids';
import type { CalendarProvider, EventDraft, ListingWindow, RemoteChange } from '../../src/main/core/providers/provider';
import type { ProviderContext } from '../../src/main/core/providers/registry';
import { AppConfig } from '../../src/main/core/config';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

const EMAIL = 'jobseeker@contoso.example';
const CAL = 'default';
const WINDOW: ListingWindow = { start: '2026-05-01T00:00:00.000Z', end: '2026-09-01T00:00:00.000Z' };
const secrets = new KeychainSecretStore({ service: `ccal-test-microsoft-${randomUUID()}` });

let sandbox: MicrosoftSandbox;
let config: MicrosoftConfig;
let accountId = '';
/** Every error the code under test threw, checked for tokens at the end. */
const seenErrors: unknown[] = [];
/** Every token the keychain held whenever a test looked. */
const seenTokens = new Set<string>();

async function cachedSecrets(): Promise<string[]> {
  const raw = await secrets.get(SecretKeys.providerTokens(accountId));
  if (raw === null) return [];
  const cache = JSON.parse(raw) as Record<string, Record<string, { secret?: string }>>;
  const found = Object.values(cache).flatMap((section) => Object.values(section ?? {}).map((e) => e.secret).filter((s): s is string => typeof s === 'string' && s.length > 20));
  for (const token of found) seenTokens.add(token);
  return found;
}

const fetchImpl = globalThis.fetch.bind(globalThis);

async function connect(): Promise<{ accountId: string; email: string; scopes: string[] }> {
  const result = await connectMicrosoft({
    config,
    secrets,
    fetch: fetchImpl,
    openUrl: approveInMicrosoftSandboxBrowser,
    onConsentUrl: () => undefined,
    timeoutMs: 10_000,
    readProfile: async () => ({ email: EMAIL, displayName: 'Job Seeker' }),
  });
  accountId = result.accountId;
  await cachedSecrets();
  return result;
}

interface ProviderExtras {
  onAuthLost?: (reason: string) => void;
  onTokenRefreshed?: () => void;
  config?: Partial<MicrosoftConfig>;
  clock?: Clock;
  timers?: Timers;
}

function provider(extra: ProviderExtras = {}): CalendarProvider {
  return createMicrosoftProvider({
    config: { ...config, ...extra.config },
    secrets,
    accountId,
    clock: extra.clock ?? systemClock,
    timers: extra.timers ?? systemTimers,
    fetch: fetchImpl,
    random: () => 0.1,
    onAuthLost: extra.onAuthLost,
    onTokenRefreshed: extra.onTokenRefreshed,
  });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  seenErrors.push(error);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** Timers whose sleeps wait for the test, on a clock that moves only when the test says. */
function heldTime(): { clock: Clock; timers: Timers; sleeps: number[]; release(advanceMs: number): void } {
  let offset = 0;
  const waiting: (() => void)[] = [];
  const sleeps: number[] = [];
  return {
    clock: { now: () => new Date(Date.now() + offset) },
    timers: {
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          sleeps.push(ms);
          waiting.push(resolve);
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    },
    sleeps,
    release(advanceMs) {
      offset += advanceMs;
      for (const wake of waiting.splice(0)) wake();
    },
  };
}

/** Timers that return at once and move the clock by what was asked: retries without waiting. */
function instantTime(): { clock: Clock; timers: Timers; sleeps: number[] } {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    clock: { now: () => new Date(Date.now() + offset) },
    timers: {
      sleep: async (ms) => {
        sleeps.push(ms);
        offset += ms;
      },
    },
    sleeps,
  };
}

function draft(n: number, overrides: Partial<EventDraft> = {}): EventDraft {
  const day = String(n).padStart(2, '0');
  return {
    sourceId: `application:${n}:interview`,
    title: `Interview ${n}`,
    timing: { type: 'timed', startUtc: `2026-06-${day}T12:00:00.000Z`, endUtc: `2026-06-${day}T13:00:00.000Z`, zone: 'Europe/Berlin' },
    location: 'Video call',
    description: 'Bring the portfolio',
    reminderMinutes: [30],
    transparency: 'opaque',
    ...overrides,
  };
}

beforeAll(async () => {
  sandbox = await startMicrosoftSandbox({ email: EMAIL, displayName: 'Job Seeker' });
  config = { clientId: sandbox.clientId, ...sandbox.endpoints };
});

afterAll(async () => {
  if (accountId) await secrets.delete(SecretKeys.providerTokens(accountId));
  await sandbox?.close();
});

describe('connectMicrosoft', () => {
  it('runs the loopback flow with PKCE and keeps the MSAL cache only in the keychain', async () => {
    const urls: string[] = [];
    const result = await connectMicrosoft({
      config,
      secrets,
      fetch: fetchImpl,
      openUrl: approveInMicrosoftSandboxBrowser,
      onConsentUrl: (url) => urls.push(url),
      timeoutMs: 10_000,
      readProfile: async () => ({ email: 'JobSeeker@Contoso.example', displayName: 'Job Seeker' }),
    });
    accountId = result.accountId;
    expect(result).toMatchObject({ accountId: `microsoft:${EMAIL}`, email: EMAIL, displayName: 'Job Seeker' });
    expect(result.scopes.map((s) => s.toLowerCase())).toEqual(expect.arrayContaining(['calendars.readwrite', 'user.read']));

    expect(urls).toHaveLength(1);
    const consent = new URL(urls[0] as string);
    expect(`${consent.origin}${consent.pathname}`).toBe(`${sandbox.url}/common/oauth2/v2.0/authorize`);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consent.searchParams.get('response_mode')).toBe('query');
    expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(consent.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    const scopes = consent.searchParams.get('scope')?.split(' ') ?? [];
    expect(scopes).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'User.Read', 'offline_access']));
    // Nothing beyond what MSAL always adds for the ID token.
    expect(scopes.filter((s) => !['Calendars.ReadWrite', 'User.Read', 'offline_access', 'openid', 'profile'].includes(s))).toEqual([]);

    const stored = await cachedSecrets();
    expect(stored.length).toBeGreaterThanOrEqual(2); // refresh and access token, at least
    for (const secret of stored) expect(JSON.stringify(result)).not.toContain(secret);
  });
});

describe('connectMicrosoft failures', () => {
  it('fails plainly when the browser never comes back', async () => {
    const error = await connectMicrosoft({ config, secrets, fetch: fetchImpl, openUrl: async () => false, onConsentUrl: () => undefined, timeoutMs: 300, readProfile: async () => ({ email: EMAIL, displayName: null }) }).catch((e: unknown) => e);
    seenErrors.push(error);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'oauth_failed' });
    expect((error as AppError).userMessage).toMatch(/No answer from the browser/);
  });

  it('refuses an account whose organisation does not allow calendar access, and stores nothing', async () => {
    const strict = await startMicrosoftSandbox({ email: 'intern@fabrikam.example', grantableScopes: ['User.Read'] });
    try {
      const error = await connectMicrosoft({
        config: { clientId: strict.clientId, ...strict.endpoints },
        secrets,
        fetch: fetchImpl,
        openUrl: approveInMicrosoftSandboxBrowser,
        onConsentUrl: () => undefined,
        timeoutMs: 10_000,
        readProfile: async () => ({ email: 'intern@fabrikam.example', displayName: null }),
      }).catch((e: unknown) => e);
      seenErrors.push(error);
      expect(error).toMatchObject({ code: 'oauth_failed' });
      expect((error as AppError).userMessage).toMatch(/edit your calendar/);
      expect(await secrets.get(SecretKeys.providerTokens('microsoft:intern@fabrikam.example'))).toBeNull();
    } finally {
      await strict.close();
    }
  });
});

describe('Outlook provider against the sandbox', () => {
  it('creates with our tag, the IANA zone and a transactionId; reads it back in UTC', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(1), 'create:application:1:interview');
    expect(created).toMatchObject({ sourceId: 'application:1:interview', title: 'Interview 1' });
    expect(created.timing).toEqual(draft(1).timing);
    expect(created.revision).toMatch(/^W\/".+"$/);

    const [stored] = sandbox.events().filter((e) => e.id === created.remoteId);
    expect(stored).toMatchObject({ originalStartTimeZone: 'Europe/Berlin', isReminderOn: true, reminderMinutesBeforeStart: 30, showAs: 'busy', subject: 'Interview 1' });
    expect(stored?.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(stored?.singleValueExtendedProperties).toEqual([{ id: SOURCE_PROPERTY_ID.replace(/\{.*\}/, (g) => g.toLowerCase()), value: 'application:1:interview' }]);

    const read = await p.getEvent(CAL, created.remoteId);
    expect(read).toMatchObject({ remoteId: created.remoteId, sourceId: 'application:1:interview', revision: created.revision });
    expect(read?.timing).toEqual(draft(1).timing);
    expect(await p.getEvent(CAL, 'AAMkAneverthere=')).toBeNull();
  });

  it('writes all-day events midnight to midnight and reads the date back', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(2, { sourceId: 'application:2:follow_up', timing: { type: 'allDay', date: '2026-06-02' }, reminderMinutes: [] }), 'create:application:2:follow_up');
    expect(created.timing).toEqual({ type: 'allDay', date: '2026-06-02' });
    const stored = sandbox.events().find((e) => e.id === created.remoteId);
    expect(stored).toMatchObject({ isAllDay: true, isReminderOn: false });
  });

  it('makes one event for a retried create (same key), even when the first answer was lost', async () => {
    const p = provider({ config: { useBatch: false } });
    const key = 'create:application:3:interview';
    const first = await p.createEvent(CAL, draft(3), key);
    const again = await p.createEvent(CAL, draft(3, { title: 'Changed meanwhile' }), key);
    expect(again.remoteId).toBe(first.remoteId);
    expect(sandbox.events().filter((e) => (e.subject as string).startsWith('Interview 3') || e.subject === 'Changed meanwhile')).toHaveLength(1);

    // The write commits, then the answer is a 503: the retry gets the same event.
    const time = instantTime();
    const lost = provider({ config: { useBatch: false }, ...time });
    sandbox.failNext(1, { status: 503, afterWrite: true });
    const before = sandbox.stats().byRoute['events.create'] ?? 0;
    const created = await lost.createEvent(CAL, draft(4), 'create:application:4:interview');
    expect((sandbox.stats().byRoute['events.create'] ?? 0) - before).toBe(2);
    expect(sandbox.events().filter((e) => e.id === created.remoteId)).toHaveLength(1);
    expect(sandbox.events().filter((e) => e.subject === 'Interview 4')).toHaveLength(1);
  });

  it('updates with the etag and refuses a stale one (412 → provider_precondition), keeping the attendee the user added', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(5), 'create:application:5:interview');
    sandbox.userAddAttendee(created.remoteId, { name: 'Recruiter', address: 'recruiter@fabrikam.example' });
    const current = await p.getEvent(CAL, created.remoteId);
    if (!current) throw new Error('event missing');
    expect(current.revision).not.toBe(created.revision);

    const stale = await failure(p.updateEvent(CAL, created.remoteId, draft(5, { title: 'stale' }), created.revision));
    expect(stale).toMatchObject({ code: 'provider_precondition', status: 412 });

    const updated = await p.updateEvent(CAL, created.remoteId, draft(5, { title: 'Interview 5 (moved)', location: 'Office' }), current.revision);
    expect(updated.title).toBe('Interview 5 (moved)');
    const stored = sandbox.events().find((e) => e.id === created.remoteId);
    expect(stored?.attendees).toEqual([expect.objectContaining({ emailAddress: { name: 'Recruiter', address: 'recruiter@fabrikam.example' } })]);
    expect(stored?.location).toMatchObject({ displayName: 'Office' });
  });

  it('makes a dedicated calendar, and asking again returns the same one', async () => {
    const p = provider();
    const made = await p.createCalendar('Career Copilot', 'Europe/Berlin');
    expect(made).toMatchObject({ name: 'Career Copilot', primary: false, canWrite: true });
    expect((await p.createCalendar('Career Copilot', 'Europe/Berlin')).id).toBe(made.id);
    expect(sandbox.calendars().filter((c) => c.name === 'Career Copilot')).toHaveLength(1);
  });

  it('deletes with the etag, refuses a stale one, and deleting again is fine', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(6), 'create:application:6:interview');
    const moved = await p.updateEvent(CAL, created.remoteId, draft(6, { title: 'Interview 6 again' }), created.revision);
    expect((await failure(p.deleteEvent(CAL, created.remoteId, created.revision))).code).toBe('provider_precondition');
    await p.deleteEvent(CAL, created.remoteId, moved.revision);
    await p.deleteEvent(CAL, created.remoteId, null);
    expect(await p.getEvent(CAL, created.remoteId)).toBeNull();
  });
});

describe('listChanges (calendarView/delta)', () => {
  const upserts = (changes: RemoteChange[]): string[] => changes.flatMap((c) => (c.type === 'upsert' ? [c.event.sourceId ?? ''] : [])).sort();

  it('lists the window in pages, only our events, then only what changed, then nothing for one request', async () => {
    const cal = sandbox.userCreateCalendar('Job search');
    const writer = provider();
    for (const n of [11, 12, 13, 14, 15]) await writer.createEvent(cal, draft(n), `create:${n}`);
    const outside = await writer.createEvent(cal, draft(16, { timing: { type: 'timed', startUtc: '2026-10-01T12:00:00.000Z', endUtc: '2026-10-01T13:00:00.000Z', zone: 'Europe/Berlin' } }), 'create:16');
    sandbox.userCreateEvent(cal, { subject: 'Dentist', start: { dateTime: '2026-06-20T09:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-06-20T10:00:00', timeZone: 'W. Europe Standard Time' } });

    // A new provider knows no tags yet: pages of 2, then one $batch reading the 6 events' tags.
    const p = provider({ config: { deltaPageSize: 2 } });
    const before = sandbox.stats();
    const full = await p.listChanges(cal, null, WINDOW);
    expect(full).toMatchObject({ full: true, window: WINDOW });
    expect(upserts(full.changes)).toEqual(['application:11:interview', 'application:12:interview', 'application:13:interview', 'application:14:interview', 'application:15:interview']);
    const after = sandbox.stats();
    expect((after.byRoute['calendarView.delta'] ?? 0) - (before.byRoute['calendarView.delta'] ?? 0)).toBe(3);
    expect(after.requests - before.requests).toBe(4); // 3 pages + 1 $batch of 6 reads
    expect(p.requestCount()).toBe(4);

    // The user moves one in Outlook desktop (a Windows zone name) and deletes another.
    const moved = full.changes.find((c) => c.type === 'upsert' && c.event.sourceId === 'application:11:interview');
    const deleted = full.changes.find((c) => c.type === 'upsert' && c.event.sourceId === 'application:12:interview');
    if (moved?.type !== 'upsert' || deleted?.type !== 'upsert') throw new Error('events missing');
    sandbox.userMoveEvent(moved.event.remoteId, { dateTime: '2026-06-11T16:00:00', timeZone: 'W. Europe Standard Time' }, { dateTime: '2026-06-11T17:00:00', timeZone: 'W. Europe Standard Time' });
    sandbox.userDeleteEvent(deleted.event.remoteId);
    const changes = await p.listChanges(cal, full.nextCursor, WINDOW);
    expect(changes.full).toBe(false);
    expect(changes.changes).toEqual(
      expect.arrayContaining([
        { type: 'removed', remoteId: deleted.event.remoteId },
        { type: 'upsert', event: expect.objectContaining({ remoteId: moved.event.remoteId, timing: { type: 'timed', startUtc: '2026-06-11T14:00:00.000Z', endUtc: '2026-06-11T15:00:00.000Z', zone: 'UTC' } }) },
      ]),
    );
    expect(changes.changes).toHaveLength(2);
    expect(JSON.stringify(changes)).not.toContain('Standard Time');

    const quietBefore = p.requestCount();
    const quiet = await p.listChanges(cal, changes.nextCursor, WINDOW);
    expect(quiet).toMatchObject({ changes: [], full: false });
    expect(p.requestCount() - quietBefore).toBe(1);

    // Moving an event out of the window shows up as @removed in delta; it is not gone.
    sandbox.userMoveEvent(moved.event.remoteId, { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Berlin' }, { dateTime: '2026-12-01T11:00:00', timeZone: 'Europe/Berlin' });
    const out = await p.listChanges(cal, quiet.nextCursor, WINDOW);
    expect(out.changes).toEqual([{ type: 'upsert', event: expect.objectContaining({ remoteId: moved.event.remoteId, timing: expect.objectContaining({ startUtc: '2026-12-01T09:00:00.000Z', zone: 'Europe/Berlin' }) }) }]);
    expect(outside.remoteId).toBeTruthy();
  });

  it('lists again in full when the delta token expired (410 SyncStateNotFound) or the window changed', async () => {
    const p = provider();
    const first = await p.listChanges(CAL, null, WINDOW);
    sandbox.expireDeltaTokens();
    const expired = await p.listChanges(CAL, first.nextCursor, WINDOW);
    expect(expired.full).toBe(true);
    expect(expired.changes.length).toBeGreaterThan(0);

    const wider = { start: WINDOW.start, end: '2027-01-01T00:00:00.000Z' };
    const rewindowed = await p.listChanges(CAL, expired.nextCursor, wider);
    expect(rewindowed).toMatchObject({ full: true, window: wider });
    expect(await p.listChanges(CAL, 'not a cursor of ours', WINDOW)).toMatchObject({ full: true });
  });
});

describe('throttling and failures', () => {
  it('a 429 pauses the whole account for its Retry-After, then both requests go through', async () => {
    const seed = provider();
    const a = await seed.createEvent(CAL, draft(21), 'create:21');
    const b = await seed.createEvent(CAL, draft(22), 'create:22');
    const time = heldTime();
    const p = provider({ clock: time.clock, timers: time.timers });
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const throttledBefore = sandbox.stats().throttled;
    const first = p.getEvent(CAL, a.remoteId);
    await vi.waitFor(() => expect(time.sleeps).toHaveLength(1));
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(7000);

    // Another request of the account, made during the pause, waits without reaching Graph.
    const requestsDuringPause = sandbox.stats().requests;
    const second = p.getEvent(CAL, b.remoteId);
    await vi.waitFor(() => expect(time.sleeps).toHaveLength(2));
    expect(time.sleeps[1]).toBeGreaterThan(6000);
    expect(sandbox.stats().requests).toBe(requestsDuringPause);

    time.release(7000);
    expect((await first)?.remoteId).toBe(a.remoteId);
    expect((await second)?.remoteId).toBe(b.remoteId);
    expect(sandbox.stats().throttled - throttledBefore).toBe(1);
  });

  it('a Retry-After longer than a call may wait fails fast for the whole account, for the scheduler to sit out', async () => {
    const seed = await provider().createEvent(CAL, draft(25), 'create:25');
    const time = heldTime();
    const p = provider({ clock: time.clock, timers: time.timers });
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 600 });
    const first = await failure(p.getEvent(CAL, seed.remoteId));
    expect(first).toMatchObject({ code: 'provider_rate_limited', retryable: true, retryAfterMs: 600_000 });
    const requests = sandbox.stats().requests;
    const second = await failure(p.getEvent(CAL, seed.remoteId));
    expect(second).toMatchObject({ code: 'provider_rate_limited' });
    expect(second.retryAfterMs).toBeGreaterThan(590_000);
    expect(sandbox.stats().requests).toBe(requests);
    expect(time.sleeps).toEqual([]);
  });

  it('rides out a 503 burst and gives up after 6 attempts with a retryable provider_unavailable', async () => {
    const seed = await provider().createEvent(CAL, draft(23), 'create:23');
    const time = instantTime();
    const p = provider(time);
    sandbox.failNext(3, { status: 503 });
    expect((await p.getEvent(CAL, seed.remoteId))?.remoteId).toBe(seed.remoteId);
    expect(p.requestCount()).toBe(4);
    sandbox.failNext(6, { status: 503 });
    const error = await failure(p.getEvent(CAL, seed.remoteId));
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, status: 503 });
    expect(p.requestCount()).toBe(10);
  });

  it('sends creates made together as $batch requests of 20, retrying a throttled step, one event each', async () => {
    const cal = sandbox.userCreateCalendar('Initial sync');
    const time = instantTime();
    const p = provider(time);
    const before = sandbox.stats();
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const drafts = Array.from({ length: 25 }, (_, i) => draft(100 + i, { timing: draft(1 + (i % 28)).timing }));
    const created = await Promise.all(drafts.map((d) => p.createEvent(cal, d, `create:${d.sourceId}`)));
    const after = sandbox.stats();
    expect(new Set(created.map((c) => c.remoteId)).size).toBe(25);
    expect(created.map((c) => c.sourceId)).toEqual(drafts.map((d) => d.sourceId));
    expect(sandbox.events(cal)).toHaveLength(25);
    // Batches of 20 and 5, and one more for the step that was throttled.
    expect(after.requests - before.requests).toBe(3);
    expect(p.requestCount()).toBe(3);
    expect((after.byRoute['events.create'] ?? 0) - (before.byRoute['events.create'] ?? 0)).toBe(26);
    expect(after.throttled - before.throttled).toBe(1);
    expect(time.sleeps.some((ms) => ms >= 1000)).toBe(true);
    expect(after.peakConcurrency).toBeLessThanOrEqual(4);
  });
});

describe('tokens', () => {
  const someEvent = async (): Promise<string> => (await provider().createEvent(CAL, draft(24), 'create:24')).remoteId;

  it('gets a new access token when Graph refuses the old one (401), and keeps it in the keychain', async () => {
    const id = await someEvent();
    let refreshed = 0;
    const p = provider({ onTokenRefreshed: () => (refreshed += 1) });
    await p.getEvent(CAL, id);
    const before = await cachedSecrets();
    sandbox.expireAccessTokens();
    expect((await p.getEvent(CAL, id))?.remoteId).toBe(id);
    expect(refreshed).toBe(1);
    const after = await cachedSecrets();
    expect(after.some((s) => !before.includes(s))).toBe(true);
    await p.getEvent(CAL, id);
    expect(refreshed).toBe(1);
  });

  it('refreshes silently before the access token expires (no 401 first)', async () => {
    const id = await someEvent();
    const raw = await secrets.get(SecretKeys.providerTokens(accountId));
    if (raw === null) throw new Error('no cache');
    const cache = JSON.parse(raw) as { AccessToken: Record<string, { expires_on: string; extended_expires_on?: string }> };
    const soon = String(Math.floor(Date.now() / 1000) + 60);
    for (const entry of Object.values(cache.AccessToken)) Object.assign(entry, { expires_on: soon, extended_expires_on: soon });
    await secrets.set(SecretKeys.providerTokens(accountId), JSON.stringify(cache));
    let refreshed = 0;
    const p = provider({ onTokenRefreshed: () => (refreshed += 1) });
    const tokensBefore = sandbox.stats().tokenRequests;
    expect((await p.getEvent(CAL, id))?.remoteId).toBe(id);
    expect(refreshed).toBe(1);
    expect(sandbox.stats().tokenRequests - tokensBefore).toBe(1);
    expect(p.requestCount()).toBe(1); // the Graph call only: no 401 and retry
  });

  it('reports a revoked grant (AADSTS50173, a plain invalid_grant) as provider_auth and tells the app', async () => {
    const id = await someEvent();
    const lost: string[] = [];
    const p = provider({ onAuthLost: (reason) => lost.push(reason) });
    await p.getEvent(CAL, id);
    sandbox.revokeAllGrants();
    sandbox.expireAccessTokens();
    const error = await failure(p.getEvent(CAL, id));
    expect(error).toMatchObject({ code: 'provider_auth' });
    expect(error.userMessage).toBe('Microsoft access was revoked or expired. Reconnect your Outlook account.');
    expect(lost).toEqual([expect.stringContaining('invalid_grant (AADSTS50173)')]);
    await connect(); // reconnect for the tests that follow
  });
});

describe('disconnect and the provider module', () => {
  it('removes the account from the token cache and the keychain; nothing is revoked at Microsoft', async () => {
    await connect();
    expect(await secrets.get(SecretKeys.providerTokens(accountId))).not.toBeNull();
    const result = await disconnectMicrosoft({ config, secrets, fetch: fetchImpl, accountId });
    expect(result).toEqual({ revoked: false });
    expect(await secrets.get(SecretKeys.providerTokens(accountId))).toBeNull();
    const error = await failure(provider().getEvent(CAL, 'AAMkAanything='));
    expect(error.code).toBe('provider_auth');
  });

  it('connects through the module with Graph /me (a personal account has no mail) and starts on the default calendar', async () => {
    const personal = await startMicrosoftSandbox({ email: 'casey@outlook.example', displayName: 'Casey Jones', personal: true });
    const audit: { action: string; detail: Record<string, unknown> }[] = [];
    const appConfig = AppConfig.parse({ dataDir: '/tmp/unused', copilot: { baseUrl: 'https://copilot.invalid/api/v1' }, google: {}, microsoft: { clientId: personal.clientId, ...personal.endpoints } });
    const ctx: ProviderContext = {
      config: appConfig,
      secrets,
      clock: systemClock,
      timers: systemTimers,
      fetch: fetchImpl,
      openUrl: approveInMicrosoftSandboxBrowser,
      random: () => 0.5,
      audit: (_id, action, _outcome, detail) => audit.push({ action, detail }),
      onAuthLost: () => undefined,
    };
    try {
      expect(microsoftModule.notConfigured(appConfig)).toBeNull();
      expect(microsoftModule.notConfigured(AppConfig.parse({ ...appConfig, microsoft: {} }))).toMatch(/microsoft\.clientId/);
      const account = await microsoftModule.connect(ctx, { onConsentUrl: () => undefined });
      expect(account).toMatchObject({ accountId: 'microsoft:casey@outlook.example', email: 'casey@outlook.example', calendarId: 'default' });
      const view = { id: account.accountId, provider: 'microsoft' as const, email: account.email, status: 'connected' as const, calendarId: account.calendarId, scopes: account.scopes, lastSyncAt: null, lastError: null };
      const p = microsoftModule.create(ctx, view);
      const created = await p.createEvent('default', draft(7), 'create:7');
      expect(personal.events(personal.defaultCalendarId).map((e) => e.id)).toEqual([created.remoteId]);
      expect((await p.listCalendars()).find((c) => c.primary)).toMatchObject({ id: personal.defaultCalendarId, canWrite: true });
      expect(await microsoftModule.disconnect(ctx, view)).toEqual({ revoked: false });
      expect(await secrets.get(SecretKeys.providerTokens(account.accountId))).toBeNull();
      expect(audit.map((a) => a.action)).toEqual(['connect', 'revoke']);
    } finally {
      await personal.close();
    }
  });
});

describe('secrets', () => {
  it('never puts a token in an error', async () => {
    expect(seenErrors.length).toBeGreaterThan(5);
    await connect();
    const tokens = seenTokens;
    expect(tokens.size).toBeGreaterThanOrEqual(6);
    for (const error of seenErrors) {
      const text = [(error as Error).message, (error as AppError).userMessage, inspect(error, { depth: 8 }), JSON.stringify(error)].join('\n');
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
      expect(text).not.toMatch(/\b0\.A[A-Za-z0-9_-]{40,}/);
    }
  });
});
