// The Outlook provider module for the registry: connect (MSAL sign-in, /me for
// the address), disconnect (the token cache leaves MSAL and the keychain; there is
// no per-app revoke for a public client, and revokeSignInSessions would sign the
// user out everywhere, so it is not called) and the provider factory. Accounts are
// 'microsoft:<email>' and start on the default calendar, 'default'.
import { z } from 'zod';
import type { AccountView } from '../../../../shared/domain';
import { connectMicrosoft, disconnectMicrosoft, type MicrosoftProfile } from '../../auth/microsoft-oauth';
export { MICROSOFT_DISCONNECT_NOTE } from '../../auth/microsoft-config';
import type { ProviderContext, ProviderModule } from '../registry';
import { createGraphClient } from './microsoft-graph-client';
import { DEFAULT_CALENDAR, createMicrosoftProvider } from './microsoft-provider';

const Me = z.object({ mail: z.string().nullish(), userPrincipalName: z.string().nullish(), displayName: z.string().nullish() }).loose();

export const microsoftModule: ProviderModule = {
  kind: 'microsoft',
  label: 'Outlook',

  notConfigured(config) {
    return config.microsoft.clientId
      ? null
      : 'Set microsoft.clientId in config.json (or CCAL_MICROSOFT_CLIENT_ID) to the Application (client) ID of an app registration with a "Mobile and desktop applications" redirect URI http://127.0.0.1 and the delegated permissions Calendars.ReadWrite, User.Read and offline_access.';
  },

  async connect(ctx: ProviderContext, request) {
    const config = ctx.config.microsoft;
    const result = await connectMicrosoft({
      config,
      secrets: ctx.secrets,
      fetch: ctx.fetch,
      openUrl: ctx.openUrl,
      onConsentUrl: request.onConsentUrl,
      signal: request.signal,
      readProfile: (token, signal) => readProfile(config.graphRoot, ctx, token, signal),
    });
    ctx.audit(result.accountId, 'connect', 'ok', { provider: 'microsoft', scopes: result.scopes, name: result.displayName });
    // The most private choice is a calendar of its own; Calendars.ReadWrite can make one, no other scope needed.
    return { accountId: result.accountId, email: result.email, displayName: result.displayName, scopes: result.scopes, calendarId: DEFAULT_CALENDAR, wantsDedicatedCalendar: request.dedicatedCalendar === true };
  },

  async disconnect(ctx: ProviderContext, account: AccountView) {
    const result = await disconnectMicrosoft({ config: ctx.config.microsoft, secrets: ctx.secrets, fetch: ctx.fetch, accountId: account.id });
    ctx.audit(account.id, 'revoke', 'info', { provider: 'microsoft', revoked: false, reason: 'Microsoft has no per-app revoke for public clients' });
    return result;
  },

  create(ctx: ProviderContext, account: AccountView) {
    return createMicrosoftProvider({
      config: ctx.config.microsoft,
      secrets: ctx.secrets,
      accountId: account.id,
      clock: ctx.clock,
      timers: ctx.timers,
      fetch: ctx.fetch,
      random: ctx.random,
      onTokenRefreshed: () => ctx.audit(account.id, 'token.refresh', 'ok', { provider: 'microsoft' }),
      onAuthLost: (reason) => ctx.onAuthLost(account.id, reason),
    });
  },
};

/** Graph's /me with the new token: the address (mail, or the sign-in name for personal accounts) and the name. */
async function readProfile(graphRoot: string, ctx: ProviderContext, token: string, signal?: AbortSignal): Promise<MicrosoftProfile> {
  const graph = createGraphClient(graphRoot, ctx.fetch, () => undefined);
  const request = graph.client.api('/me').middlewareOptions([graph.withToken(token)]).select(['displayName', 'mail', 'userPrincipalName']);
  if (signal) request.option('signal', signal);
  const me = Me.parse(await request.get());
  const email = me.mail ?? me.userPrincipalName;
  if (!email || !email.includes('@')) throw new Error('Graph /me has no address');
  return { email, displayName: me.displayName ?? null };
}
