// What the preload puts on `window` (the renderer's only way to main). The
// renderer's tsconfig sees this declaration, never the preload's code.
import type { CalendarApi } from '../shared/contract';

declare global {
  interface Window {
    calendar: CalendarApi;
  }
}

export {};
