// How a finished sync reads. A run that had problems says what they were, never
// "everything was already up to date".
import type { SyncSummary } from '../shared/contract';

function counts(summary: SyncSummary): string[] {
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
  return [
    summary.created > 0 && `${n(summary.created, 'event')} added`,
    summary.updated > 0 && `${n(summary.updated, 'event')} updated`,
    summary.deleted > 0 && `${n(summary.deleted, 'event')} removed`,
    summary.pulled > 0 && `${n(summary.pulled, 'change')} brought back from the calendar`,
    summary.conflicts > 0 && `${n(summary.conflicts, 'conflict')} to review`,
    summary.failures > 0 && `${n(summary.failures, 'change')} failed`,
  ].filter((p): p is string => typeof p === 'string');
}

/** The headline of a sync result; the summary's messages are shown under it. */
export function describeSync(summary: SyncSummary): string {
  const parts = counts(summary);
  const list = parts.join(', ');
  switch (summary.outcome) {
    case 'ok':
      return parts.length > 0 ? `Sync finished: ${list}.` : 'Sync finished: everything was already up to date.';
    case 'stopped':
      return parts.length > 0 ? `Sync stopped to ask you first (${list} so far).` : 'Sync stopped to ask you first.';
    case 'partial':
      return parts.length > 0 ? `Sync finished with problems: ${list}.` : 'Sync did not finish everything.';
    case 'failed':
      return 'Sync failed.';
  }
}

/**
 * A core message as the window shows it: sentences that name a command-line
 * command are for the terminal; the window has its own button for them.
 */
export function windowMessage(message: string): string {
  const sentences = message.match(/[^.!?]+[.!?]+(\s+|$)|[^.!?]+$/g) ?? [message];
  const kept = sentences.filter((s) => !/\bccal\s/.test(s));
  if (kept.length === sentences.length) return message;
  return `${kept.join('').trim()} Choose what to do under “Needs attention” above.`.trim();
}
