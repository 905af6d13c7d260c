// Connecting and disconnecting an Outlook / Microsoft 365 account (work, school
// or personal). The browser opens Microsoft's sign-in; the answer comes back to
// our own one-shot loopback listener (loopback-listener.ts), and MSAL redeems the
// code with the PKCE verifier (getAuthCodeUrl + acquireTokenByCode). We do not
// use MSAL's acquireTokenInteractive: msal-node 7's listener takes only
// response_mode=form_post, cannot be cancelled or given a timeout, and does not
// check the Host header; ours does all three and is the one Google uses too.
// The token cache goes to the SecretStore only once the account is known.
import { randomBytes } from 'node:crypto';
import { CryptoProvider, ResponseMode, type AuthenticationResult } from '@azure/msal-node';
import { AppError } from '../../../shared/errors';
import type { Fetch, UrlOpener } from '../ports';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { createLogger } from '../telemetry/logger';
import { consentCode } from './loopback-consent';
import { classifyMsalFailure } from './microsoft-auth-failure';
import { CALENDAR_SCOPE, MICROSOFT_SCOPES, type MicrosoftConfig } from './microsoft-config';
import { createMsalApp } from './microsoft-msal';
import { SecretStoreCachePlugin } from './microsoft-token-cache';
import { createOAuthListener } from './loopback-listener';
import { safeCause } from './safe-cause';

const log = createLogger('microsoft-oauth');

/** Long enough to sign in and pass multi-factor authentication, short enough to notice. */
export const DEFAULT_MS_CONSENT_TIMEOUT_MS = 5 * 60_000;

/** Who the token belongs to, read from Graph's /me once the code is redeemed. */
export interface MicrosoftProfile {
  email: string;
  displayName: string | null;
}

export interface ConnectMicrosoftDeps {
  config: MicrosoftConfig;
  secrets: SecretStore;
  fetch: Fetch;
  openUrl: UrlOpener;
  onConsentUrl: (url: string) => void;
  /** Reads the signed-in user with the fresh access token (Graph /me). */
  readProfile: (accessToken: string, signal?: AbortSignal) => Promise<MicrosoftProfile>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ConnectedMicrosoftAccount {
  /** 'microsoft:<email>' */
  accountId: string;
  email: string;
  displayName: string | null;
  /** What Microsoft granted (the user or their organisation can allow less). */
  scopes: string[];
}

export async function connectMicrosoft(deps: ConnectMicrosoftDeps): Promise<ConnectedMicrosoftAccount> {
  const { signal } = deps;
  if (signal?.aborted) throw cancelled(signal.reason);
  const state = randomBytes(32).toString('base64url');
  // Entra matches loopback redirect URIs without the port; the app registration lists http://127.0.0.1/.
  const listener = await createOAuthListener({ expectedState: state, timeoutMs: deps.timeoutMs ?? DEFAULT_MS_CONSENT_TIMEOUT_MS, path: '/' }).catch((error: unknown) => {
    throw new AppError('oauth_failed', 'Could not start listening for the browser sign-in on this computer. Try again.', { cause: safeCause(error) });
  });
  const onAbort = (): void => void listener.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  const cache = new SecretStoreCachePlugin(deps.secrets, null);
  const app = createMsalApp({ config: deps.config, fetch: deps.fetch, cachePlugin: cache });
  try {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const consentUrl = await app
      .getAuthCodeUrl({
        scopes: MICROSOFT_SCOPES,
        redirectUri: listener.redirectUri,
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        state,
        responseMode: ResponseMode.QUERY,
        prompt: 'select_account',
      })
      .catch((error: unknown) => {
        throw new AppError('oauth_failed', 'Microsoft sign-in could not be reached. Check your connection and click Connect again.', { cause: safeCause(error), retryable: true });
      });
    const code = await consentCode(listener, consentUrl, deps, cancelled, signal);

    let result: AuthenticationResult;
    try {
      result = await app.acquireTokenByCode({ code, scopes: MICROSOFT_SCOPES, redirectUri: listener.redirectUri, codeVerifier: verifier });
    } catch (error) {
      const failure = classifyMsalFailure(error);
      log.warn({ reason: failure.reason }, 'microsoft code redemption failed');
      throw new AppError('oauth_failed', 'Microsoft did not accept the sign-in (it may have taken too long or been used twice). Click Connect to try again.', { cause: safeCause(error) });
    }
    signal?.throwIfAborted();

    const granted = result.scopes;
    if (!granted.some((s) => s.toLowerCase() === CALENDAR_SCOPE.toLowerCase())) {
      throw new AppError(
        'oauth_failed',
        'Microsoft did not let Career Copilot Calendar edit your calendar (your organisation may not allow it), so nothing was saved. Click Connect and accept "Have full access to your calendars", or ask your IT administrator.',
      );
    }

    const profile = await deps.readProfile(result.accessToken, signal).catch((error: unknown) => {
      if (signal?.aborted) throw cancelled(signal.reason);
      throw new AppError('oauth_failed', 'Microsoft connected but did not say which account it is, so nothing was saved. Click Connect to try again.', { cause: safeCause(error) });
    });
    const email = profile.email.trim().toLowerCase();
    const accountId = `microsoft:${email}`;
    await cache.persistAs(accountId);
    log.info({ accountId, scopes: granted }, 'microsoft account connected');
    return { accountId, email, displayName: profile.displayName, scopes: granted };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal?.aborted) throw cancelled(signal.reason);
    throw new AppError('oauth_failed', 'Connecting your Microsoft account failed. Click Connect to try again.', { cause: safeCause(error) });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await listener.close();
  }
}

export interface DisconnectMicrosoftDeps {
  config: MicrosoftConfig;
  secrets: SecretStore;
  fetch: Fetch;
  accountId: string;
}

/**
 * Removes the account from MSAL's token cache and deletes the cache from the
 * SecretStore, whatever happens. Microsoft offers a public client no way to
 * revoke only its own refresh token: revokeSignInSessions would sign the user out
 * of every app and device, so it is not called, and `revoked` is always false —
 * the UI says where the user can remove the app's access themselves.
 */
export async function disconnectMicrosoft(deps: DisconnectMicrosoftDeps): Promise<{ revoked: false }> {
  const { accountId, secrets } = deps;
  try {
    const app = createMsalApp({ config: deps.config, fetch: deps.fetch, cachePlugin: SecretStoreCachePlugin.forAccount(secrets, accountId) });
    const cache = app.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
  } catch (error) {
    log.warn({ accountId, err: safeCause(error) }, 'could not clear the microsoft token cache; deleting the secret anyway');
  }
  await secrets.delete(SecretKeys.providerTokens(accountId));
  log.info({ accountId }, 'microsoft account disconnected');
  return { revoked: false };
}

function cancelled(reason: unknown): AppError {
  return new AppError('oauth_failed', 'The Microsoft sign-in was cancelled. Click Connect to try again.', { cause: safeCause(reason) });
}
