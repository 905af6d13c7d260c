// Routes main's pushed events into the stores. Returns the unsubscribe, so a
// remount (React StrictMode mounts twice in development) never doubles listeners.
import { calendar } from './api';
import { useItemsStore } from './stores/items-store';
import { useStateStore } from './stores/state-store';
import { useSyncStore } from './stores/sync-store';
import { useUiStore } from './stores/ui-store';

export function subscribeToEvents(): () => void {
  const api = calendar();
  let wasSyncing = useStateStore.getState().state?.syncing ?? false;
  const offs = [
    api.on('stateChanged', (state) => {
      useStateStore.getState().apply(state);
      // A background sync just finished: its items and conflicts may be new.
      if (wasSyncing && !state.syncing) {
        void useItemsStore.getState().load();
        if (!useSyncStore.getState().running) useSyncStore.getState().setProgress(null);
      }
      wasSyncing = state.syncing;
    }),
    api.on('syncProgress', (progress) => useSyncStore.getState().setProgress(progress)),
    api.on('conflictRaised', (conflict) => useItemsStore.getState().addConflict(conflict)),
    api.on('alert', (alert) => useStateStore.getState().pushAlert(alert)),
    api.on('consentUrl', ({ url }) => useStateStore.setState({ consentUrl: url })),
    // The desktop notification for this alert was clicked: show its card.
    api.on('openAlert', (alert) => useUiStore.getState().openAlert(alert)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
