// The Microsoft sandbox is as strict as Microsoft's documentation: these talk to
// it with plain fetch (over TLS, trusted through the global setup) and check the
// answers a client must cope with, so the provider tests cannot pass against a
// kinder stand-in.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMicrosoftSandbox, type MicrosoftSandbox } from '../../src/sandbox/microsoft';

let sandbox: MicrosoftSandbox;
const REDIRECT = 'http://127.0.0.1:1/';

interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  scope: string;
  client_info?: string;
}

async function authorize(extra: Record<string, string> = {}): Promise<{ location: URL; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({ client_id: sandbox.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'Calendars.ReadWrite User.Read offline_access openid profile', state: 's1', code_challenge: challenge, code_challenge_method: 'S256', client_info: '1', ...extra });
  const res = await fetch(`${sandbox.endpoints.authority}/oauth2/v2.0/authorize?${query}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return { location: new URL(res.headers.get('location') ?? ''), verifier };
}

const token = (form: Record<string, string>): Promise<Response> =>
  fetch(`${sandbox.endpoints.authority}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: sandbox.clientId, ...form }) });

async function signIn(): Promise<Tokens> {
  const { location, verifier } = await authorize();
  const res = await token({ grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: REDIRECT, code_verifier: verifier, client_info: '1', scope: 'Calendars.ReadWrite User.Read offline_access openid profile' });
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
}

const graph = (tokens: Tokens, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${sandbox.endpoints.graphRoot}${path}`, { method, headers: { authorization: `Bearer ${tokens.access_token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

const event = (subject: string, day = '01'): Record<string, unknown> => ({ subject, start: { dateTime: `2026-07-${day}T10:00:00`, timeZone: 'Europe/Berlin' }, end: { dateTime: `2026-07-${day}T11:00:00`, timeZone: 'Europe/Berlin' } });

beforeAll(async () => {
  sandbox = await startMicrosoftSandbox({ email: 'strict@contoso.example' });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('identity platform', () => {
  it('publishes OpenID metadata whose endpoints keep the tenant alias', async () => {
    const res = await fetch(`${sandbox.endpoints.authority}/v2.0/.well-known/openid-configuration`);
    const meta = (await res.json()) as Record<string, string>;
    expect(meta.authorization_endpoint).toBe(`${sandbox.endpoints.authority}/oauth2/v2.0/authorize`);
    expect(meta.issuer).toBe(`${sandbox.url}/{tenantid}/v2.0`);
  });

  it('refuses a redirect URI that is not a registered loopback one, on its own page', async () => {
    const res = await fetch(`${sandbox.endpoints.authority}/oauth2/v2.0/authorize?client_id=${sandbox.clientId}&response_type=code&redirect_uri=${encodeURIComponent('https://evil.example/')}&scope=User.Read&code_challenge=x`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('AADSTS50011');
  });

  it('redeems a code once, with the right PKCE verifier, and returns client_info', async () => {
    const { location, verifier } = await authorize();
    expect(location.searchParams.get('state')).toBe('s1');
    const code = location.searchParams.get('code') ?? '';
    const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: `${verifier}x` });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    // A failed redemption still used the code up.
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
    const tokens = await signIn();
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'User.Read', 'openid', 'profile']));
    expect(tokens.scope).not.toContain('offline_access');
    expect(JSON.parse(Buffer.from(tokens.client_info ?? '', 'base64url').toString())).toMatchObject({ uid: expect.any(String), utid: sandbox.tenantId });
  });

  it('answers a revoked grant with a plain invalid_grant, AADSTS50173', async () => {
    const tokens = await signIn();
    const rotated = (await (await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: 'Calendars.ReadWrite' })).json()) as Tokens;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    sandbox.revokeAllGrants();
    const res = await token({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token, scope: 'Calendars.ReadWrite' });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    expect(body).not.toHaveProperty('suberror');
    expect(body.error_description).toMatch(/^AADSTS50173: .*\r\nTrace ID: /s);
  });
});

