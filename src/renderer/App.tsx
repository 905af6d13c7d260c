// The window: who is signed in, what needs attention, the calendars, syncing,
// conflicts and items on the left; preferences on the right.
import { useEffect } from 'react';
import { AccountCards } from './components/AccountCards';
import { AlertsBanner } from './components/AlertsBanner';
import { ConflictsList } from './components/ConflictsList';
import { ItemsList } from './components/ItemsList';
import { PreferencesPanel } from './components/PreferencesPanel';
import { StatusHeader } from './components/StatusHeader';
import { SyncPanel } from './components/SyncPanel';
import { subscribeToEvents } from './events';
import { useItemsStore } from './stores/items-store';
import { useStateStore } from './stores/state-store';

export function App() {
  const state = useStateStore((s) => s.state);
  const loadError = useStateStore((s) => s.loadError);

  useEffect(() => {
    const unsubscribe = subscribeToEvents();
    void useStateStore.getState().load();
    void useItemsStore.getState().load();
    return unsubscribe;
  }, []);

  if (!state) {
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

  return (
    <>
      <StatusHeader />
      <main className="layout">
        <AlertsBanner />
        <div className="columns">
          <div className="column">
            <AccountCards />
            <SyncPanel />
            <ConflictsList />
            <ItemsList />
          </div>
          <aside className="column side">
            <PreferencesPanel />
          </aside>
        </div>
      </main>
    </>
  );
}
