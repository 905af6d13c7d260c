// The CalDAV provider module: connecting checks the user name and app-specific
// password by walking discovery to the user's calendars, then keeps
// {serverUrl, username, password} as one secret in the SecretStore (nowhere
// else). CalDAV has no token to revoke: disconnecting deletes the secret, and
// the user removes the app-specific password in their account settings.
import { z } from 'zod';
import type { AccountView } from '../../../../shared/domain';
import { AppError, InvalidInputError, ProviderError } from '../../../../shared/errors';
import { SecretKeys } from '../../secrets/secret-store';
import type { ConnectedAccount, ProviderContext, ProviderModule } from '../registry';
import { discoverAccount, listAccountCalendars, makeEventCalendar } from './caldav-discovery';
import { CaldavNoCalendarError } from './caldav-errors';
import { CaldavHttp } from './caldav-http';
import { createCaldavProvider, type CaldavLogin } from './caldav-provider';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const CaldavLoginSchema = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }),
  username: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** What identifies the account everywhere: `caldav:<username>@<host>`. */
export function caldavAccountId(login: Pick<CaldavLogin, 'serverUrl' | 'username'>): string {
  return `caldav:${caldavEmail(login)}`;
}

function caldavEmail(login: Pick<CaldavLogin, 'serverUrl' | 'username'>): string {
  return `${login.username}@${new URL(login.serverUrl).host}`;
}

function checkedLogin(input: unknown): CaldavLogin {
  const parsed = CaldavLoginSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError('To connect a CalDAV calendar, give the server address (https://…), your user name and an app-specific password.', parsed.error);
  }
  const url = new URL(parsed.data.serverUrl);
  // The password travels in every request; plain http only to this computer.
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new InvalidInputError(`The app sends your password only over https. Use https://${url.host}${url.pathname} (or a preset).`);
  }
  return parsed.data;
}

async function storedLogin(ctx: ProviderContext, accountId: string): Promise<CaldavLogin> {
  const raw = await ctx.secrets.get(SecretKeys.providerTokens(accountId));
  let value: unknown = null;
  try {
    value = raw === null ? null : JSON.parse(raw);
  } catch {
    value = null;
  }
  const parsed = CaldavLoginSchema.safeParse(value);
  if (!parsed.success) {
    throw new ProviderError('provider_auth', `The password for ${accountId.replace(/^caldav:/, '')} is no longer in the system keychain. Connect the account again.`);
  }
  return parsed.data;
}

export const caldavModule: ProviderModule = {
  kind: 'caldav',
  label: 'CalDAV calendar',

  notConfigured: () => null,

  async connect(ctx, request): Promise<ConnectedAccount> {
    const login = checkedLogin(request.caldav);
    const accountId = caldavAccountId(login);
    const http = new CaldavHttp({ serverUrl: login.serverUrl, credentials: login, fetch: ctx.fetch, clock: ctx.clock, timers: ctx.timers });
    try {
      const urls = await discoverAccount(http, request.signal);
      const calendars = await listAccountCalendars(http, urls.homeUrl, request.signal);
      let main = calendars.find((c) => c.primary);
      if (!main) {
        try {
          main = await makeEventCalendar(http, urls.homeUrl, 'Career Copilot', 'UTC', ctx.clock.now(), request.signal);
        } catch (cause) {
          throw new CaldavNoCalendarError(login.serverUrl, cause);
        }
      }
      await ctx.secrets.set(SecretKeys.providerTokens(accountId), JSON.stringify(login));
      ctx.audit(accountId, 'connect', 'ok', { provider: 'caldav', host: new URL(login.serverUrl).host, calendars: calendars.length, requests: http.requestCount() });
      return {
        accountId,
        email: caldavEmail(login),
        scopes: [],
        calendarId: main.id,
        ...(request.dedicatedCalendar ? { wantsDedicatedCalendar: true } : {}),
      };
    } catch (error) {
      ctx.audit(accountId, 'connect', 'failed', { provider: 'caldav', error: error instanceof AppError ? error.code : 'unexpected' });
      throw error;
    }
  },

  async disconnect(ctx, account: AccountView) {
    await ctx.secrets.delete(SecretKeys.providerTokens(account.id));
    // Nothing to revoke: a CalDAV server has no endpoint for it.
    ctx.audit(account.id, 'disconnect', 'info', { provider: 'caldav', revoked: false, reason: 'CalDAV has no revocation; remove the app-specific password in the account settings' });
    return { revoked: false };
  },

  create(ctx, account) {
    return createCaldavProvider({
      loadLogin: () => storedLogin(ctx, account.id),
      fetch: ctx.fetch,
      clock: ctx.clock,
      timers: ctx.timers,
      onAuthLost: (reason) => ctx.onAuthLost(account.id, reason),
    });
  },
};
