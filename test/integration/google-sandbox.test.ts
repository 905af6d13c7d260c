// The Google sandbox over real HTTP, driven the way the app drives Google: the
// real google-auth-library OAuth2Client (PKCE loopback flow) and the real
// @googleapis/calendar client, plus plain fetch where the exact wire answer
// (status, headers, error envelope) is what is being checked.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calendar_v3 } from '@googleapis/calendar';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { startGoogleSandbox, type GoogleEventResource, type GoogleSandbox } from '../../src/sandbox/google';

const EMAIL = 'tester@gmail.example';
const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
const LIST_SCOPE = 'https://www.googleapis.com/auth/calendar.calendarlist.readonly';
const APP_CREATED_SCOPE = 'https://www.googleapis.com/auth/calendar.app.created';
const REDIRECT = 'http://127.0.0.1:53682/oauth2callback';

let sb: GoogleSandbox;

interface Session {
  client: OAuth2Client;
  api: calendar_v3.Calendar;
  accessToken: string;
  refreshToken: string;
  scope: string;
  idToken: string | null;
}

function oauthClient(): OAuth2Client {
  return new OAuth2Client({
    clientId: sb.clientId,
    endpoints: { oauth2AuthBaseUrl: sb.endpoints.authUrl, oauth2TokenUrl: sb.endpoints.tokenUrl, oauth2RevokeUrl: sb.endpoints.revokeUrl },
  });
}

/** The installed-app flow: consent URL → (auto-approved) redirect → code exchange with the verifier. */
async function signIn(scopes: string[], extra: { includeGranted?: boolean } = {}): Promise<Session> {
  const client = oauthClient();
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const state = randomBytes(16).toString('hex');
  const url = client.generateAuthUrl({
    access_type: 'offline',
    scope: scopes,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    state,
    redirect_uri: REDIRECT,
    prompt: 'consent',
    ...(extra.includeGranted ? { include_granted_scopes: true } : {}),
  });
  const consent = await fetch(url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const location = new URL(consent.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe(state);
  const code = location.searchParams.get('code');
  if (!code) throw new Error('no code in the redirect');
  const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: REDIRECT });
  client.setCredentials(tokens);
  if (!tokens.access_token || !tokens.refresh_token || !tokens.scope) throw new Error('incomplete token answer');
  const api = new calendar_v3.Calendar({ rootUrl: sb.endpoints.apiRoot, auth: client });
  return { client, api, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, scope: tokens.scope, idToken: tokens.id_token ?? null };
}

/** The GaxiosError's status and Google's body, from a call that must fail. */
async function apiFailure(promise: Promise<unknown>): Promise<{ status: number; data: { error: { code: number; message: string; errors: { reason: string; domain: string }[]; status?: string; details?: unknown[] } }; headers: Headers | undefined }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as { status?: number; response?: { status: number; data: unknown; headers?: Headers } },
  );
  if (!error.response) throw new Error(`no HTTP response: ${String(error)}`);
  return { status: error.response.status, data: error.response.data as never, headers: error.response.headers };
}

async function api(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sb.url}/calendar/v3/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
}

const timed = (day: number, hour = 9): { start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } } => ({
  start: { dateTime: `2026-07-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`, timeZone: 'Europe/Berlin' },
  end: { dateTime: `2026-07-${String(day).padStart(2, '0')}T${String(hour + 1).padStart(2, '0')}:00:00Z`, timeZone: 'Europe/Berlin' },
});

/** A fresh base32hex id per call, so tests do not collide on the shared calendar. */
const newId = (): string => `cc${BigInt(`0x${randomBytes(12).toString('hex')}`).toString(32)}`;

let session: Session;

beforeAll(async () => {
  sb = await startGoogleSandbox({ email: EMAIL });
  session = await signIn([EVENTS_SCOPE, 'openid', 'email']);
});

afterAll(async () => {
  await sb?.close();
});

