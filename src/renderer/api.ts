// The renderer's single way to main: the contract the preload (or a test
// stand-in) put on window.calendar. Read lazily so nothing runs before it exists.
import type { CalendarApi } from '../shared/contract';

export function calendar(): CalendarApi {
  return window.calendar;
}

/** What to show for a failed request: the preload's error carries main's user-facing message. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
