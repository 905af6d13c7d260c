// The renderer's single way to main: the contract the preload (or a test
// stand-in) put on window.calendar, or — in a plain browser served by the web
// host — the same contract over its WebSocket, keyed by the page's ?session=.
// Read lazily so nothing runs before it exists.
import type { CalendarApi } from '../shared/contract';
import { contractUrl, createWebTransport } from './web-transport';

let web: CalendarApi | null = null;

export function calendar(): CalendarApi {
  // The declared type says it is always there; in a plain browser it is not.
  const bridge = (window as Partial<Pick<Window, 'calendar'>>).calendar;
  if (bridge) return bridge;
  web ??= createWebTransport(contractUrl(location));
  return web;
}

/** What to show for a failed request: the preload's error carries main's user-facing message. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
