// Google Calendar as a registry module: its sign-in (loopback + PKCE), its
// revocation, and its CalendarProvider, all built from the ProviderContext so the
// composition root never names Google's endpoints or token format.
import { AppError } from '../../../../shared/errors';
import { GOOGLE_CALENDAR_LIST_SCOPE, GOOGLE_PRIVATE_SCOPES, type GoogleConfig } from '../../auth/google-config';
import { connectGoogle, disconnectGoogle } from '../../auth/google-oauth';
import type { AppConfig } from '../../config';
import type { ProviderModule } from '../registry';
import { createGoogleProvider } from './google-provider';

export const GOOGLE_NOT_CONFIGURED =
  'No Google client id is configured. Set google.clientId in the config file (or CCAL_GOOGLE_CLIENT_ID), or run "ccal demo" to try the app against the built-in sandbox.';

function googleConfig(config: AppConfig): GoogleConfig {
  return { ...config.google };
}

function notConfigured(config: AppConfig): string | null {
  return config.google.clientId ? null : GOOGLE_NOT_CONFIGURED;
}

export const googleModule: ProviderModule = {
  kind: 'google',
  label: 'Google Calendar',

  notConfigured,

  async connect(ctx, request) {
    const missing = notConfigured(ctx.config);
    if (missing !== null) throw new AppError('config_invalid', missing);
    const result = await connectGoogle({
      config: googleConfig(ctx.config),
      secrets: ctx.secrets,
      openUrl: ctx.openUrl,
      fetch: ctx.fetch,
      onConsentUrl: (url) => request.onConsentUrl(url),
      // Asked for only when the user wants to pick a calendar (incremental authorization).
      extraScopes: request.calendarList ? [GOOGLE_CALENDAR_LIST_SCOPE] : [],
      ...(request.dedicatedCalendar ? { baseScopes: GOOGLE_PRIVATE_SCOPES } : {}),
      signal: request.signal,
      onRolledBack: ({ revoked }) => ctx.audit(null, 'revoke', revoked ? 'ok' : 'failed', { provider: 'google', reason: 'connect failed after the token exchange' }),
    });
    return {
      accountId: result.accountId,
      email: result.email,
      scopes: result.scopes,
      // 'primary' is Google's alias for the user's main calendar.
      calendarId: 'primary',
      ...(request.dedicatedCalendar ? { wantsDedicatedCalendar: true } : {}),
    };
  },

  disconnect(ctx, account) {
    return disconnectGoogle({ config: googleConfig(ctx.config), secrets: ctx.secrets, accountId: account.id, fetch: ctx.fetch });
  },

  create(ctx, account) {
    return createGoogleProvider({
      config: googleConfig(ctx.config),
      secrets: ctx.secrets,
      accountId: account.id,
      clock: ctx.clock,
      timers: ctx.timers,
      // No ctx.fetch here: calendar traffic takes the Google clients' own transport,
      // whose responses die young (a 10,000-event sync stays small; see net/http-fetch.ts).
      random: ctx.random,
      onTokenRefreshed: () => ctx.audit(account.id, 'token.refresh', 'ok', {}),
      onAuthLost: (reason) => {
        ctx.audit(account.id, 'token.refresh', 'failed', { reason });
        ctx.onAuthLost(account.id, reason);
      },
    });
  },
};
