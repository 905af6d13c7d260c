// The Google provider and OAuth flow end to end: the real google-auth-library and
// Calendar client against the Google sandbox, tokens in the real keychain
// (gnome-keyring under dbus-run-session). A unique keychain service per run.
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleSandbox, type GoogleEventResource, type GoogleSandbox } from '../../src/sandbox/google';
import { AppError, ProviderError } from '../../src/shared/errors';
import { GOOGLE_CALENDAR_LIST_SCOPE, type GoogleConfig } from '../../src/main/core/auth/google-config';
import { connectGoogle, disconnectGoogle, GOOGLE_SCOPES } from '../../src/main/core/auth/google-oauth';
import { systemClock, systemTimers, type UrlOpener } from '../../src/main/core/ports';
import { createGoogleProvider } from '../../src/main/core/providers/google/google-provider';
import { googleEventIdFor } from '../../src/main/core/providers/google/google-event-id';
import type { CalendarProvider, EventDraft, RemoteEvent } from '../../src/main/core/providers/provider';
import type { RetryPolicy } from '../../src/main/core/providers/google/google-request-executor';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

const EMAIL = 'jobseeker@gmail.example';
const CAL = 'primary';
const secrets = new KeychainSecretStore({ service: `ccal-test-google-${randomUUID()}` });

let sandbox: GoogleSandbox;
let config: GoogleConfig;
let accountId: string;
/** Every token value the keychain ever held during the run. */
const seenTokens = new Set<string>();
/** Every error the code under test threw or returned, checked for tokens at the end. */
const seenErrors: unknown[] = [];

/** Plays the browser: follows the consent page's redirect to the loopback listener. */
const browser: UrlOpener = async (url) => {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`consent page answered ${consent.status} without a redirect`);
  const callback = await fetch(location);
  await callback.text();
  return true;
};

async function storedTokens(): Promise<{ refresh_token: string; access_token: string | null; expiry_date: number | null; scope: string | null }> {
  const raw = await secrets.get(SecretKeys.providerTokens(accountId));
  if (raw === null) throw new Error('no tokens in the keychain');
  const tokens = JSON.parse(raw) as { refresh_token: string; access_token: string | null; expiry_date: number | null; scope: string | null };
  seenTokens.add(tokens.refresh_token);
  if (tokens.access_token) seenTokens.add(tokens.access_token);
  return tokens;
}

async function connect(extraScopes?: string[]): Promise<{ accountId: string; email: string; scopes: string[] }> {
  const result = await connectGoogle({ config, secrets, openUrl: browser, onConsentUrl: () => undefined, timeoutMs: 10_000, extraScopes });
  accountId = result.accountId;
  await storedTokens();
  return result;
}

interface ProviderExtras {
  onAuthLost?: (reason: string) => void;
  onTokenRefreshed?: () => void;
  config?: Partial<GoogleConfig>;
  retryPolicy?: RetryPolicy;
  random?: () => number;
}

function provider(extra: ProviderExtras = {}): CalendarProvider {
  const { config: overrides, ...rest } = extra;
  return createGoogleProvider({
    config: { ...config, ...overrides },
    secrets,
    accountId,
    clock: systemClock,
    timers: systemTimers,
    random: () => 0.1, // short, deterministic jitter; Retry-After still sets the floor
    ...rest,
  });
}

/** The user's own additions in Google Calendar, none of which the app writes. */
const USER_DETAIL = { colorId: '11', attendees: [{ email: 'recruiter@acme.example' }], extendedProperties: { private: { userNote: 'bring portfolio' } } } satisfies Partial<GoogleEventResource>;

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

function draft(n: number, overrides: Partial<EventDraft> = {}): EventDraft {
  return {
    sourceId: `application:${n}:interview`,
    title: `Interview ${n}`,
    timing: { type: 'timed', startUtc: `2026-06-${String(n).padStart(2, '0')}T12:00:00.000Z`, endUtc: `2026-06-${String(n).padStart(2, '0')}T13:00:00.000Z`, zone: 'Europe/Berlin' },
    location: 'Video call',
    description: null,
    reminderMinutes: [30],
    transparency: 'opaque',
    ...overrides,
  };
}

