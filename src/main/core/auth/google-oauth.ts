// Connecting and disconnecting a Google account: the installed-app loopback flow
// (RFC 8252) with PKCE S256 and a random state, tokens into the SecretStore only,
// and revocation at Google on disconnect (DESIGN §6). A connect that fails after
// Google issued tokens revokes them before it throws: the user would otherwise
// see the app listed under their Google account's third-party access with
// nothing on this computer able to use or remove that grant.
import { randomBytes } from 'node:crypto';
import { CodeChallengeMethod } from 'google-auth-library';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Fetch, UrlOpener } from '../ports';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { createLogger } from '../telemetry/logger';
import { consentCode } from './loopback-consent';
import { GOOGLE_SCOPES, type GoogleConfig } from './google-config';
import { createGoogleOAuthClient } from './google-oauth-client';
import { mergeGoogleTokens, readGoogleTokens, writeGoogleTokens, type FreshGoogleTokens } from './google-tokens';
import { createOAuthListener } from './loopback-listener';
import { safeCause } from './safe-cause';

export { GOOGLE_SCOPES, GOOGLE_CALENDAR_LIST_SCOPE, GOOGLE_PRODUCTION_ENDPOINTS } from './google-config';
export type { GoogleConfig } from './google-config';

const log = createLogger('google-oauth');

/** Long enough to sign in and pass two-step verification, short enough to notice. */
export const DEFAULT_CONSENT_TIMEOUT_MS = 5 * 60_000;
const REVOKE_TIMEOUT_MS = 15_000;

export interface ConnectGoogleDeps {
  config: GoogleConfig;
  secrets: SecretStore;
  openUrl: UrlOpener;
  /** Always called with the consent URL, so a headless CLI can print it. */
  onConsentUrl: (url: string) => void;
  timeoutMs?: number;
  /** Added to GOOGLE_SCOPES, e.g. calendar.calendarlist.readonly when picking a calendar. */
  extraScopes?: string[];
  /** Replaces GOOGLE_SCOPES, e.g. GOOGLE_PRIVATE_SCOPES for a dedicated calendar. */
  baseScopes?: string[];
  signal?: AbortSignal;
  /** The network for the token, userinfo and revoke calls; Node's global fetch by default. */
  fetch?: Fetch;
  /** Told when a failed connect revoked (or could not revoke) what Google had granted; for the audit log. */
  onRolledBack?: (outcome: { revoked: boolean }) => void;
}

export interface ConnectedGoogleAccount {
  /** 'google:<email>' */
  accountId: string;
  email: string;
  /** What Google granted, which can be less than asked (granular consent). */
  scopes: string[];
}

const UserInfo = z.object({ email: z.string().min(3) });

