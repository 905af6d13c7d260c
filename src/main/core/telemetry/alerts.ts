// What the banner and the tray say (DESIGN §1.6, §8): one plain sentence and one
// button per problem, and a desktop notification at most once an hour when more
// than five failures happened in the last hour.
import type { Alert } from '../../../shared/contract';
import type { Store } from '../store/store';
import { GUARD_KEY } from '../sync/guards';

export const FAILURE_ALERT_THRESHOLD = 5;
const NOTIFIED_KEY = 'alerts:last_failure_notification';

export function currentAlerts(store: Store, signedIn: boolean): Alert[] {
  const alerts: Alert[] = [];
  if (!signedIn) {
    alerts.push({ id: 'copilot-signin', level: 'warning', message: 'Sign in to Career Copilot to sync your interviews and follow-ups. Queued changes are kept.', action: 'signin', accountId: null });
  }
  for (const a of store.accounts.all()) {
    if (a.status === 'needs_reauth') {
      alerts.push({ id: `reauth-${a.id}`, level: 'error', message: `${a.email}: ${a.lastError ?? 'access needs to be granted again.'}`, action: 'reconnect', accountId: a.id });
    } else if (a.status === 'error') {
      alerts.push({ id: `error-${a.id}`, level: 'warning', message: `${a.email}: ${a.lastError ?? 'the last sync failed.'}`, action: 'retry', accountId: a.id });
    }
    const guard = store.kv.get<{ message: string }>(GUARD_KEY(a.id, 'pending'));
    if (guard) alerts.push({ id: `guard-${a.id}`, level: 'warning', message: guard.message, action: 'approve_deletes', accountId: a.id });
  }
  const open = store.conflicts.openOnes().length;
  if (open > 0) {
    alerts.push({ id: 'conflicts', level: 'warning', message: `${open} item${open === 1 ? '' : 's'} changed in both Career Copilot and your calendar. Choose which to keep.`, action: 'open_conflicts', accountId: null });
  }
  const { failed } = store.outbox.counts();
  if (failed > 0) {
    alerts.push({ id: 'outbox-failed', level: 'error', message: `${failed} change${failed === 1 ? '' : 's'} could not be sent after several tries. They are kept; press Retry to send them again.`, action: 'retry', accountId: null });
  }
  return alerts;
}

/** Returns a notification to show now, or null (threshold not reached, or one was shown this hour). */
export function failureNotification(store: Store, now: Date): Alert | null {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const failures = store.audit.failuresSince(hourAgo);
  if (failures <= FAILURE_ALERT_THRESHOLD) return null;
  const last = store.kv.get<string>(NOTIFIED_KEY);
  if (last && last > hourAgo) return null;
  store.kv.set(NOTIFIED_KEY, now.toISOString());
  return {
    id: `failures-${now.toISOString()}`,
    level: 'error',
    message: `Calendar sync failed ${failures} times in the last hour. Open Career Copilot Calendar to see what needs attention.`,
    action: 'retry',
    accountId: null,
  };
}
