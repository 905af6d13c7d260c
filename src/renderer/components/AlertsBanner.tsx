// What needs the user's attention, in plain words, each with its one button
// (DESIGN §1.6). An aria-live region, so a screen reader hears new problems.
import type { Alert } from '../../shared/contract';
import { assertNever } from '../../shared/errors';
import { waitingWords } from '../provider-words';
import { reconnectOptions } from '../reconnect';
import { useStateStore, visibleAlerts } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { useUiStore } from '../stores/ui-store';
import { DeletesDialog } from './DeletesDialog';
import { SIGN_IN_EMAIL_ID } from './dom-ids';

type Action = NonNullable<Alert['action']>;

const ACTION_LABELS: Record<Action, string> = {
  reconnect: 'Reconnect',
  retry: 'Retry',
  signin: 'Sign in',
  approve_deletes: 'Review the events',
  open_conflicts: 'Review conflicts',
};

/** The window's own words where the core's are written for the command line. */
function messageOf(alert: Alert): string {
  if (alert.action === 'approve_deletes') return 'A sync stopped before removing several events from your calendar. Check them and choose whether they go.';
  return alert.message;
}

function AlertRow({ alert, dismissable }: { alert: Alert; dismissable: boolean }) {
  const dismiss = useStateStore((s) => s.dismissAlert);
  const accounts = useStateStore((s) => s.state?.accounts ?? []);
  const connect = useStateStore((s) => s.connect);
  const connecting = useStateStore((s) => s.connecting);
  const retryFailed = useSyncStore((s) => s.retryFailed);
  const action = alert.action;
  const account = accounts.find((x) => x.id === alert.accountId);
  const provider = account?.provider ?? 'google';

  function run(a: Action): void {
    switch (a) {
      case 'reconnect':
        // CalDAV has no sign-in page: its card asks for the app-specific password again.
        if (provider === 'caldav') useUiStore.getState().openAlert(alert);
        else void connect(provider, reconnectOptions(account));
        return;
      case 'retry':
        void retryFailed();
        return;
      case 'signin':
        document.getElementById(SIGN_IN_EMAIL_ID)?.focus();
        return;
      case 'approve_deletes':
      case 'open_conflicts':
        useUiStore.getState().openAlert(alert);
        return;
      default:
        assertNever(a, 'alert action');
    }
  }

  return (
    <div className={`alert alert-${alert.level}`}>
      <p>{messageOf(alert)}</p>
      <div className="alert-actions">
        {action && (
          <button type="button" disabled={action === 'reconnect' && connecting !== null} onClick={() => run(action)}>
            {action === 'reconnect' && connecting !== null && connecting === provider ? waitingWords(provider) : ACTION_LABELS[action]}
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

export function AlertsBanner({ hideSignIn = false }: { hideSignIn?: boolean }) {
  const state = useStateStore((s) => s.state);
  const pushed = useStateStore((s) => s.pushedAlerts);
  const reviewing = useUiStore((s) => s.reviewingDeletes);
  const reviewDeletes = useUiStore((s) => s.reviewDeletes);
  // On the welcome screen the sign-in form is the answer to the sign-in alert.
  const alerts = visibleAlerts(state, pushed).filter((a) => !(hideSignIn && a.action === 'signin'));
  // Alerts main lists go away when fixed; only pushed one-off notices can be dismissed.
  const listed = new Set(state?.alerts.map((a) => a.id));

  return (
    <>
      <section className="alerts" aria-live="polite" aria-label="Needs attention">
        {alerts.map((alert) => (
          <AlertRow key={alert.id} alert={alert} dismissable={!listed.has(alert.id)} />
        ))}
      </section>
      <DeletesDialog accountId={reviewing ?? null} open={reviewing !== undefined} onClose={() => reviewDeletes(undefined)} />
    </>
  );
}
