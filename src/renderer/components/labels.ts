// Plain words for the contract's enum values, in one place.
import type { AccountStatus, ItemKind, LinkState, ProviderKind } from '../../shared/domain';

export const PROVIDER_NAMES: Record<ProviderKind, string> = {
  google: 'Google Calendar',
  microsoft: 'Outlook / Microsoft 365',
  caldav: 'CalDAV (iCloud, Fastmail, Nextcloud)',
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

export const LINK_LABELS: Record<LinkState, string> = {
  synced: 'In calendar',
  pending: 'Sending…',
  remote_deleted: 'Deleted in calendar',
  removed: 'Removed',
  conflict: 'Conflict',
  kept: 'Kept as a record',
};
