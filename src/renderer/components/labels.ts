// Plain words for the contract's enum values, in one place.
import type { AccountStatus, ItemKind, ProviderKind } from '../../shared/domain';

export const PROVIDER_NAMES: Record<ProviderKind, string> = {
  google: 'Google Calendar',
  microsoft: 'Outlook / Microsoft 365',
  caldav: 'CalDAV (iCloud, Fastmail, Nextcloud)',
};

/** The provider as a sentence names it ("in Google Calendar"). */
export const PROVIDER_SHORT: Record<ProviderKind, string> = {
  google: 'Google Calendar',
  microsoft: 'Outlook',
  caldav: 'your CalDAV calendar',
};

export const STATUS_LABELS: Record<AccountStatus, string> = {
  connected: 'Connected',
  needs_reauth: 'Needs reconnecting',
  error: 'Sync problem',
  disconnected: 'Disconnected',
};

export const KIND_LABELS: Record<ItemKind, string> = {
  interview: 'Interview',
  follow_up: 'Follow-up',
  reminder: 'Prep block',
};
