// How an item reads in a row: who it is about first (company, then role), and
// one badge per calendar in the seed's words. Pure, so the list, the details and
// the filters agree.
import type { AccountView, ItemView, Preferences } from '../shared/domain';
import { notAddedReason } from '../shared/not-added';
import { PROVIDER_SHORT } from './components/labels';

export interface Headline {
  /** The company, or the best name the title gives. */
  primary: string;
  /** The role, when known. */
  secondary: string | null;
}

// Career Copilot titles start with what the event is; the row shows that as an icon instead.
const PREFIXES = /^(?:interview|follow[ -]?up|prepare for interview|prepare for)\s*(?::|with)?\s*/i;

export function headline(item: Pick<ItemView, 'title' | 'company' | 'role'>): Headline {
  if (item.company) return { primary: item.company, secondary: item.role };
  const rest = item.title.replace(PREFIXES, '').trim() || item.title;
  // The core's titles read "<role> at <company>".
  const at = rest.lastIndexOf(' at ');
  if (at > 0) return { primary: rest.slice(at + 4), secondary: item.role ?? rest.slice(0, at) };
  return { primary: rest, secondary: item.role };
}

export type BadgeTone = 'ok' | 'waiting' | 'failed' | 'conflict' | 'cancelled' | 'off';

export interface Badge {
  key: string;
  tone: BadgeTone;
  text: string;
  /** The badge is also the Retry button. */
  retry?: boolean;
}

/** One state per item, for the filter: the most urgent of its calendars. */
export type ItemStatus = 'conflict' | 'failed' | 'waiting' | 'synced' | 'cancelled' | 'off';

export const STATUS_FILTER_LABELS: Record<ItemStatus, string> = {
  conflict: 'Conflict',
  failed: 'Failed',
  waiting: 'Waiting to sync',
  synced: 'Synced',
  cancelled: 'Cancelled',
  off: 'Not synced',
};

export function providerName(accounts: AccountView[], accountId: string): string {
  const account = accounts.find((a) => a.id === accountId);
  return account ? PROVIDER_SHORT[account.provider] : 'your calendar';
}

export function badges(item: ItemView, accounts: AccountView[], prefs: Preferences): Badge[] {
  if (item.cancelled) {
    const stillThere = item.links.some((l) => l.state === 'synced' || l.state === 'conflict' || l.state === 'kept');
    const going = item.links.some((l) => l.state === 'pending');
    if (going) return [{ key: 'cancelled', tone: 'cancelled', text: 'Cancelled — being removed from your calendar' }];
    if (stillThere) return [{ key: 'cancelled', tone: 'cancelled', text: 'Cancelled — kept as a record' }];
    if (item.links.length === 0) return [{ key: 'cancelled', tone: 'cancelled', text: 'Cancelled — not in your calendar' }];
    return [{ key: 'cancelled', tone: 'cancelled', text: 'Cancelled — removed from your calendar' }];
  }
  if (!item.syncEnabled) return [{ key: 'off', tone: 'off', text: 'Not added — switched off' }];
  if (!prefs.kinds[item.kind] || !item.wantedByPreferences) return [{ key: 'off', tone: 'off', text: `Not added — ${notAddedReason(item.kind, prefs)}` }];
  const live = accounts.filter((a) => a.status !== 'disconnected');
  if (item.links.length === 0) {
    return [live.length === 0 ? { key: 'none', tone: 'off', text: 'Not synced — connect a calendar' } : { key: 'none', tone: 'waiting', text: 'Waiting to sync' }];
  }
  return item.links.map((link): Badge => {
    const name = providerName(accounts, link.accountId);
    const key = link.accountId;
    if (link.failed) return { key, tone: 'failed', text: 'Failed — Retry', retry: true };
    switch (link.state) {
      case 'synced':
        return { key, tone: 'ok', text: `Synced to ${name}` };
      case 'pending':
        return { key, tone: 'waiting', text: 'Waiting to sync' };
      case 'conflict':
        return { key, tone: 'conflict', text: 'Conflict' };
      case 'remote_deleted':
        return { key, tone: 'off', text: `Deleted in ${name}` };
      case 'removed':
        return { key, tone: 'off', text: `Removed from ${name}` };
      case 'kept':
        return { key, tone: 'off', text: `Kept in ${name} as a record` };
    }
  });
}

export function itemStatus(item: ItemView, prefs: Preferences): ItemStatus {
  if (item.cancelled) return 'cancelled';
  if (item.links.some((l) => l.state === 'conflict')) return 'conflict';
  if (item.links.some((l) => l.failed)) return 'failed';
  if (!item.syncEnabled || !prefs.kinds[item.kind] || !item.wantedByPreferences) return 'off';
  if (item.links.length === 0 || item.links.some((l) => l.state === 'pending')) return 'waiting';
  if (item.links.some((l) => l.state === 'synced')) return 'synced';
  return 'off';
}

/** The words a search matches: who, what, where and the notes. */
export function searchText(item: ItemView): string {
  return [item.title, item.company, item.role, item.location, item.notes].filter(Boolean).join(' ').toLowerCase();
}
