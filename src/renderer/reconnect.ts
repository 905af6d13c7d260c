import type { AccountView } from '../shared/domain';

/**
 * What to ask for when reconnecting: what was granted before, no more. An account
 * on a private calendar (calendar.app.created only) stays private.
 */
export function reconnectOptions(account: AccountView | undefined): { dedicatedCalendar?: boolean } {
  if (!account) return {};
  const isPrivate = account.scopes.some((s) => s.endsWith('/calendar.app.created')) && !account.scopes.some((s) => s.endsWith('/calendar.events'));
  return isPrivate ? { dedicatedCalendar: true } : {};
}
