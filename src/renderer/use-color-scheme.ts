// The system's light or dark preference, live: the page's CSS follows it by
// itself; canvases (the charts) need to be told.
import { useSyncExternalStore } from 'react';

const query = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(listener: () => void): () => void {
  const mq = query();
  mq.addEventListener('change', listener);
  return () => mq.removeEventListener('change', listener);
}

export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, () => (query().matches ? 'dark' : 'light'));
}