beforeAll(async () => {
  sandbox = await startGoogleSandbox({ email: EMAIL });
  config = { clientId: sandbox.clientId, ...sandbox.endpoints };
});

afterAll(async () => {
  if (accountId) await secrets.delete(SecretKeys.providerTokens(accountId));
  await sandbox?.close();
});

describe('connectGoogle', () => {
  it('runs the loopback flow with PKCE and stores the tokens only in the keychain', async () => {
    const urls: string[] = [];
    const result = await connectGoogle({
      config,
      secrets,
      openUrl: browser,
      onConsentUrl: (url) => urls.push(url),
      timeoutMs: 10_000,
    });
    accountId = result.accountId;
    expect(result).toMatchObject({ accountId: `google:${EMAIL}`, email: EMAIL });
    expect(result.scopes).toEqual(expect.arrayContaining(['https://www.googleapis.com/auth/calendar.events']));

    expect(urls).toHaveLength(1);
    const consent = new URL(urls[0] as string);
    expect(`${consent.origin}${consent.pathname}`).toBe(config.authUrl);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('prompt')).toBe('consent');
    expect(consent.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    expect(consent.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(GOOGLE_SCOPES));

    const tokens = await storedTokens();
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.expiry_date).toBeGreaterThan(Date.now());
    for (const token of seenTokens) expect(JSON.stringify(result)).not.toContain(token);
  });

  it('fails plainly when the browser never comes back', async () => {
    const error = await connectGoogle({ config, secrets, openUrl: async () => false, onConsentUrl: () => undefined, timeoutMs: 300 }).catch((e: unknown) => e);
    seenErrors.push(error);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'oauth_failed' });
    expect((error as AppError).userMessage).toMatch(/No answer from the browser/);
  });
});

