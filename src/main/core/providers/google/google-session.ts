// The signed-in side of a Google account for the provider: an OAuth2Client with
// the stored tokens, loaded lazily from the SecretStore, whose refreshed tokens are
// written back (keeping the refresh token) and whose lost grant is reported once.
import type { OAuth2Client } from 'google-auth-library';
import { ProviderError } from '../../../../shared/errors';
import type { GoogleConfig } from '../../auth/google-config';
import { createGoogleOAuthClient } from '../../auth/google-oauth-client';
import { mergeGoogleTokens, readGoogleTokens, writeGoogleTokens, type StoredGoogleTokens } from '../../auth/google-tokens';
import { safeCause } from '../../auth/safe-cause';
import type { Fetch } from '../../ports';
import type { SecretStore } from '../../secrets/secret-store';
import { createLogger } from '../../telemetry/logger';

const log = createLogger('google-session');

export const GOOGLE_AUTH_LOST_MESSAGE = 'Google access was revoked or expired. Reconnect your Google account.';

export interface GoogleSessionDeps {
  config: GoogleConfig;
  secrets: SecretStore;
  accountId: string;
  onHttpRequest: (url: string) => void;
  /** Node's global fetch by default. */
  fetch?: Fetch;
  onTokenRefreshed?: () => void;
  onAuthLost?: (reason: string) => void;
}

export class GoogleSession {
  private readonly deps: GoogleSessionDeps;
  private loading: Promise<OAuth2Client> | null = null;
  private current: StoredGoogleTokens | null = null;
  /** Token writes run one after another; awaited before a call returns. */
  private persisting: Promise<void> = Promise.resolve();

  constructor(deps: GoogleSessionDeps) {
    this.deps = deps;
  }

  /** The ready client. Throws provider_auth when no tokens are stored. */
  client(): Promise<OAuth2Client> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null; // a locked keychain may be unlocked by the next attempt
      throw error;
    });
    return this.loading;
  }

  /** After a 401: get a new access token now, whatever its expiry says. */
  async forceRefresh(): Promise<void> {
    const client = await this.client();
    await client.refreshAccessToken();
  }

  /** Resolves when every refreshed token seen so far is in the SecretStore. */
  flush(): Promise<void> {
    return this.persisting;
  }

  /** Builds the provider_auth error and tells the app (needs_reauth). */
  authLost(reason: string, cause?: unknown): ProviderError {
    log.warn({ accountId: this.deps.accountId, reason }, 'google access lost');
    try {
      this.deps.onAuthLost?.(reason);
    } catch (error) {
      log.error({ err: safeCause(error) }, 'onAuthLost handler failed');
    }
    // Reload from the SecretStore next time: a reconnect writes fresh tokens there.
    this.loading = null;
    return new ProviderError('provider_auth', GOOGLE_AUTH_LOST_MESSAGE, { cause: safeCause(cause ?? new Error(reason)) });
  }

  private async load(): Promise<OAuth2Client> {
    const tokens = await readGoogleTokens(this.deps.secrets, this.deps.accountId);
    if (!tokens) throw this.authLost('no stored tokens');
    this.current = tokens;
    const client = createGoogleOAuthClient(this.deps.config, { onHttpRequest: this.deps.onHttpRequest, fetch: this.deps.fetch });
    client.setCredentials({
      refresh_token: tokens.refresh_token,
      access_token: tokens.access_token ?? undefined,
      // Unknown expiry → treat as expired, so the library refreshes before the first
      // call instead of guessing (it would otherwise refresh on any 403, rate limits included).
      expiry_date: tokens.expiry_date ?? 1,
      scope: tokens.scope ?? undefined,
    });
    client.on('tokens', (fresh) => {
      this.persisting = this.persisting.then(() => this.persist(fresh));
    });
    return client;
  }

  private async persist(fresh: Parameters<typeof mergeGoogleTokens>[1]): Promise<void> {
    try {
      const merged = mergeGoogleTokens(this.current, fresh);
      this.current = merged;
      await writeGoogleTokens(this.deps.secrets, this.deps.accountId, merged);
      log.info({ accountId: this.deps.accountId }, 'google access token refreshed');
      this.deps.onTokenRefreshed?.();
    } catch (error) {
      // The new access token still works from memory; the refresh token is unchanged.
      log.warn({ accountId: this.deps.accountId, err: safeCause(error) }, 'could not save refreshed google tokens');
    }
  }
}
