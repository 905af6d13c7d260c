// The audit log's actions in plain words.
import type { AuditEntryView } from '../shared/contract';

const ACTIONS: Record<string, string> = {
  connect: 'Connected a calendar',
  disconnect: 'Disconnected a calendar',
  revoke: 'Gave up calendar access',
  'token.refresh': 'Renewed calendar access',
  'copilot.signin': 'Signed in to Career Copilot',
  'copilot.signout': 'Signed out of Career Copilot',
  'copilot.poll': 'Read Career Copilot',
  'copilot.update': 'Sent a change to Career Copilot',
  'copilot.skipped_record': 'Skipped a record from Career Copilot',
  'calendar.create': 'Added an event',
  'calendar.update': 'Updated an event',
  'calendar.delete': 'Removed an event',
  'calendar.target': 'Changed the target calendar',
  'calendar.list': 'Read the calendar list',
  'conflict.resolve': 'Resolved a conflict',
  preferences: 'Changed preferences',
  'sync.note': 'Sync note',
};

export function actionWords(action: string): string {
  return ACTIONS[action] ?? action;
}

export const OUTCOME_WORDS: Record<AuditEntryView['outcome'], string> = { ok: 'Done', failed: 'Failed', info: 'Note' };

/** The entry's details as short "key: value" pairs; nothing in them is secret (the core never records one). */
export function detailWords(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}
