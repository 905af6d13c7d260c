// Whether a sync was complete, and if not, why, with the command that fixes it:
// the exit status and the lines a person reads under the summary.
import type { AppState, SyncSummary } from '../../shared/contract';
import { alertLine } from './cli-words';
import { EXIT } from './exit-codes';

export interface SyncVerdict {
  code: number;
  /** Why it is not complete, one line each; empty when it is. */
  reasons: string[];
}

export function syncVerdict(summary: SyncSummary, state: AppState): SyncVerdict {
  const reasons: string[] = [];
  if (!state.copilot.signedIn) reasons.push('Not signed in to Career Copilot, so nothing was read from it → ccal signin --email you@example.com');
  if (state.accounts.length === 0) reasons.push('No calendar is connected, so nothing went to a calendar → ccal connect google');
  for (const alert of state.alerts) {
    if (alert.action === 'signin') continue;
    if (alert.action === 'reconnect' || alert.action === 'approve_deletes' || (alert.action === 'retry' && alert.accountId !== null)) reasons.push(alertLine(alert, state.accounts));
  }
  if (summary.outcome === 'stopped') return { code: EXIT.needsAnswer, reasons };
  const incomplete = summary.outcome !== 'ok' || reasons.length > 0 || summary.failures > 0;
  return { code: incomplete ? EXIT.incomplete : EXIT.ok, reasons };
}
