// Named safety stops (vdirsyncer's StorageEmpty, in spirit): a run that would
// delete more than a few events, or most of them — in the calendar, or by reading
// many events as deleted there — stops and asks. The user approves (or refuses)
// exactly the deletions they were shown: an approval is keyed on that list.
import type { Preferences, Timing } from '../../../shared/domain';
import { stableHash } from './hash';

export const GUARD_KEY = (accountId: string, what: 'pending' | 'approved'): string => `guard:${what}:${accountId}`;

export interface Deletion {
  sourceId: string;
  /** outbound: the app would delete the event; inbound: the calendar says the user deleted it. */
  direction: 'outbound' | 'inbound';
  title: string;
  timing: Timing | null;
}

/** What a stop shows the user and keeps until they answer. */
export interface PendingGuard {
  guardId: string;
  message: string;
  deletions: Deletion[];
  at: string;
}

/** The deletions the user approved: only these pass the guard. */
export interface GuardApproval {
  guardId: string;
  keys: string[];
}

export function deletionKey(d: Pick<Deletion, 'sourceId' | 'direction'>): string {
  return `${d.direction}:${d.sourceId}`;
}

export interface GuardDecision {
  /** Null when the deletions may go ahead. */
  stop: PendingGuard | null;
  /** Source ids whose decisions are held back. */
  held: Set<string>;
}

export function checkGuard(deletions: readonly Deletion[], liveLinks: number, prefs: Preferences, approval: GuardApproval | null, now: string): GuardDecision {
  const approved = new Set(approval?.keys ?? []);
  const open = deletions.filter((d) => !approved.has(deletionKey(d)));
  const outbound = open.filter((d) => d.direction === 'outbound').length;
  const inbound = open.length - outbound;
  const tooMany = (n: number): boolean => n > prefs.maxDeletesWithoutAsking || (n >= 3 && n > liveLinks / 2);
  if (!tooMany(outbound) && !tooMany(inbound)) return { stop: null, held: new Set() };
  const sorted = [...open].sort((a, b) => deletionKey(a).localeCompare(deletionKey(b)));
  const message = tooMany(outbound)
    ? `This sync would delete ${outbound} events from your calendar, more than usual, so nothing was deleted. Look at the list and choose Remove them or Keep them (or run "ccal sync --once --allow-deletes" to remove them).`
    : `${inbound} of your events are gone from the calendar at once, so the app changed nothing. If you deleted them, choose Remove them; if not, choose Keep them and they are put back (or check the calendar).`;
  return {
    stop: { guardId: stableHash(sorted.map(deletionKey)), message, deletions: sorted, at: now },
    held: new Set(sorted.map((d) => d.sourceId)),
  };
}
