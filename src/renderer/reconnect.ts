import type { AccountView } from '../shared/domain';

/** A Google account on its own private calendar (calendar.app.created only): the app sees no other. */
export function isPrivateGoogle(account: Pick<AccountView, 'provider' | 'scopes'>): boolean {
  return account.provider === 'google' && account.scopes.some((s) => s.endsWith('/calendar.app.created')) && !account.scopes.some((s) => s.endsWith('/calendar.events'));
}

/**
 * What to ask for when reconnecting: what was granted before, no more. An account
 * on a private calendar (calendar.app.created only) stays private.
 */
export function reconnectOptions(account: AccountView | undefined): { dedicatedCalendar?: boolean } {
  if (!account) return {};
  return isPrivateGoogle(account) ? { dedicatedCalendar: true } : {};
}
