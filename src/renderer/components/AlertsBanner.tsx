// What needs the user's attention, in plain words, each with its one button
// (DESIGN §1.6). An aria-live region, so a screen reader hears new problems.
import type { Alert } from '../../shared/contract';
import { assertNever } from '../../shared/errors';
import { useStateStore, visibleAlerts } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { CONFLICTS_ID, SIGN_IN_EMAIL_ID } from './dom-ids';
import { reconnectOptions } from '../reconnect';

type Action = NonNullable<Alert['action']>;

const ACTION_LABELS: Record<Action, string> = {
  reconnect: 'Reconnect',
  retry: 'Retry',
  signin: 'Sign in',
  approve_deletes: 'Remove them',
  open_conflicts: 'Review conflicts',
};

function useAlertAction(): (alert: Alert, action: Action) => void {
  const accounts = useStateStore((s) => s.state?.accounts ?? []);
  const connect = useStateStore((s) => s.connect);
  const syncNow = useSyncStore((s) => s.syncNow);
  const retryFailed = useSyncStore((s) => s.retryFailed);
  return (alert, action) => {
    switch (action) {
      case 'reconnect': {
        const account = accounts.find((a) => a.id === alert.accountId);
        void connect(account?.provider ?? 'google', reconnectOptions(account));
        return;
      }
      case 'retry':
        void retryFailed();
        return;
      case 'signin':
        document.getElementById(SIGN_IN_EMAIL_ID)?.focus();
        return;
      case 'approve_deletes':
        void syncNow({ allowDeletes: true });
        return;
      case 'open_conflicts': {
        const section = document.getElementById(CONFLICTS_ID);
        section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        section?.focus({ preventScroll: true });
        return;
      }
      default:
        assertNever(action, 'alert action');
    }
  };
}

function AlertRow({ alert, dismissable }: { alert: Alert; dismissable: boolean }) {
  const dismiss = useStateStore((s) => s.dismissAlert);
  const run = useAlertAction();
  const action = alert.action;
  return (
    <div className={`alert alert-${alert.level}`}>
      <p>{alert.message}</p>
      <div className="alert-actions">
        {action && (
          <button type="button" onClick={() => run(alert, action)}>
            {ACTION_LABELS[action]}
          </button>
        )}
        {dismissable && (
          <button type="button" className="quiet" aria-label="Dismiss this message" onClick={() => dismiss(alert.id)}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}

export function AlertsBanner() {
  const state = useStateStore((s) => s.state);
  const pushed = useStateStore((s) => s.pushedAlerts);
  const alerts = visibleAlerts(state, pushed);
  // Alerts main lists go away when fixed; only pushed one-off notices can be dismissed.
  const listed = new Set(state?.alerts.map((a) => a.id));

  return (
    <section className="alerts" aria-live="polite" aria-label="Needs attention">
      {alerts.map((alert) => (
        <AlertRow key={alert.id} alert={alert} dismissable={!listed.has(alert.id)} />
      ))}
    </section>
  );
}
