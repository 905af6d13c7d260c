// One line per background sync (ccal run, demo --keep-running): the local time
// and whether it really synced. After access was revoked it says so, with the
// command, instead of "synced".
import { DateTime } from 'luxon';
import type { AppState } from '../../shared/contract';
import { alertLine } from './cli-words';

/** `commands: false` (the demo, whose data folder is not the user's): the problem without a ccal command to run. */
export function runLine(s: AppState, now = new Date(), options: { commands?: boolean } = {}): string {
  const commands = options.commands ?? true;
  const time = DateTime.fromJSDate(now).setZone(s.preferences.timeZone).toFormat('HH:mm:ss');
  const blocking = s.alerts.filter((a) => a.level === 'error' || a.action === 'approve_deletes' || a.action === 'signin');
  if (blocking.length > 0) return `${time} not synced: ${blocking.map((a) => (commands ? alertLine(a, s.accounts) : a.message)).join('; ')}`;
  const waiting = s.outbox.pending > 0 ? `, ${s.outbox.pending} change${s.outbox.pending === 1 ? '' : 's'} waiting` : '';
  const conflicts = s.openConflicts > 0 ? `, ${s.openConflicts} conflict${s.openConflicts === 1 ? '' : 's'} to resolve${commands ? ' (ccal conflicts)' : ''}` : '';
  const outcome = s.lastRun?.outcome === 'ok' ? 'synced' : s.lastRun?.outcome === 'stopped' ? 'stopped to ask' : 'synced with problems';
  return `${time} ${outcome}${waiting}${conflicts}`;
}
