// The top of the window once signed in: the app, the three views, what is
// waiting to be sent, and who is signed in.
import { useStateStore } from '../stores/state-store';
import { useUiStore, type View } from '../stores/ui-store';
import { BrandMark } from './Icons';

const VIEWS: { view: View; label: string }[] = [
  { view: 'upcoming', label: 'Upcoming' },
  { view: 'settings', label: 'Settings' },
  { view: 'activity', label: 'Activity' },
];

export function AppHeader() {
  const copilot = useStateStore((s) => s.state?.copilot);
  const conflicts = useStateStore((s) => s.state?.openConflicts ?? 0);
  const pending = useStateStore((s) => s.state?.outbox.pending ?? 0);
  const signOut = useStateStore((s) => s.signOut);
  const { view, setView } = useUiStore();

  return (
    <header className="app-header">
      <div className="brand">
        <BrandMark />
        <h1>Career Copilot Calendar</h1>
      </div>
      <nav aria-label="Views">
        <ul className="tabs">
          {VIEWS.map((v) => (
            <li key={v.view}>
              <button type="button" className="tab" aria-current={view === v.view ? 'page' : undefined} onClick={() => setView(v.view)}>
                {v.label}
                {v.view === 'upcoming' && conflicts > 0 && (
                  <span className="count count-warn">
                    {conflicts}
                    <span className="visually-hidden"> to review</span>
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        {pending > 0 && (
          <span className="pending-pill" role="status">
            {pending} change{pending === 1 ? '' : 's'} waiting to sync
          </span>
        )}
        <span className="signed-in">
          Signed in as <strong>{copilot?.email ?? 'your Career Copilot account'}</strong>
        </span>
        <button type="button" className="quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
