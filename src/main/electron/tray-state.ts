// What the tray icon shows (DESIGN §1.6): one of four images, and one short
// phrase for its tooltip. Pure (no Electron), so it is tested on its own.
import type { AppState } from '../../shared/contract';

export type TrayState = 'ok' | 'syncing' | 'attention' | 'offline';

export interface TrayFlags {
  /** The user paused syncing from the tray menu. */
  paused: boolean;
  /** The computer has a network connection (Electron's net.isOnline()). */
  online: boolean;
}

export function trayState(state: AppState, flags: TrayFlags): TrayState {
  if (!flags.online) return 'offline';
  if (state.alerts.some((a) => a.level === 'error' || a.level === 'warning')) return 'attention';
  if (state.syncing) return 'syncing';
  return 'ok';
}

/** One short phrase: offline, paused, the first problem in plain words, or that all is well. */
export function trayStatus(state: AppState, flags: TrayFlags): string {
  const problem = state.alerts.find((a) => a.level === 'error') ?? state.alerts.find((a) => a.level === 'warning');
  if (!flags.online) return `offline — ${state.outbox.pending > 0 ? `${state.outbox.pending} change${state.outbox.pending === 1 ? '' : 's'} will be sent when the connection is back` : 'changes are sent when the connection is back'}`;
  if (problem) return `needs attention: ${problem.message}`;
  if (flags.paused) return 'syncing is paused';
  if (state.syncing) return 'syncing…';
  return 'up to date';
}
