// The window: the first run (sign in, connect a calendar, choose what syncs)
// until there is something to sync; then the three views.
import { useEffect } from 'react';
import { ActivityView } from './components/ActivityView';
import { AccountCards } from './components/AccountCards';
import { AlertsBanner } from './components/AlertsBanner';
import { AppHeader } from './components/AppHeader';
import { ConflictsList } from './components/ConflictsList';
import { ChooseStep, ConnectStep, Welcome } from './components/FirstRun';
import { ItemsList } from './components/ItemsList';
import { NoticeBar } from './components/NoticeBar';
import { PreferencesPanel } from './components/PreferencesPanel';
import { SyncPanel } from './components/SyncPanel';
import { subscribeToEvents } from './events';
import { useItemsStore } from './stores/items-store';
import { useStateStore } from './stores/state-store';
import { useUiStore } from './stores/ui-store';

function Loading() {
  const loadError = useStateStore((s) => s.loadError);
  return (
    <main className="loading" aria-live="polite">
      {loadError ? (
        <div className="alert alert-error">
          <p>{loadError}</p>
          <button type="button" onClick={() => void useStateStore.getState().load()}>
            Try again
          </button>
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </main>
  );
}

/** Moves focus (and the view) to the element an alert pointed at, once it is on screen. */
function useFocusTarget(): void {
  const target = useUiStore((s) => s.focusTarget);
  const view = useUiStore((s) => s.view);
  useEffect(() => {
    if (!target) return;
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(target);
      element?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      element?.focus({ preventScroll: true });
      useUiStore.getState().focused();
    });
    return () => cancelAnimationFrame(frame);
  }, [target, view]);
}

function Shell() {
  const view = useUiStore((s) => s.view);
  useFocusTarget();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppHeader />
      <main id="main" className="layout" tabIndex={-1}>
        <AlertsBanner />
        <NoticeBar />
        {view === 'upcoming' && (
          <div className="column">
            <SyncPanel />
            <ConflictsList />
            <ItemsList />
          </div>
        )}
        {view === 'settings' && (
          <div className="columns">
            <AccountCards />
            <PreferencesPanel />
          </div>
        )}
        {view === 'activity' && <ActivityView />}
      </main>
    </>
  );
}

export function App() {
  const state = useStateStore((s) => s.state);
  const setup = useUiStore((s) => s.setup);
  const skipped = useUiStore((s) => s.setupSkipped);
  const signedIn = state?.copilot.signedIn ?? false;

  useEffect(() => subscribeToEvents(), []);
  useEffect(() => {
    void useStateStore.getState().load();
  }, []);
  // Signed in (at start or just now): the items of this account.
  useEffect(() => {
    if (signedIn) void useItemsStore.getState().load();
    else useItemsStore.getState().clear();
  }, [signedIn]);

  if (!state) return <Loading />;
  if (!state.copilot.signedIn) return <Welcome />;
  if (setup === 'choose') return <ChooseStep />;
  if (state.accounts.length === 0 && !skipped) return <ConnectStep />;
  return <Shell />;
}