describe('Google provider against the sandbox', () => {
  const KEY1 = 'application:1:interview';
  const id1 = googleEventIdFor(KEY1);
  const live = async (p: CalendarProvider, remoteId: string): Promise<RemoteEvent> => {
    const event = await p.getEvent(CAL, remoteId);
    if (!event) throw new Error(`event ${remoteId} missing`);
    return event;
  };

  it('creates under the id derived from the key, and a re-create with that key returns the same event (409 path)', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(1), KEY1);
    expect(created).toMatchObject({ remoteId: id1, sourceId: KEY1, title: 'Interview 1' });
    expect(created.timing).toEqual(draft(1).timing);
    expect(created.revision).toMatch(/^"\d+"$/);
    expect(p.capabilities).toEqual({ windowedListing: false, listAfterWrites: false });

    const before = p.requestCount();
    const again = await p.createEvent(CAL, draft(1, { title: 'Changed meanwhile' }), KEY1);
    expect(again.remoteId).toBe(created.remoteId);
    expect(again.title).toBe('Interview 1'); // returned as is: the engine diffs it
    expect(p.requestCount() - before).toBe(2); // insert (409) + get
    expect(sandbox.events(CAL, { includeCancelled: true }).filter((e) => e.id === created.remoteId)).toHaveLength(1);
  });

  it('derives the id from the key, not the source id (a "keep both" copy gets its own event)', async () => {
    const p = provider();
    const copy = await p.createEvent(CAL, draft(1), `${KEY1}#copy`);
    expect(copy.remoteId).toBe(googleEventIdFor(`${KEY1}#copy`));
    expect(copy.remoteId).not.toBe(id1);
    expect(copy.sourceId).toBe(KEY1);
    await p.deleteEvent(CAL, copy.remoteId, copy.revision);
  });

  it('updates with the current revision and refuses a stale one (provider_precondition)', async () => {
    const p = provider();
    const current = await live(p, id1);
    const updated = await p.updateEvent(CAL, current.remoteId, draft(1, { title: 'Interview 1 (moved)' }), current.revision);
    expect(updated.title).toBe('Interview 1 (moved)');
    expect(updated.revision).not.toBe(current.revision);
    const error = await failure(p.updateEvent(CAL, current.remoteId, draft(1, { title: 'stale' }), current.revision));
    expect(error).toMatchObject({ code: 'provider_precondition', status: 412 });
    expect((await p.getEvent(CAL, current.remoteId))?.title).toBe('Interview 1 (moved)');
  });

  it('patches only its own fields: what the user added stays, what busy-only mode stops writing is cleared', async () => {
    const p = provider();
    sandbox.userEditEvent(CAL, id1, { ...USER_DETAIL, status: 'tentative' });
    const before = sandbox.events(CAL).find((e) => e.id === id1);
    expect(before?.location).toBe('Video call');
    const busy = draft(1, { title: 'Busy', location: null, description: null, reminderMinutes: [], transparency: 'opaque', timing: { type: 'allDay', date: '2026-06-01' } });
    const updated = await p.updateEvent(CAL, id1, busy, null);
    expect(updated).toMatchObject({ title: 'Busy', timing: { type: 'allDay', date: '2026-06-01' }, sourceId: KEY1 });
    const after = sandbox.events(CAL).find((e) => e.id === id1);
    expect(after).toMatchObject({ ...USER_DETAIL, extendedProperties: { private: { ...USER_DETAIL.extendedProperties.private, careerCopilotSourceId: KEY1 } } });
    expect(after?.status).toBe('tentative'); // the patch does not touch status
    expect(after?.location).toBeUndefined();
    expect(after?.description).toBeUndefined();
    expect(after?.reminders).toEqual({ useDefault: false });
    expect(sandbox.stats().byRoute['events.update']).toBeUndefined(); // a PUT would have dropped the user's fields
    // Back to a timed event: the merge must not keep the all-day date.
    const timed = await p.updateEvent(CAL, id1, draft(1), updated.revision);
    expect(timed.timing).toEqual(draft(1).timing);
  });

  it('an update of an event the user deleted is provider_not_found, and does not bring it back', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(5), 'application:5:interview');
    sandbox.userDeleteEvent(CAL, created.remoteId);
    const error = await failure(p.updateEvent(CAL, created.remoteId, draft(5), null));
    expect(error.code).toBe('provider_not_found');
    expect(sandbox.events(CAL).some((e) => e.id === created.remoteId)).toBe(false);
  });

  it('deletes only with the current revision; deleting again is fine; a deleted id reads as gone', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(2), 'application:2:interview');
    sandbox.userEditEvent(CAL, created.remoteId, { colorId: '3' });
    const stale = await failure(p.deleteEvent(CAL, created.remoteId, created.revision));
    expect(stale).toMatchObject({ code: 'provider_precondition', status: 412 });
    expect(await p.getEvent(CAL, created.remoteId)).not.toBeNull();
    const fresh = await live(p, created.remoteId);
    await p.deleteEvent(CAL, created.remoteId, fresh.revision);
    await p.deleteEvent(CAL, created.remoteId, null);
    await p.deleteEvent(CAL, created.remoteId, fresh.revision); // gone (410) wins over a precondition
    expect(await p.getEvent(CAL, created.remoteId)).toBeNull();
    expect(await p.getEvent(CAL, 'neverexisted0')).toBeNull();
  });

  it('restores an event the user deleted in the calendar when it is created again', async () => {
    const p = provider();
    const created = await p.createEvent(CAL, draft(3), 'application:3:interview');
    sandbox.userDeleteEvent(CAL, created.remoteId);
    const restored = await p.createEvent(CAL, draft(3, { title: 'Interview 3 again' }), 'application:3:interview');
    expect(restored).toMatchObject({ remoteId: created.remoteId, title: 'Interview 3 again' });
    expect(sandbox.events(CAL, { includeCancelled: false }).find((e) => e.id === created.remoteId)?.status).toBe('confirmed');
  });

  it('lists everything, then upserts and bare removals, then nothing at the cost of one request', async () => {
    const p = provider();
    const full = await p.listChanges(CAL, null, null);
    expect(full).toMatchObject({ full: true, window: null });
    expect(full.nextCursor).toBeTruthy();
    const upserts = full.changes.flatMap((c) => (c.type === 'upsert' ? [c.event.remoteId] : []));
    expect(upserts).toEqual(expect.arrayContaining([id1, googleEventIdFor('application:3:interview')]));
    expect(full.changes.some((c) => c.type === 'removed')).toBe(false);
    expect(upserts).not.toContain(googleEventIdFor('application:2:interview')); // deleted: not in a full listing

    const created = await p.createEvent(CAL, draft(4), 'application:4:interview');
    sandbox.userMoveEvent(
      CAL,
      id1,
      { dateTime: '2026-06-01T16:00:00+02:00', timeZone: 'Europe/Berlin' },
      { dateTime: '2026-06-01T17:00:00+02:00', timeZone: 'Europe/Berlin' },
    );
    const changes = await p.listChanges(CAL, full.nextCursor, null);
    expect(changes).toMatchObject({ full: false, window: null });
    expect(changes.changes.map((c) => (c.type === 'upsert' ? c.event.remoteId : c.remoteId)).sort()).toEqual([created.remoteId, id1].sort());
    const moved = changes.changes.find((c) => c.type === 'upsert' && c.event.remoteId === id1);
    expect(moved?.type === 'upsert' && moved.event.timing).toEqual({ type: 'timed', startUtc: '2026-06-01T14:00:00.000Z', endUtc: '2026-06-01T15:00:00.000Z', zone: 'Europe/Berlin' });

    sandbox.userDeleteEvent(CAL, created.remoteId);
    const deletion = await p.listChanges(CAL, changes.nextCursor, null);
    expect(deletion.changes).toEqual([{ type: 'removed', remoteId: created.remoteId }]);

    const before = p.requestCount();
    const quiet = await p.listChanges(CAL, deletion.nextCursor, null);
    expect(quiet).toMatchObject({ changes: [], full: false });
    expect(p.requestCount() - before).toBe(1);
  });

  it('follows every page when the server sends fewer events per page than asked', async () => {
    const p = provider();
    for (let n = 10; n < 14; n += 1) await p.createEvent(CAL, draft(n), `application:${n}:interview`);
    sandbox.setMaxEventsPerPage(2);
    try {
      const expected = sandbox.events(CAL).map((e) => e.id).sort();
      expect(expected.length).toBeGreaterThan(2);
      sandbox.resetStats();
      const full = await p.listChanges(CAL, null, null);
      expect(full.changes.map((c) => (c.type === 'upsert' ? c.event.remoteId : c.remoteId)).sort()).toEqual(expected);
      expect(sandbox.stats().byRoute['events.list']).toBe(Math.ceil(expected.length / 2));
    } finally {
      sandbox.setMaxEventsPerPage(2500);
    }
  });

  it('falls back to a full listing when the sync token expired (410)', async () => {
    const p = provider();
    const first = await p.listChanges(CAL, null, null);
    sandbox.expireSyncTokens();
    const again = await p.listChanges(CAL, first.nextCursor, null);
    expect(again.full).toBe(true);
    expect(again.changes.length).toBeGreaterThan(0);
    expect(again.nextCursor).toBeTruthy();
  });

  it('rides out a 429 burst, waiting at least Retry-After each time', async () => {
    const p = provider();
    sandbox.failNext(2, { status: 429, reason: 'rateLimitExceeded', retryAfterSeconds: 1 });
    const before = p.requestCount();
    const started = Date.now();
    const event = await p.getEvent(CAL, id1);
    expect(event?.remoteId).toBe(id1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(p.requestCount() - before).toBe(3);
  });

  it('rides out a 403 rate limit and a 503 burst', async () => {
    const p = provider();
    sandbox.failNext(1, { status: 403, reason: 'userRateLimitExceeded' });
    expect((await p.getEvent(CAL, id1))?.remoteId).toBe(id1);
    const before = p.requestCount();
    sandbox.failNext(3, { status: 503 });
    expect((await p.getEvent(CAL, id1))?.remoteId).toBe(id1);
    expect(p.requestCount() - before).toBe(4);
  });

  describe('a rate-limit answer pauses the whole account', () => {
    // One request in flight at a time: then every request the sandbox sees after
    // the refusal was started by the provider after it read the refusal, so "no
    // request between the refusal and the end of the pause" is exact, not a race.
    const oneAtATime = { maxConcurrent: 1 };

    /** The account's requests that reached the sandbox while it should have been paused. */
    async function startsDuringPause(p: CalendarProvider, fault: Parameters<GoogleSandbox['failNext']>[1], pauseMs: number): Promise<{ during: number; answered: number }> {
      await p.getEvent(CAL, id1); // tokens loaded, nothing else pending
      sandbox.resetStats();
      sandbox.failNext(1, fault);
      const results = await Promise.all(Array.from({ length: 6 }, () => p.getEvent(CAL, id1)));
      expect(results.every((e) => e?.remoteId === id1)).toBe(true);
      const log = sandbox.requestLog().filter((r) => r.user === EMAIL);
      const refused = log.filter((r) => r.status === fault.status);
      expect(refused).toHaveLength(1);
      const from = refused[0]?.answeredAt ?? 0;
      const others = log.filter((r) => r !== refused[0]);
      return { during: others.filter((r) => r.at >= from && r.at < from + pauseMs).length, answered: others.filter((r) => r.status === 200).length };
    }

    it('429 with Retry-After: no request of the account starts before it ends', async () => {
      const p = provider({ config: oneAtATime });
      expect(await startsDuringPause(p, { status: 429, reason: 'rateLimitExceeded', retryAfterSeconds: 1 }, 1000)).toEqual({ during: 0, answered: 6 });
    });

    it('403 userRateLimitExceeded without Retry-After: the backoff pauses the account', async () => {
      // random 0.5 × base 600 ms: the first backoff is exactly 300 ms.
      const p = provider({ config: oneAtATime, random: () => 0.5, retryPolicy: { maxAttempts: 6, baseMs: 600, capMs: 30_000, maxRetryAfterMs: 120_000 } });
      expect(await startsDuringPause(p, { status: 403, reason: 'userRateLimitExceeded' }, 300)).toEqual({ during: 0, answered: 6 });
    });

    it('a Retry-After longer than a call may wait fails every call of the account at once, without a request', async () => {
      const p = provider();
      await p.getEvent(CAL, id1);
      sandbox.failNext(1, { status: 429, reason: 'rateLimitExceeded', retryAfterSeconds: 600 });
      const first = await failure(p.getEvent(CAL, id1));
      expect(first).toMatchObject({ code: 'provider_rate_limited', retryable: true, retryAfterMs: 600_000 });
      const before = sandbox.stats().requests;
      const second = await failure(p.getEvent(CAL, id1));
      expect(second).toMatchObject({ code: 'provider_rate_limited', retryable: true });
      expect(second.retryAfterMs).toBeGreaterThan(590_000);
      expect(sandbox.stats().requests).toBe(before);
    });
  });

  it('rides out dropped connections', async () => {
    const p = provider();
    const id = id1;
    sandbox.dropNextConnections(2);
    expect((await p.getEvent(CAL, id))?.remoteId).toBe(id);
  });

  it('gives up after 6 attempts with a retryable provider_unavailable', async () => {
    const p = provider();
    sandbox.failNext(6, { status: 503 });
    const before = p.requestCount();
    const error = await failure(p.getEvent(CAL, googleEventIdFor('application:1:interview')));
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, status: 503 });
    expect(p.requestCount() - before).toBe(6);
  });

  it('refreshes an expired access token transparently and saves it to the keychain', async () => {
    let refreshed = 0;
    const p = provider({ onTokenRefreshed: () => (refreshed += 1) });
    const before = await storedTokens();
    sandbox.expireAccessTokens();
    expect((await p.getEvent(CAL, googleEventIdFor('application:1:interview')))?.remoteId).toBeTruthy();
    const after = await storedTokens();
    expect(refreshed).toBe(1);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).toBe(before.refresh_token);
    // The refreshed token keeps working without another refresh.
    await p.getEvent(CAL, googleEventIdFor('application:1:interview'));
    expect(refreshed).toBe(1);
  });

  it('refreshes proactively when the access token is about to expire (no 401 first)', async () => {
    let refreshed = 0;
    const tokens = await storedTokens();
    await secrets.set(SecretKeys.providerTokens(accountId), JSON.stringify({ ...tokens, expiry_date: Date.now() + 60_000 }));
    const p = provider({ onTokenRefreshed: () => (refreshed += 1) });
    expect((await p.getEvent(CAL, googleEventIdFor('application:1:interview')))?.remoteId).toBeTruthy();
    expect(refreshed).toBe(1);
    expect(p.requestCount()).toBe(1); // the API call only: no 401 and retry
    const after = await storedTokens();
    expect(after.access_token).not.toBe(tokens.access_token);
    expect(after.expiry_date).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it('names the missing permission when the calendar list scope was not granted, and works once it is', async () => {
    const error = await failure(provider().listCalendars());
    expect(error).toMatchObject({ code: 'provider_permission', status: 403 });
    expect(error.userMessage).toMatch(/list of calendars/);

    const result = await connect([GOOGLE_CALENDAR_LIST_SCOPE]);
    expect(result.scopes).toContain(GOOGLE_CALENDAR_LIST_SCOPE);
    const calendars = await provider().listCalendars();
    expect(calendars).toEqual(expect.arrayContaining([expect.objectContaining({ primary: true, canWrite: true })]));
  });

  it('reports revoked access as provider_auth and tells the app', async () => {
    const lost: string[] = [];
    const p = provider({ onAuthLost: (reason) => lost.push(reason) });
    await p.getEvent(CAL, googleEventIdFor('application:1:interview'));
    sandbox.revokeAllGrants();
    const error = await failure(p.getEvent(CAL, googleEventIdFor('application:1:interview')));
    expect(error).toMatchObject({ code: 'provider_auth' });
    expect(error.userMessage).toBe('Google access was revoked or expired. Reconnect your Google account.');
    expect(lost.length).toBeGreaterThanOrEqual(1);
  });
});

