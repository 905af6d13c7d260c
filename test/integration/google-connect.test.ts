// Connecting Google through the registry module, and a connect that fails after
// Google issued tokens: the grant is revoked at Google and nothing is stored.
// Real google-auth-library against the Google sandbox, tokens in the real
// keychain. A sandbox of its own: a revocation at Google ends every grant of the
// user for the client, which would break the other files' sessions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleSandbox, type GoogleSandbox } from '../../src/sandbox/google';
import { AppError } from '../../src/shared/errors';
import type { AccountView } from '../../src/shared/domain';
import { AppConfig } from '../../src/main/core/config';
import { GOOGLE_CALENDAR_LIST_SCOPE, GOOGLE_PRIVATE_SCOPES, type GoogleConfig } from '../../src/main/core/auth/google-config';
import { connectGoogle } from '../../src/main/core/auth/google-oauth';
import { systemClock, systemTimers, type Fetch, type UrlOpener } from '../../src/main/core/ports';
import { googleModule, GOOGLE_NOT_CONFIGURED } from '../../src/main/core/providers/google/google-module';
import type { ProviderContext } from '../../src/main/core/providers/registry';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys, type SecretStore } from '../../src/main/core/secrets/secret-store';
import { approveInSandboxBrowser } from '../../src/sandbox/google/sandbox-browser';

const EMAIL = 'connect.tester@gmail.example';
const ACCOUNT_ID = `google:${EMAIL}`;
const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