describe('Graph', () => {
  let tokens: Tokens;
  beforeAll(async () => {
    tokens = await signIn();
  });

  it('wraps errors in the documented envelope with innerError', async () => {
    const res = await graph(tokens, 'GET', '/me/events/AAMkAmissing=', undefined, { 'client-request-id': 'c0ffee' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error).toMatchObject({ code: 'ErrorItemNotFound', innerError: { 'client-request-id': 'c0ffee', 'request-id': expect.any(String), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/) } });
    expect((await graph({ ...tokens, access_token: 'nope' }, 'GET', '/me')).status).toBe(401);
  });

  it('refuses unknown properties and time zones it does not know', async () => {
    const unknown = await graph(tokens, 'POST', '/me/events', { ...event('x'), colour: 'red' });
    expect(await unknown.json()).toMatchObject({ error: { code: 'RequestBodyRead' } });
    const zone = await graph(tokens, 'POST', '/me/events', { ...event('x'), start: { dateTime: '2026-07-01T10:00:00', timeZone: 'Mars/Olympus' } });
    expect(await zone.json()).toMatchObject({ error: { code: 'TimeZoneNotSupportedException' } });
  });

  it('returns the same event for a repeated transactionId, and 412 for a stale If-Match', async () => {
    const first = (await (await graph(tokens, 'POST', '/me/events', { ...event('Once'), transactionId: 't-1' })).json()) as Record<string, string>;
    const second = (await (await graph(tokens, 'POST', '/me/events', { ...event('Once, again'), transactionId: 't-1' })).json()) as Record<string, string>;
    expect(second.id).toBe(first.id);
    expect(second.subject).toBe('Once');
    const patched = await graph(tokens, 'PATCH', `/me/events/${first.id}`, { subject: 'Twice' }, { 'if-match': first['@odata.etag'] as string });
    expect(patched.status).toBe(200);
    const stale = await graph(tokens, 'PATCH', `/me/events/${first.id}`, { subject: 'Thrice' }, { 'if-match': first['@odata.etag'] as string });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ error: { code: 'ErrorIrresolvableConflict' } });
  });

  it('reads extended properties only through $expand with a filter', async () => {
    const id = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name probe';
    const created = (await (await graph(tokens, 'POST', '/me/events', { ...event('Tagged'), singleValueExtendedProperties: [{ id, value: 'v1' }] })).json()) as Record<string, unknown>;
    expect(created).not.toHaveProperty('singleValueExtendedProperties');
    const read = (await (await graph(tokens, 'GET', `/me/events/${created.id as string}?$expand=singleValueExtendedProperties($filter=id eq '${id}')`)).json()) as Record<string, unknown>;
    expect(read.singleValueExtendedProperties).toEqual([{ id, value: 'v1' }]);
    expect((await graph(tokens, 'GET', `/me/events/${created.id as string}?$expand=singleValueExtendedProperties`)).status).toBe(400);
  });

  it('calendarView/delta needs a window, refuses $expand and $select, pages, and tombstones carry only the id', async () => {
    expect(await (await graph(tokens, 'GET', '/me/calendarView/delta')).json()).toMatchObject({ error: { code: 'ErrorInvalidParameter' } });
    const window = 'startDateTime=2026-07-01T00:00:00Z&endDateTime=2026-08-01T00:00:00Z';
    expect(await (await graph(tokens, 'GET', `/me/calendarView/delta?${window}&$select=subject`)).json()).toMatchObject({ error: { code: 'ErrorInvalidUrlQuery' } });
    const page1 = (await (await graph(tokens, 'GET', `/me/calendarView/delta?${window}`, undefined, { prefer: 'odata.maxpagesize=1' })).json()) as Record<string, unknown>;
    expect(page1['@odata.nextLink']).toContain('$skiptoken=');
    let link = page1['@odata.nextLink'] as string;
    let deltaLink = '';
    while (!deltaLink) {
      const page = (await (await fetch(link, { headers: { authorization: `Bearer ${tokens.access_token}`, prefer: 'odata.maxpagesize=1' } })).json()) as Record<string, string>;
      if (page['@odata.deltaLink']) deltaLink = page['@odata.deltaLink'];
      else link = page['@odata.nextLink'] as string;
    }
    const victim = sandbox.events()[0]?.id as string;
    sandbox.userDeleteEvent(victim);
    const changes = (await (await fetch(deltaLink, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as { value: unknown[] };
    expect(changes.value).toEqual([{ id: victim, '@removed': { reason: 'deleted' } }]);
    sandbox.expireDeltaTokens();
    const expired = await fetch(deltaLink, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ error: { code: 'SyncStateNotFound' } });
  });

  it('$batch: at most 20 steps, URLs relative to the version, Content-Type with a body', async () => {
    const steps = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me' }));
    expect((await graph(tokens, 'POST', '/$batch', { requests: steps(21) })).status).toBe(400);
    expect((await graph(tokens, 'POST', '/$batch', { requests: [{ id: '1', method: 'POST', url: '/me/events', body: event('b') }] })).status).toBe(400);
    const res = (await (await graph(tokens, 'POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/v1.0/me' }, { id: '2', method: 'POST', url: '/me/events', headers: { 'Content-Type': 'application/json' }, body: event('b') }] })).json()) as { responses: { id: string; status: number }[] };
    const byId = Object.fromEntries(res.responses.map((r) => [r.id, r.status]));
    expect(byId).toEqual({ '1': 400, '2': 201 });
  });

  it('allows 4 operations per mailbox at once and answers the fifth 429 ApplicationThrottled with Retry-After', async () => {
    sandbox.setLatency(200);
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => graph(tokens, 'GET', '/me/calendar')));
      const throttled = answers.filter((r) => r.status === 429);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(4);
      expect(throttled).toHaveLength(1);
      expect(throttled[0]?.headers.get('retry-after')).toBe('1');
      expect(await throttled[0]?.json()).toMatchObject({ error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } });
    } finally {
      sandbox.setLatency(0);
    }
  });
});