describe('disconnectGoogle', () => {
  it('revokes at Google and deletes the secret', async () => {
    await connect();
    const { refresh_token } = await storedTokens();
    const result = await disconnectGoogle({ config, secrets, accountId });
    expect(result).toEqual({ revoked: true });
    expect(await secrets.get(SecretKeys.providerTokens(accountId))).toBeNull();
    // The old refresh token no longer works at Google.
    const refresh = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token, client_id: config.clientId }).toString(),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('deletes the secret even when Google cannot be reached', async () => {
    await connect();
    const result = await disconnectGoogle({ config: { ...config, revokeUrl: 'http://127.0.0.1:9/revoke' }, secrets, accountId });
    expect(result).toEqual({ revoked: false });
    expect(await secrets.get(SecretKeys.providerTokens(accountId))).toBeNull();
    const error = await failure(provider().getEvent(CAL, 'x12345'));
    expect(error.code).toBe('provider_auth');
  });
});

describe('secrets', () => {
  it('never puts a token in an error', () => {
    expect(seenTokens.size).toBeGreaterThan(2);
    expect(seenErrors.length).toBeGreaterThan(5);
    for (const error of seenErrors) {
      const text = [
        (error as Error).message,
        (error as AppError).userMessage,
        inspect(error, { depth: 6 }),
        JSON.stringify(error),
      ].join('\n');
      for (const token of seenTokens) expect(text).not.toContain(token);
    }
  });
});
