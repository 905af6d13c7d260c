// Named safety stops (vdirsyncer's StorageEmpty, in spirit): a run that would
// delete more than a few events, or most of them, stops and asks.
import type { Preferences } from '../../../shared/domain';
import type { Plan } from './planner';

export const GUARD_KEY = (accountId: string, what: 'pending' | 'approved'): string => `guard:${what}:${accountId}`;

export interface GuardStop {
  message: string;
  /** The stop is about deletions made in the calendar (their cursor must not move). */
  inbound: boolean;
}

export function checkGuard(p: Plan, prefs: Preferences, approved: boolean): GuardStop | null {
  if (approved) return null;
  const tooMany = (n: number): boolean => n > prefs.maxDeletesWithoutAsking || (n >= 3 && n > p.liveLinks / 2);
  if (tooMany(p.outboundDeletes)) {
    return {
      inbound: false,
      message: `This sync would delete ${p.outboundDeletes} events from your calendar, more than usual, so nothing was deleted. If that is right (for example you turned off a kind of event or closed many applications), approve it with "ccal sync --once --allow-deletes" or the Approve button.`,
    };
  }
  // Deletions seen in the calendar only write to Career Copilot under the
  // "clear in Career Copilot" policy; otherwise they only stop recreation.
  if (prefs.deletePolicy === 'clear_in_copilot' && tooMany(p.inboundDeletes)) {
    return {
      inbound: true,
      message: `${p.inboundDeletes} events are gone from your calendar at once, so nothing was changed in Career Copilot. If you deleted them, approve it with "ccal sync --once --allow-deletes" or the Approve button; if not, check the calendar.`,
    };
  }
  return null;
}