describe('OAuth 2.0 for installed apps', () => {
  // The revocation tests end every grant; later tests get a fresh session.
  afterEach(async () => {
    session = await signIn([EVENTS_SCOPE, 'openid', 'email']);
  });

  it('issues Google-shaped tokens with the granted scopes and an id_token naming the user', async () => {
    expect(session.accessToken).toMatch(/^ya29\.sandbox\./);
    expect(session.refreshToken).toMatch(/^1\/\/sandbox\./);
    // Google echoes "email" under its long name.
    expect(session.scope.split(' ').sort()).toEqual(['https://www.googleapis.com/auth/userinfo.email', EVENTS_SCOPE, 'openid'].sort());
    const payload = JSON.parse(Buffer.from((session.idToken ?? '').split('.')[1] ?? '', 'base64url').toString()) as { email: string; sub: string; aud: string };
    expect(payload).toMatchObject({ email: EMAIL, aud: sb.clientId });
    expect(payload.sub).toMatch(/^\d{21}$/);

    const info = await fetch(sb.endpoints.userinfoUrl, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(await info.json()).toEqual({ sub: payload.sub, email: EMAIL, email_verified: true });
  });

  it('spends a code once and checks the PKCE verifier and redirect_uri', async () => {
    const client = oauthClient();
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const authorize = async (): Promise<string> => {
      const url = client.generateAuthUrl({ scope: [EVENTS_SCOPE], code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256, redirect_uri: REDIRECT });
      const res = await fetch(url, { redirect: 'manual' });
      return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const token = async (form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(sb.endpoints.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const base = { grant_type: 'authorization_code', client_id: sb.clientId, redirect_uri: REDIRECT };

    const wrongVerifier = await token({ ...base, code: await authorize(), code_verifier: 'x'.repeat(43) });
    expect(wrongVerifier).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } });

    const wrongRedirect = await token({ ...base, code: await authorize(), code_verifier: codeVerifier, redirect_uri: 'http://127.0.0.1:1/other' });
    expect(wrongRedirect.body.error).toBe('redirect_uri_mismatch');

    const code = await authorize();
    const first = await token({ ...base, code, code_verifier: codeVerifier });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: EVENTS_SCOPE });
    expect(first.body).not.toHaveProperty('refresh_token'); // access_type was online
    expect(first.body).not.toHaveProperty('id_token'); // no openid scope
    const again = await token({ ...base, code, code_verifier: codeVerifier });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');

    expect((await token({ grant_type: 'password', client_id: sb.clientId })).body.error).toBe('unsupported_grant_type');
    expect((await token({ ...base, client_id: 'someone-else', code: 'x' })).status).toBe(401);
  });

  it('refuses bad authorization requests with a 400 page, not a redirect', async () => {
    const client = oauthClient();
    const { codeChallenge } = await client.generateCodeVerifierAsync();
    const good = { scope: [EVENTS_SCOPE], code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256, redirect_uri: REDIRECT };
    const status = async (opts: Parameters<OAuth2Client['generateAuthUrl']>[0]): Promise<[number, string]> => {
      const res = await fetch(client.generateAuthUrl(opts), { redirect: 'manual' });
      return [res.status, await res.text()];
    };
    const [remote, remoteText] = await status({ ...good, redirect_uri: 'https://evil.example/cb' });
    expect(remote).toBe(400);
    expect(remoteText).toContain('Error 400: redirect_uri_mismatch');
    const [noPkce, noPkceText] = await status({ scope: [EVENTS_SCOPE], redirect_uri: REDIRECT });
    expect(noPkce).toBe(400);
    expect(noPkceText).toContain('code_challenge');
    expect((await status({ ...good, scope: ['https://www.googleapis.com/auth/drive'] }))[0]).toBe(400);
    expect((await status({ ...good, client_id: 'unknown.apps.googleusercontent.com' }))[0]).toBe(401);
  });

  it('shows a consent page when not auto-approving; Deny redirects with access_denied', async () => {
    const manual = await startGoogleSandbox({ autoApprove: false });
    try {
      const client = new OAuth2Client({ clientId: manual.clientId, endpoints: { oauth2AuthBaseUrl: manual.endpoints.authUrl } });
      const { codeChallenge } = await client.generateCodeVerifierAsync();
      const url = client.generateAuthUrl({ scope: [EVENTS_SCOPE], code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256, redirect_uri: REDIRECT, state: 's1' });
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(200);
      const html = await page.text();
      const link = (id: string): string => (new RegExp(`id="${id}" href="([^"]+)"`).exec(html)?.[1] ?? '').replaceAll('&amp;', '&');
      const denied = await fetch(link('deny'), { redirect: 'manual' });
      const back = new URL(denied.headers.get('location') ?? '');
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('state')).toBe('s1');
      expect(back.searchParams.has('code')).toBe(false);
      // The request was answered; its Allow link is now dead.
      expect((await fetch(link('allow'), { redirect: 'manual' })).status).toBe(400);
    } finally {
      await manual.close();
    }
  });

  it('refreshes transparently after access tokens expire, keeping the refresh token', async () => {
    const s = await signIn([EVENTS_SCOPE]);
    sb.expireAccessTokens();
    // The library refreshes on a 401 only when it does not trust its own expiry_date.
    s.client.setCredentials({ ...s.client.credentials, expiry_date: null });
    const res = await s.api.events.list({ calendarId: 'primary', maxResults: 1 });
    expect(res.status).toBe(200);
    expect(s.client.credentials.access_token).not.toBe(s.accessToken);
    expect(s.client.credentials.refresh_token).toBe(s.refreshToken);
    expect((await api('calendars/primary/events', s.accessToken)).status).toBe(401);
  });

  it('revoke ends the grant: refresh answers invalid_grant and the API 401', async () => {
    const s = await signIn([EVENTS_SCOPE]);
    await s.client.revokeToken(s.refreshToken);
    const refreshed = await fetch(sb.endpoints.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.refreshToken, client_id: sb.clientId }).toString(),
    });
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect((await api('calendars/primary/events', s.accessToken)).status).toBe(401);
    const unknown = await fetch(`${sb.endpoints.revokeUrl}?token=nope`, { method: 'POST' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_token' });
    // As at Google, revoking one token ends the client's whole authorization, the shared session's too.
    expect((await api('calendars/primary/events', session.accessToken)).status).toBe(401);
  });

  it('lists its grants without their tokens, revoked ones marked', async () => {
    const s = await signIn([EVENTS_SCOPE]);
    await s.client.revokeToken(s.refreshToken);
    const grants = sb.grants();
    expect(grants.at(-1)).toEqual({ clientId: sb.clientId, email: EMAIL, scopes: [EVENTS_SCOPE], offline: true, revoked: true });
    expect(JSON.stringify(grants)).not.toContain(s.refreshToken);
    expect(JSON.stringify(grants)).not.toContain(s.accessToken);
  });

  it('revokeAllGrants makes the client library fail with invalid_grant', async () => {
    const s = await signIn([EVENTS_SCOPE]);
    sb.revokeAllGrants();
    const error = await s.client.refreshAccessToken().then(
      () => null,
      (e: unknown) => e as { response?: { data?: { error?: string } } },
    );
    expect(error?.response?.data?.error).toBe('invalid_grant');
  });
});

