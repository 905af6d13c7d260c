// What each calendar service's card says: how connecting works there, what
// the wait is called, and — since only Google lets the app withdraw its own
// access — where the user removes it themselves after a disconnect. Pure, so
// the cards, the dialog and the notice after it agree.
import { CALDAV_PRESETS, type CaldavPreset } from '../shared/caldav-presets';
import type { AccountView, ProviderKind } from '../shared/domain';
import { PROVIDER_NAMES } from './components/labels';

/** The services whose sign-in happens in the browser. */
export type BrowserProvider = Exclude<ProviderKind, 'caldav'>;

/** The button's words while the sign-in page is open (or the password is being checked). */
export function waitingWords(provider: ProviderKind): string {
  switch (provider) {
    case 'google':
      return 'Waiting for Google…';
    case 'microsoft':
      return 'Waiting for Microsoft…';
    case 'caldav':
      return 'Checking…';
  }
}

/** Where a personal Microsoft account lists the apps allowed in (the path a user clicks). */
export const MICROSOFT_PERSONAL_PLACE = 'account.microsoft.com → Privacy → Apps and services';
/** Where a work or school account does. */
export const MICROSOFT_WORK_PLACE = 'myapps.microsoft.com';

/** Where each CalDAV service makes (and removes) app-specific passwords. */
export const APP_PASSWORD_PLACES: Record<CaldavPreset | 'other', string> = {
  icloud: 'account.apple.com → Sign-In and Security → App-Specific Passwords',
  fastmail: 'Fastmail Settings → Privacy & Security → Integrations',
  other: "your account's security settings on that server (Nextcloud: Settings → Security → Devices & sessions)",
};

/** The preset a CalDAV account's host belongs to, from the `user@host` the core names it by. */
export function caldavPresetOf(account: Pick<AccountView, 'email'>): CaldavPreset | 'other' {
  const host = account.email.slice(account.email.lastIndexOf('@') + 1).toLowerCase();
  for (const [name, preset] of Object.entries(CALDAV_PRESETS) as [CaldavPreset, (typeof CALDAV_PRESETS)[CaldavPreset]][]) {
    if (new URL(preset.serverUrl).host === host) return name;
  }
  return 'other';
}

/**
 * Who the account is, as a person reads it. The core names a CalDAV account
 * `user@host`, and an iCloud user name is itself an address: "jo@icloud.com on
 * caldav.icloud.com" reads better than two @s.
 */
export function accountLabel(account: Pick<AccountView, 'provider' | 'email'>): string {
  if (account.provider !== 'caldav') return account.email;
  const at = account.email.lastIndexOf('@');
  return at > 0 ? `${account.email.slice(0, at)} on ${account.email.slice(at + 1)}` : account.email;
}

/** The card's title for a connected account: the service, as the user knows it. */
export function accountTitle(account: Pick<AccountView, 'provider' | 'email'>): string {
  if (account.provider !== 'caldav') return PROVIDER_NAMES[account.provider];
  const preset = caldavPresetOf(account);
  return preset === 'other' ? 'CalDAV calendar' : `${CALDAV_PRESETS[preset].label} (CalDAV)`;
}

/** Where the user removes the app's access themselves, as a sentence; null where the app removes it. */
export function removeAccessWords(account: Pick<AccountView, 'provider' | 'email'>): string | null {
  switch (account.provider) {
    case 'google':
      return null;
    case 'microsoft':
      return `Microsoft does not let the app withdraw its own permission from here. To remove it, go to ${MICROSOFT_PERSONAL_PLACE} (a personal account), or ${MICROSOFT_WORK_PLACE} (a work or school account).`;
    case 'caldav': {
      const preset = caldavPresetOf(account);
      return `The app-specific password keeps working until you remove it at your provider: ${APP_PASSWORD_PLACES[preset]}.`;
    }
  }
}

/** The disconnect question's explanation, a paragraph each: what the app does, what is left to the user, the question about events. */
export function disconnectWords(account: Pick<AccountView, 'provider' | 'email'>): string[] {
  const events = 'Should the interviews and follow-ups it added to the calendar be removed too?';
  switch (account.provider) {
    case 'google':
      return [`The app will stop syncing with this calendar and give up its access. ${events}`];
    case 'microsoft':
      return ['The app will stop syncing with this calendar and delete its sign-in from this computer.', removeAccessWords(account) ?? '', events];
    case 'caldav':
      return ['The app will stop syncing with this calendar and delete the password from this computer.', removeAccessWords(account) ?? '', events];
  }
}

/** The confirmation after a disconnect: what happened, and what is left for the user to do. */
export function disconnectedWords(account: Pick<AccountView, 'provider' | 'email'>, result: { revoked: boolean; removedEvents: number }): string {
  const removed = result.removedEvents > 0 ? ` Removed ${result.removedEvents} event${result.removedEvents === 1 ? '' : 's'} the app had added.` : '';
  const head = `Disconnected ${accountLabel(account)}.${removed}`;
  if (account.provider === 'google') {
    return result.revoked ? `${head} The app's access to your Google account is withdrawn.` : `${head} Google did not confirm that the app's access was withdrawn; remove it at myaccount.google.com/connections.`;
  }
  return `${head} ${removeAccessWords(account) ?? ''}`.trim();
}