export async function connectGoogle(deps: ConnectGoogleDeps): Promise<ConnectedGoogleAccount> {
  const { config, secrets, signal } = deps;
  if (signal?.aborted) throw cancelled(signal.reason);
  const requested = [...new Set([...(deps.baseScopes ?? GOOGLE_SCOPES), ...(deps.extraScopes ?? [])])];
  const state = randomBytes(32).toString('base64url');
  const listener = await createOAuthListener({ expectedState: state, timeoutMs: deps.timeoutMs ?? DEFAULT_CONSENT_TIMEOUT_MS }).catch(
    (error: unknown) => {
      throw new AppError('oauth_failed', 'Could not start listening for the browser sign-in on this computer. Try again.', {
        cause: safeCause(error),
      });
    },
  );
  const client = createGoogleOAuthClient(config, { redirectUri: listener.redirectUri, fetch: deps.fetch });
  const onAbort = (): void => void listener.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  /** What Google issued, once the code is exchanged; revoked if the connect fails after. */
  let granted: FreshGoogleTokens | null = null;
  try {
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const consentUrl = client.generateAuthUrl({
      access_type: 'offline', // a refresh token, so sync runs without the user
      prompt: 'consent', // Google only re-issues a refresh token with a fresh consent
      include_granted_scopes: true,
      scope: requested,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
      redirect_uri: listener.redirectUri,
    });
    const code = await consentCode(listener, consentUrl, deps, cancelled, signal);

    const tokens = await client.getToken({ code, codeVerifier, redirect_uri: listener.redirectUri }).then(
      (r) => r.tokens,
      (error: unknown) => {
        throw new AppError(
          'oauth_failed',
          'Google did not accept the sign-in (it may have taken too long or been used twice). Click Connect to try again.',
          { cause: safeCause(error) },
        );
      },
    );
    granted = tokens;
    signal?.throwIfAborted();

    client.setCredentials(tokens);
    const email = await client
      .request<unknown>({ url: config.userinfoUrl, method: 'GET', signal })
      .then((r) => {
        const parsed = UserInfo.safeParse(r.data);
        if (!parsed.success) throw new Error('userinfo answer has no email');
        return parsed.data.email;
      })
      .catch((error: unknown) => {
        if (signal?.aborted) throw cancelled(signal.reason);
        throw new AppError(
          'oauth_failed',
          'Google connected but did not tell us which account it is, so nothing was saved. Click Connect and allow sharing your email address.',
          { cause: safeCause(error) },
        );
      });

    const accountId = `google:${email}`;
    const previous = await readGoogleTokens(secrets, accountId);
    const stored = mergeGoogleTokens(previous, tokens);
    await writeGoogleTokens(secrets, accountId, stored);
    const scopes = stored.scope ? stored.scope.split(/\s+/).filter(Boolean) : requested;
    log.info({ accountId, scopes }, 'google account connected');
    return { accountId, email, scopes };
  } catch (error) {
    // Nothing is written before the last step, so what is left to undo is Google's side.
    if (granted) await rollBack(deps, granted);
    if (error instanceof AppError) throw error;
    if (signal?.aborted) throw cancelled(signal.reason);
    throw new AppError('oauth_failed', 'Connecting your Google account failed. Click Connect to try again.', {
      cause: safeCause(error),
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await listener.close();
  }
}

/** Revokes a grant the failed connect obtained; never throws (the original failure is what the user needs to see). */
async function rollBack(deps: ConnectGoogleDeps, tokens: FreshGoogleTokens): Promise<void> {
  const token = tokens.refresh_token ?? tokens.access_token;
  let revoked = false;
  if (token) {
    try {
      revoked = await revoke(deps.fetch ?? fetch, deps.config.revokeUrl, token);
    } catch (error) {
      log.warn({ err: safeCause(error) }, 'could not revoke the grant of a failed google connect');
    }
  }
  log.info({ revoked }, 'google connect failed after the token exchange; grant revoked');
  try {
    deps.onRolledBack?.({ revoked });
  } catch (error) {
    log.error({ err: safeCause(error) }, 'onRolledBack handler failed');
  }
}

export interface DisconnectGoogleDeps {
  config: GoogleConfig;
  secrets: SecretStore;
  accountId: string;
  /** Node's global fetch by default. */
  fetch?: Fetch;
}

/**
 * Revokes the grant at Google (revoking the refresh token ends the whole grant),
 * then deletes the secrets whatever Google said: a user who disconnects must not
 * keep a usable token on disk because the network was down. `revoked: false` lets
 * the UI suggest removing access at myaccount.google.com.
 */
export async function disconnectGoogle(deps: DisconnectGoogleDeps): Promise<{ revoked: boolean }> {
  const { config, secrets, accountId } = deps;
  let revoked = false;
  try {
    const tokens = await readGoogleTokens(secrets, accountId);
    const token = tokens?.refresh_token ?? tokens?.access_token;
    if (token) revoked = await revoke(deps.fetch ?? fetch, config.revokeUrl, token);
  } catch (error) {
    log.warn({ accountId, err: safeCause(error) }, 'google revoke failed; deleting the local secrets anyway');
  }
  await secrets.delete(SecretKeys.providerTokens(accountId));
  log.info({ accountId, revoked }, 'google account disconnected');
  return { revoked };
}

/** POST with the token in the form body (Google accepts both), so it is never in a URL. */
async function revoke(network: Fetch, revokeUrl: string, token: string): Promise<boolean> {
  const response = await network(revokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.ok;
}

function cancelled(reason: unknown): AppError {
  return new AppError('oauth_failed', 'The Google sign-in was cancelled. Click Connect to try again.', {
    cause: safeCause(reason),
  });
}