describe('Calendar v3 events', () => {
  it('inserts under a client-chosen id with Google server fields, and renders times in the event zone', async () => {
    const id = newId();
    const { data } = await session.api.events.insert({
      calendarId: 'primary',
      requestBody: { id, summary: 'Interview', ...timed(1, 12), extendedProperties: { private: { ccSource: 'a1' } }, reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 30 }] }, transparency: 'opaque' },
    });
    expect(data).toMatchObject({
      kind: 'calendar#event',
      id,
      status: 'confirmed',
      iCalUID: `${id}@google.com`,
      sequence: 0,
      summary: 'Interview',
      creator: { email: EMAIL, self: true },
      organizer: { email: EMAIL, self: true },
      start: { dateTime: '2026-07-01T14:00:00+02:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-07-01T15:00:00+02:00', timeZone: 'Europe/Berlin' },
      extendedProperties: { private: { ccSource: 'a1' } },
      reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 30 }] },
    });
    expect(data.etag).toMatch(/^"\d+"$/);
    expect(data.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(sb.events().map((e) => e.id)).toContain(id);
  });

  it('refuses a malformed id (400 invalid) and an empty time range (400 timeRangeEmpty)', async () => {
    const bad = await apiFailure(session.api.events.insert({ calendarId: 'primary', requestBody: { id: 'UPPER-case', ...timed(2) } }));
    expect(bad.status).toBe(400);
    expect(bad.data.error.errors[0]).toMatchObject({ reason: 'invalid', message: 'Invalid resource id value.' });
    const backwards = await apiFailure(
      session.api.events.insert({ calendarId: 'primary', requestBody: { start: { dateTime: '2026-07-02T10:00:00Z' }, end: { dateTime: '2026-07-02T09:00:00Z' } } }),
    );
    expect(backwards.data.error).toMatchObject({ code: 400, message: 'The specified time range is empty.' });
    expect(backwards.data.error.errors[0]?.reason).toBe('timeRangeEmpty');
    const noEnd = await apiFailure(session.api.events.insert({ calendarId: 'primary', requestBody: { start: { date: '2026-07-02' } } }));
    expect(noEnd.data.error.errors[0]?.reason).toBe('required');
  });

  it('answers 409 duplicate for an existing id, even after the event was deleted, and a confirmed update restores it', async () => {
    const id = newId();
    await session.api.events.insert({ calendarId: 'primary', requestBody: { id, summary: 'one', ...timed(3) } });
    const dup = await apiFailure(session.api.events.insert({ calendarId: 'primary', requestBody: { id, summary: 'two', ...timed(3) } }));
    expect(dup.status).toBe(409);
    expect(dup.data).toEqual({ error: { code: 409, message: 'The requested identifier already exists.', errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }] } });

    await session.api.events.delete({ calendarId: 'primary', eventId: id });
    const tombstone = (await session.api.events.get({ calendarId: 'primary', eventId: id })).data;
    expect(tombstone).toEqual({ kind: 'calendar#event', etag: expect.any(String), id, status: 'cancelled' });
    expect((await apiFailure(session.api.events.insert({ calendarId: 'primary', requestBody: { id, ...timed(3) } }))).status).toBe(409);
    const gone = await apiFailure(session.api.events.delete({ calendarId: 'primary', eventId: id }, { retry: false }));
    expect(gone.status).toBe(410);
    expect(gone.data.error.errors[0]?.reason).toBe('deleted');

    const restored = await session.api.events.update({ calendarId: 'primary', eventId: id, requestBody: { status: 'confirmed', summary: 'back', ...timed(3) } });
    expect(restored.data).toMatchObject({ status: 'confirmed', summary: 'back' });
    expect(sb.events().some((e) => e.id === id)).toBe(true);
    expect((await apiFailure(session.api.events.get({ calendarId: 'primary', eventId: 'unknown00' }, { retry: false }))).data.error.errors[0]?.reason).toBe('notFound');
  });

  it('honours If-Match on update, patch and delete (412 conditionNotMet), and patch merges', async () => {
    const id = newId();
    const created = (await session.api.events.insert({ calendarId: 'primary', requestBody: { id, summary: 'v1', ...timed(4), extendedProperties: { private: { a: '1' } } } })).data;
    const etag = created.etag ?? '';
    const patched = await session.api.events.patch(
      { calendarId: 'primary', eventId: id, requestBody: { summary: 'v2', extendedProperties: { private: { b: '2' } } } },
      { headers: { 'If-Match': etag } },
    );
    expect(patched.data).toMatchObject({ summary: 'v2', sequence: 1, extendedProperties: { private: { a: '1', b: '2' } }, start: created.start });
    expect(patched.data.etag).not.toBe(etag);

    const stale = await apiFailure(
      session.api.events.update({ calendarId: 'primary', eventId: id, requestBody: { summary: 'v3', ...timed(4) } }, { headers: { 'If-Match': etag }, retry: false }),
    );
    expect(stale.status).toBe(412);
    expect(stale.data.error.errors[0]).toEqual({ domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed', locationType: 'header', location: 'If-Match' });
    expect((await apiFailure(session.api.events.delete({ calendarId: 'primary', eventId: id }, { headers: { 'If-Match': etag }, retry: false }))).status).toBe(412);

    // With the current etag the delete goes through.
    const other = (await session.api.events.insert({ calendarId: 'primary', requestBody: { id: newId(), ...timed(4) } })).data;
    expect((await session.api.events.delete({ calendarId: 'primary', eventId: other.id ?? '' }, { headers: { 'If-Match': other.etag ?? '' } })).status).toBe(204);

    // PUT replaces: the private properties not sent are gone.
    const put = await session.api.events.update({ calendarId: 'primary', eventId: id, requestBody: { summary: 'v3', ...timed(4) } }, { headers: { 'If-Match': patched.data.etag ?? '' } });
    expect(put.data.extendedProperties).toBeUndefined();
    expect(put.data.summary).toBe('v3');
  });

  it('patch keeps what it does not name, null clears, nested objects merge, arrays replace', async () => {
    const id = newId();
    await session.api.events.insert({
      calendarId: 'primary',
      requestBody: {
        id,
        summary: 'ours',
        location: 'Room 1',
        description: 'notes',
        colorId: '5',
        attendees: [{ email: 'recruiter@example.com' }],
        ...timed(12),
        reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }, { method: 'email', minutes: 60 }] },
        extendedProperties: { private: { mine: 'user', ours: 'app' } },
      },
    });
    const { data } = await session.api.events.patch({
      calendarId: 'primary',
      eventId: id,
      requestBody: {
        summary: 'ours, changed',
        location: null,
        description: null,
        start: { date: '2026-07-12', dateTime: null, timeZone: null },
        end: { date: '2026-07-13', dateTime: null, timeZone: null },
        reminders: { useDefault: false, overrides: [] },
        extendedProperties: { private: { ours: 'app2' } },
      },
    });
    expect(data).toMatchObject({ summary: 'ours, changed', colorId: '5', attendees: [{ email: 'recruiter@example.com' }], start: { date: '2026-07-12' }, end: { date: '2026-07-13' }, extendedProperties: { private: { mine: 'user', ours: 'app2' } } });
    expect(data.location).toBeUndefined();
    expect(data.description).toBeUndefined();
    expect(data.start).toEqual({ date: '2026-07-12' });
    expect(data.reminders).toEqual({ useDefault: false });
  });

  it('caps a page below maxResults when told to, as Google may, and the client must follow nextPageToken', async () => {
    const tag = newId();
    for (let i = 0; i < 3; i++) await session.api.events.insert({ calendarId: 'primary', requestBody: { summary: `c${i}`, ...timed(14 + i), extendedProperties: { private: { cap: tag } } } });
    sb.setMaxEventsPerPage(2);
    try {
      const first = await session.api.events.list({ calendarId: 'primary', maxResults: 2500, privateExtendedProperty: [`cap=${tag}`] });
      expect(first.data.items).toHaveLength(2);
      expect(first.data.nextPageToken).toBeTruthy();
      expect(first.data.nextSyncToken).toBeUndefined();
      const second = await session.api.events.list({ calendarId: 'primary', maxResults: 2500, privateExtendedProperty: [`cap=${tag}`], pageToken: first.data.nextPageToken ?? '' });
      expect(second.data.items?.map((e) => e.summary)).toEqual(['c2']);
      expect(second.data.nextSyncToken).toBeTruthy();
    } finally {
      sb.setMaxEventsPerPage(2500);
    }
  });

  it('pages with stable tokens and gives nextSyncToken only on the last page', async () => {
    const tag = newId();
    for (let i = 0; i < 7; i++) await session.api.events.insert({ calendarId: 'primary', requestBody: { summary: `p${i}`, ...timed(10 + i), extendedProperties: { private: { page: tag } } } });
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    let syncToken: string | null | undefined;
    do {
      const { data } = await session.api.events.list({ calendarId: 'primary', maxResults: 3, privateExtendedProperty: [`page=${tag}`], ...(pageToken ? { pageToken } : {}) });
      pages += 1;
      seen.push(...(data.items ?? []).map((e) => e.summary ?? ''));
      if (data.nextPageToken) expect(data.nextSyncToken).toBeUndefined();
      if (pages === 1) {
        // A write during paging shows up in neither later page nor is it lost: the next incremental listing has it.
        await session.api.events.insert({ calendarId: 'primary', requestBody: { summary: 'late', ...timed(20), extendedProperties: { private: { page: tag } } } });
      }
      pageToken = data.nextPageToken ?? undefined;
      syncToken = data.nextSyncToken;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    expect(syncToken).toBeTruthy();
    const next = await session.api.events.list({ calendarId: 'primary', syncToken: syncToken ?? '' });
    expect(next.data.items?.map((e) => e.summary)).toEqual(['late']);
  });

  it('lists incrementally with a sync token: changes and deletions (as cancelled) only', async () => {
    const keep = newId();
    const drop = newId();
    const apiDrop = newId();
    for (const id of [keep, drop, apiDrop]) await session.api.events.insert({ calendarId: 'primary', requestBody: { id, summary: id, ...timed(5) } });
    const full = await session.api.events.list({ calendarId: 'primary', maxResults: 2500 });
    const token = full.data.nextSyncToken ?? '';
    expect(full.data).toMatchObject({ kind: 'calendar#events', accessRole: 'owner', timeZone: 'UTC', defaultReminders: [{ method: 'popup', minutes: 10 }] });

    const quiet = await session.api.events.list({ calendarId: 'primary', syncToken: token });
    expect(quiet.data.items).toEqual([]);
    expect(quiet.data.nextSyncToken).toBeTruthy();

    sb.userMoveEvent('primary', keep, { dateTime: '2026-07-05T18:00:00+02:00', timeZone: 'Europe/Berlin' }, { dateTime: '2026-07-05T19:00:00+02:00', timeZone: 'Europe/Berlin' });
    sb.userDeleteEvent('primary', drop);
    await session.api.events.delete({ calendarId: 'primary', eventId: apiDrop });
    const changes = await session.api.events.list({ calendarId: 'primary', syncToken: token });
    const byId = new Map((changes.data.items ?? []).map((e) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual([keep, drop, apiDrop].sort());
    expect(byId.get(keep)).toMatchObject({ status: 'confirmed', start: { dateTime: '2026-07-05T18:00:00+02:00' } });
    // Google: "Deleted events are only guaranteed to have the id field populated". The stand-in sends no more.
    for (const id of [drop, apiDrop]) expect(byId.get(id)).toEqual({ kind: 'calendar#event', etag: expect.stringMatching(/^"\d+"$/), id, status: 'cancelled' });

    // A full listing hides cancelled events unless showDeleted.
    const all = await session.api.events.list({ calendarId: 'primary', maxResults: 2500 });
    expect(all.data.items?.some((e) => e.id === drop)).toBe(false);
    const withDeleted = await session.api.events.list({ calendarId: 'primary', maxResults: 2500, showDeleted: true });
    expect(withDeleted.data.items?.find((e) => e.id === drop)).toEqual({ kind: 'calendar#event', etag: expect.any(String), id: drop, status: 'cancelled' });

    const mixed = await apiFailure(session.api.events.list({ calendarId: 'primary', syncToken: token, privateExtendedProperty: ['a=b'] }, { retry: false }));
    expect(mixed.status).toBe(400);
    expect(mixed.data.error.errors[0]?.reason).toBe('invalid');
  });

  it('answers 410 fullSyncRequired for expired or unknown sync tokens', async () => {
    const token = (await session.api.events.list({ calendarId: 'primary', maxResults: 2500 })).data.nextSyncToken ?? '';
    expect((await session.api.events.list({ calendarId: 'primary', syncToken: token })).status).toBe(200);
    sb.expireSyncTokens();
    const expired = await apiFailure(session.api.events.list({ calendarId: 'primary', syncToken: token }, { retry: false }));
    expect(expired.status).toBe(410);
    expect(expired.data.error).toMatchObject({ code: 410, message: 'Sync token is no longer valid, a full sync is required.' });
    expect(expired.data.error.errors[0]?.reason).toBe('fullSyncRequired');
    expect((await apiFailure(session.api.events.list({ calendarId: 'primary', syncToken: 'made-up' }, { retry: false }))).status).toBe(410);
  });

  it('filters by private extended property', async () => {
    const tag = newId();
    await session.api.events.insert({ calendarId: 'primary', requestBody: { summary: 'tagged', ...timed(6), extendedProperties: { private: { filt: tag, other: 'x' } } } });
    await session.api.events.insert({ calendarId: 'primary', requestBody: { summary: 'untagged', ...timed(6), extendedProperties: { private: { filt: 'no' } } } });
    const { data } = await session.api.events.list({ calendarId: 'primary', privateExtendedProperty: [`filt=${tag}`, 'other=x'] });
    expect(data.items?.map((e) => e.summary)).toEqual(['tagged']);
  });
});

describe('authorization errors', () => {
  it('401 with WWW-Authenticate and the UNAUTHENTICATED envelope for a missing or unknown token', async () => {
    for (const headers of [{}, { authorization: 'Bearer ya29.nonsense' }]) {
      const res = await fetch(`${sb.url}/calendar/v3/calendars/primary/events`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await res.json()) as { error: { status: string; errors: { reason: string; location: string }[] } };
      expect(body.error.status).toBe('UNAUTHENTICATED');
      expect(body.error.errors[0]).toMatchObject({ reason: 'authError', location: 'Authorization', message: 'Invalid Credentials' });
    }
  });

  it('403 insufficientPermissions when the scope does not cover the method; incremental consent fixes it', async () => {
    const s = await signIn(['openid', 'email']);
    const res = await api('calendars/primary/events', s.accessToken);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { message: string; status: string; errors: { reason: string }[]; details: { reason: string }[] } };
    expect(body.error).toMatchObject({ message: 'Request had insufficient authentication scopes.', status: 'PERMISSION_DENIED' });
    expect(body.error.errors[0]?.reason).toBe('insufficientPermissions');
    expect(body.error.details[0]).toMatchObject({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' });

    const list = await apiFailure(session.api.calendarList.list({}, { retry: false }));
    expect(list.status).toBe(403);
    expect((await apiFailure(session.api.calendars.insert({ requestBody: { summary: 'no' } }, { retry: false }))).status).toBe(403);
    const wider = await signIn([LIST_SCOPE], { includeGranted: true });
    expect(wider.scope.split(' ')).toEqual(expect.arrayContaining([LIST_SCOPE, EVENTS_SCOPE]));
    const { data } = await wider.api.calendarList.list({});
    expect(data.items).toEqual([expect.objectContaining({ id: EMAIL, primary: true, accessRole: 'owner' })]);
  });

  it('calendar.app.created reaches only the calendars this app created', async () => {
    const s = await signIn([APP_CREATED_SCOPE]);
    const cal = (await s.api.calendars.insert({ requestBody: { summary: 'Career Copilot', timeZone: 'Europe/Berlin' } })).data;
    expect(cal.id).toMatch(/@group\.calendar\.google\.com$/);
    const ev = (await s.api.events.insert({ calendarId: cal.id ?? '', requestBody: { summary: 'x', start: { date: '2026-07-07' }, end: { date: '2026-07-08' } } })).data;
    expect(ev.organizer).toMatchObject({ email: cal.id, self: true });
    expect(sb.events(cal.id ?? '').map((e) => e.id)).toEqual([ev.id]);
    expect((await apiFailure(s.api.events.list({ calendarId: 'primary' }, { retry: false }))).status).toBe(404);
  });
});

describe('quota and faults', () => {
  it('rate-limits over the per-minute quota with 403 usageLimits; rejected writes are not writes', async () => {
    const s = await signIn([EVENTS_SCOPE]);
    sb.setQuota(3);
    sb.resetStats();
    try {
      for (let i = 0; i < 3; i++) expect((await api('calendars/primary/events?maxResults=1', s.accessToken)).status).toBe(200);
      const res = await api('calendars/primary/events', s.accessToken, { method: 'POST', body: JSON.stringify({ summary: 'over', ...timed(8) }) });
      expect(res.status).toBe(403);
      expect(res.headers.get('retry-after')).toBeNull();
      expect(await res.json()).toEqual({ error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }] } });
      expect(sb.stats()).toMatchObject({ requests: 4, rateLimited: 1, writes: 0 });
      expect(sb.events().some((e) => e.summary === 'over')).toBe(false);
    } finally {
      sb.setQuota(null);
    }
  });

  it('answers 429 with Retry-After when configured so', async () => {
    const limited = await startGoogleSandbox({ quotaPerMinute: 1, rateLimitStatus: 429 });
    try {
      const client = new OAuth2Client({ clientId: limited.clientId, endpoints: { oauth2AuthBaseUrl: limited.endpoints.authUrl, oauth2TokenUrl: limited.endpoints.tokenUrl } });
      const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
      const url = client.generateAuthUrl({ scope: [EVENTS_SCOPE], code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256, redirect_uri: REDIRECT });
      const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
      const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: REDIRECT });
      const call = (): Promise<Response> => fetch(`${limited.url}/calendar/v3/calendars/primary/events`, { headers: { authorization: `Bearer ${tokens.access_token ?? ''}` } });
      expect((await call()).status).toBe(200);
      const res = await call();
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
      expect(((await res.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe('rateLimitExceeded');
      expect(limited.stats().rateLimited).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('injects queued failures with Google bodies and Retry-After, in order, then recovers', async () => {
    sb.failNext(1, { status: 503, retryAfterSeconds: 2 });
    sb.failNext(1, { status: 502 });
    sb.failNext(1, { status: 500, onlyPath: /\/events\/only/ });
    const first = await api('calendars/primary/events', session.accessToken);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(((await first.json()) as { error: { message: string } }).error.message).toBe('The service is currently unavailable.');
    const second = await api('calendars/primary/events', session.accessToken);
    expect(second.status).toBe(502);
    expect(second.headers.get('content-type')).toMatch(/text\/html/);
    expect((await api('calendars/primary/events', session.accessToken)).status).toBe(200); // the 500 waits for its path
    const third = await api('calendars/primary/events/only0', session.accessToken);
    expect(third.status).toBe(500);
    expect(((await third.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe('backendError');
  });

  it('drops connections without an answer and adds latency', async () => {
    sb.dropNextConnections(1);
    await expect(api('calendars/primary/events', session.accessToken)).rejects.toThrow();
    expect((await api('calendars/primary/events', session.accessToken)).status).toBe(200);
    sb.setLatency(150);
    try {
      const started = Date.now();
      await api('calendars/primary/events?maxResults=1', session.accessToken);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      sb.setLatency(0);
    }
  });

  it('404 for unknown routes, 400 parseError for broken JSON, 413 for large bodies', async () => {
    const unknown = await api('nothing/here', session.accessToken);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).toBe(404);
    const broken = await api('calendars/primary/events', session.accessToken, { method: 'POST', body: '{"summary":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe('parseError');
    const big = await api('calendars/primary/events', session.accessToken, { method: 'POST', body: JSON.stringify({ description: 'x'.repeat(1_100_000) }) }).catch(() => null);
    // Node may see the reset before the answer; either way nothing was stored.
    if (big) expect(big.status).toBe(413);
    expect(sb.events().some((e: GoogleEventResource) => (e.description?.length ?? 0) > 1_000_000)).toBe(false);
  });

  it('logs each request with its arrival time, route, user and answer', async () => {
    sb.resetStats();
    const before = Date.now();
    sb.failNext(1, { status: 429, retryAfterSeconds: 1 });
    expect((await api('calendars/primary/events?maxResults=1', session.accessToken)).status).toBe(429);
    expect((await api('calendars/primary/events?maxResults=1', 'ya29.unknown')).status).toBe(401);
    const log = sb.requestLog();
    expect(log).toEqual([
      { at: expect.any(Number), method: 'GET', route: 'events.list', user: EMAIL, status: 429, answeredAt: expect.any(Number) },
      { at: expect.any(Number), method: 'GET', route: 'events.list', user: null, status: 401, answeredAt: expect.any(Number) },
    ]);
    expect(log[0]?.at).toBeGreaterThanOrEqual(before);
    expect(log[1]?.at).toBeGreaterThanOrEqual(log[0]?.answeredAt ?? Infinity);
  });

  it('counts Calendar requests, routes and writes, and resets', async () => {
    sb.resetStats();
    const id = newId();
    await session.api.events.insert({ calendarId: 'primary', requestBody: { id, ...timed(9) } });
    await session.api.events.get({ calendarId: 'primary', eventId: id });
    sb.userEditEvent('primary', id, { summary: 'by the user' });
    expect(sb.stats()).toEqual({ requests: 2, byRoute: { 'events.insert': 1, 'events.get': 1 }, rateLimited: 0, writes: 1 });
    const mine = sb.userCreateEvent('primary', { summary: 'lunch', start: { date: '2026-07-09' }, end: { date: '2026-07-10' } });
    expect(mine.id).toMatch(/^[a-v0-9]{5,}$/);
    expect(mine.extendedProperties).toBeUndefined();
    sb.resetStats();
    expect(sb.stats()).toEqual({ requests: 0, byRoute: {}, rateLimited: 0, writes: 0 });
  });
});