/** The real keychain, with every key written remembered, to show that nothing was left behind. */
class RecordingSecrets implements SecretStore {
  readonly written = new Set<string>();
  constructor(private readonly inner: KeychainSecretStore) {}
  get(key: string): Promise<string | null> {
    return this.inner.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.written.add(key);
    await this.inner.set(key, value);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
}

const keychain = new KeychainSecretStore({ service: `ccal-test-google-connect-${randomUUID()}` });
let secrets: RecordingSecrets;
let sandbox: GoogleSandbox;
let google: GoogleConfig;

const browser: UrlOpener = (url) => approveInSandboxBrowser(url);

async function leftovers(): Promise<string[]> {
  const keys = [...secrets.written, SecretKeys.providerTokens(ACCOUNT_ID)];
  const found: string[] = [];
  for (const key of keys) if ((await secrets.get(key)) !== null) found.push(key);
  return found;
}

beforeAll(async () => {
  sandbox = await startGoogleSandbox({ email: EMAIL });
  google = { clientId: sandbox.clientId, ...sandbox.endpoints };
});

beforeEach(() => {
  secrets = new RecordingSecrets(keychain);
  sandbox.resetStats();
});

afterAll(async () => {
  await keychain.delete(SecretKeys.providerTokens(ACCOUNT_ID));
  await sandbox?.close();
});

describe('a connect that fails after the token exchange', () => {
  it('revokes the grant at Google and stores nothing when userinfo fails', async () => {
    sandbox.failNext(1, { status: 503, onlyPath: /^\/v1\/userinfo/ });
    const grantsBefore = sandbox.grants().length;
    const error = await connectGoogle({ config: google, secrets, openUrl: browser, onConsentUrl: () => undefined, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'oauth_failed' });
    expect((error as AppError).userMessage).toMatch(/nothing was saved/);

    const grants = sandbox.grants();
    expect(grants).toHaveLength(grantsBefore + 1);
    expect(grants.at(-1)).toMatchObject({ email: EMAIL, offline: true, revoked: true });
    const routes = sandbox.requestLog().map((r) => `${r.route} ${r.status}`);
    expect(routes).toEqual(['oauth.authorize 302', 'oauth.token 200', 'oauth.userinfo 503', 'oauth.revoke 200']);
    expect(await leftovers()).toEqual([]);
  });

  it('revokes and stores nothing when Google does not say which account it is (no email granted)', async () => {
    const error = await connectGoogle({ config: google, secrets, openUrl: browser, onConsentUrl: () => undefined, timeoutMs: 10_000, baseScopes: [EVENTS_SCOPE, 'openid'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'oauth_failed' });
    expect(sandbox.grants().at(-1)).toMatchObject({ scopes: [EVENTS_SCOPE, 'openid'], revoked: true });
    expect(sandbox.stats().byRoute['oauth.revoke']).toBe(1);
    expect(await leftovers()).toEqual([]);
  });

  it('still fails with the original reason when the revoke itself cannot reach Google', async () => {
    sandbox.failNext(1, { status: 500, onlyPath: /^\/v1\/userinfo/ });
    sandbox.failNext(1, { status: 503, onlyPath: /^\/revoke/ });
    const error = await connectGoogle({ config: google, secrets, openUrl: browser, onConsentUrl: () => undefined, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect((error as AppError).userMessage).toMatch(/did not tell us which account/);
    expect(await leftovers()).toEqual([]);
  });
});

describe('googleModule', () => {
  const audits: { accountId: string | null; action: string; outcome: string }[] = [];
  const lost: string[] = [];
  let fetched = 0;
  const countingFetch: Fetch = (input, init) => {
    fetched += 1;
    return fetch(input, init);
  };

  function context(overrides: Partial<AppConfig['google']> = {}): ProviderContext {
    const config = AppConfig.parse({ dataDir: '/nonexistent/ccal-test', copilot: { baseUrl: 'http://127.0.0.1:9/api/v1' }, google: { ...google, ...overrides } });
    return {
      config,
      secrets,
      clock: systemClock,
      timers: systemTimers,
      fetch: countingFetch,
      openUrl: browser,
      random: () => 0.1,
      audit: (accountId, action, outcome) => audits.push({ accountId, action, outcome }),
      onAuthLost: (accountId, reason) => lost.push(`${accountId}: ${reason}`),
    };
  }

  const accountView = (scopes: string[]): AccountView => ({ id: ACCOUNT_ID, provider: 'google', email: EMAIL, status: 'connected', calendarId: 'primary', scopes, lastSyncAt: null, lastError: null });

  it('is named for people and says what to set when no client id is configured', async () => {
    expect(googleModule).toMatchObject({ kind: 'google', label: 'Google Calendar' });
    const ctx = context({ clientId: '' });
    expect(googleModule.notConfigured(ctx.config)).toBe(GOOGLE_NOT_CONFIGURED);
    expect(googleModule.notConfigured(context().config)).toBeNull();
    await expect(googleModule.connect(ctx, { onConsentUrl: () => undefined })).rejects.toMatchObject({ code: 'config_invalid', userMessage: GOOGLE_NOT_CONFIGURED });
  });

  it('connects through the context (its fetch, its browser) and writes to the primary calendar', async () => {
    fetched = 0;
    const consent: string[] = [];
    const connected = await googleModule.connect(context(), { onConsentUrl: (url) => consent.push(url) });
    expect(connected).toMatchObject({ accountId: ACCOUNT_ID, email: EMAIL, calendarId: 'primary' });
    expect(connected.wantsDedicatedCalendar).toBeUndefined();
    expect(connected.scopes).toContain(EVENTS_SCOPE);
    expect(connected.scopes).not.toContain(GOOGLE_CALENDAR_LIST_SCOPE);
    expect(consent).toHaveLength(1);
    expect(fetched).toBeGreaterThanOrEqual(2); // token + userinfo went through ctx.fetch
    expect(await secrets.get(SecretKeys.providerTokens(ACCOUNT_ID))).not.toBeNull();
  });

  it('asks for the calendar list only when asked, and for the private scopes for a dedicated calendar', async () => {
    const consent: string[] = [];
    const listed = await googleModule.connect(context(), { calendarList: true, onConsentUrl: (url) => consent.push(url) });
    expect(new URL(consent[0] ?? '').searchParams.get('scope')?.split(' ')).toContain(GOOGLE_CALENDAR_LIST_SCOPE);
    expect(listed.scopes).toContain(GOOGLE_CALENDAR_LIST_SCOPE);

    const dedicated = await googleModule.connect(context(), { dedicatedCalendar: true, onConsentUrl: (url) => consent.push(url) });
    expect(new URL(consent[1] ?? '').searchParams.get('scope')?.split(' ').sort()).toEqual([...GOOGLE_PRIVATE_SCOPES].sort());
    expect(dedicated).toMatchObject({ calendarId: 'primary', wantsDedicatedCalendar: true });
  });

  it('audits the revoke of a failed connect', async () => {
    audits.length = 0;
    sandbox.failNext(1, { status: 503, onlyPath: /^\/v1\/userinfo/ });
    await expect(googleModule.connect(context(), { onConsentUrl: () => undefined })).rejects.toMatchObject({ code: 'oauth_failed' });
    expect(audits).toEqual([{ accountId: null, action: 'revoke', outcome: 'ok' }]);
  });

  it('creates a working provider that audits token refreshes and reports a lost grant', async () => {
    await googleModule.connect(context(), { onConsentUrl: () => undefined });
    audits.length = 0;
    const ctx = context();
    const provider = googleModule.create(ctx, accountView([EVENTS_SCOPE]));
    expect(provider.kind).toBe('google');
    sandbox.expireAccessTokens();
    expect((await provider.listChanges('primary', null, null)).full).toBe(true);
    expect(audits).toContainEqual({ accountId: ACCOUNT_ID, action: 'token.refresh', outcome: 'ok' });

    sandbox.revokeAllGrants();
    sandbox.expireAccessTokens();
    await expect(provider.listChanges('primary', null, null)).rejects.toMatchObject({ code: 'provider_auth' });
    expect(lost.some((l) => l.startsWith(`${ACCOUNT_ID}: `))).toBe(true);
    expect(audits).toContainEqual({ accountId: ACCOUNT_ID, action: 'token.refresh', outcome: 'failed' });
  });

  it('disconnects: revokes at Google and deletes the secret', async () => {
    await googleModule.connect(context(), { onConsentUrl: () => undefined });
    fetched = 0;
    expect(await googleModule.disconnect(context(), accountView([EVENTS_SCOPE]))).toEqual({ revoked: true });
    expect(fetched).toBe(1);
    expect(sandbox.grants().every((g) => g.revoked)).toBe(true);
    expect(await secrets.get(SecretKeys.providerTokens(ACCOUNT_ID))).toBeNull();
  });
});
