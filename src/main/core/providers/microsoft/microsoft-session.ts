// The signed-in side of an Outlook account for the provider: MSAL with the
// account's token cache from the SecretStore, asked silently for an access token
// before each Graph call (MSAL refreshes it itself when it is about to expire,
// and writes the new tokens back through the cache plugin). A grant that stopped
// working is reported once to the app and becomes provider_auth.
import type { PublicClientApplication } from '@azure/msal-node';
import { AppError, ProviderError } from '../../../../shared/errors';
import { classifyMsalFailure } from '../../auth/microsoft-auth-failure';
import { GRAPH_SCOPES, type MicrosoftConfig } from '../../auth/microsoft-config';
import { createMsalApp } from '../../auth/microsoft-msal';
import { SecretStoreCachePlugin } from '../../auth/microsoft-token-cache';
import { safeCause } from '../../auth/safe-cause';
import type { Clock, Fetch } from '../../ports';
import type { SecretStore } from '../../secrets/secret-store';
import { createLogger } from '../../telemetry/logger';

const log = createLogger('microsoft-session');

export const MICROSOFT_AUTH_LOST_MESSAGE = 'Microsoft access was revoked or expired. Reconnect your Outlook account.';

export interface MicrosoftSessionDeps {
  config: MicrosoftConfig;
  secrets: SecretStore;
  accountId: string;
  fetch: Fetch;
  clock: Clock;
  onTokenRefreshed?: () => void;
  onAuthLost?: (reason: string) => void;
}

/** MSAL itself renews a token this long before it expires; the memo stops using one at the same point. */
const RENEW_BEFORE_MS = 5 * 60_000;

export class MicrosoftSession {
  private readonly deps: MicrosoftSessionDeps;
  private readonly cache: SecretStoreCachePlugin;
  private readonly app: PublicClientApplication;
  /**
   * The last token MSAL gave, until it is due for renewal: asking MSAL for every
   * request re-reads and re-parses the whole token cache each time, which was a
   * third of the time of an initial sync.
   */
  private memo: { token: string; renewAt: number } | null = null;

  constructor(deps: MicrosoftSessionDeps) {
    this.deps = deps;
    this.cache = SecretStoreCachePlugin.forAccount(deps.secrets, deps.accountId);
    this.app = createMsalApp({ config: deps.config, fetch: deps.fetch, cachePlugin: this.cache });
  }

  /** A usable access token; `forceRefresh` after Graph refused the last one. */
  async accessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && this.memo && this.memo.renewAt > this.deps.clock.now().getTime()) return this.memo.token;
    this.memo = null;
    let account;
    try {
      [account] = await this.app.getAllAccounts();
    } catch (error) {
      throw this.translate(error);
    }
    if (!account) throw this.authLost('no account in the token cache');
    try {
      const result = await this.app.acquireTokenSilent({ account, scopes: GRAPH_SCOPES, forceRefresh });
      await this.cache.flush();
      if (result.expiresOn) this.memo = { token: result.accessToken, renewAt: result.expiresOn.getTime() - RENEW_BEFORE_MS };
      if (!result.fromCache) {
        log.info({ accountId: this.deps.accountId }, 'microsoft access token refreshed');
        this.deps.onTokenRefreshed?.();
      }
      return result.accessToken;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Builds the provider_auth error and tells the app (needs_reauth). */
  authLost(reason: string, cause?: unknown): ProviderError {
    log.warn({ accountId: this.deps.accountId, reason }, 'microsoft access lost');
    try {
      this.deps.onAuthLost?.(reason);
    } catch (error) {
      log.error({ err: safeCause(error) }, 'onAuthLost handler failed');
    }
    // Read the keychain again next time: a reconnect writes a fresh cache there.
    this.cache.forget();
    this.memo = null;
    return new ProviderError('provider_auth', MICROSOFT_AUTH_LOST_MESSAGE, { cause: safeCause(cause ?? new Error(reason)) });
  }

  private translate(error: unknown): AppError {
    if (error instanceof AppError) return error; // the keychain is locked, say
    const failure = classifyMsalFailure(error);
    if (failure.kind === 'auth_lost') return this.authLost(failure.reason, error);
    if (failure.kind === 'transient') {
      return new ProviderError(
        failure.rateLimited ? 'provider_rate_limited' : 'provider_unavailable',
        'Microsoft sign-in could not be reached or had a temporary problem. Your changes are kept and will be sent when it answers again.',
        { cause: safeCause(error), retryable: true },
      );
    }
    log.warn({ accountId: this.deps.accountId, reason: failure.reason }, 'unexpected microsoft token failure');
    return new ProviderError('provider_unavailable', 'Getting access to your Outlook calendar failed unexpectedly. The app will try again later.', { cause: safeCause(error), retryable: true });
  }
}
