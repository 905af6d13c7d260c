// The tray icon (DESIGN §1.6): the app keeps syncing while its window is closed,
// and the tooltip says whether everything is fine or something needs the user.
import { Menu, Tray, nativeImage } from 'electron';
import type { AppState } from '../../shared/contract';

export interface TrayActions {
  open(): void;
  syncNow(): void;
  quit(): void;
}

export interface AppTray {
  /** Reflects the current state: ok, syncing, or needs attention. */
  update(state: AppState): void;
  destroy(): void;
}

const NAME = 'Career Copilot Calendar';

export function createAppTray(iconPath: string, actions: TrayActions): AppTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip(NAME);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open', click: () => actions.open() },
      { label: 'Sync now', click: () => actions.syncNow() },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ]),
  );
  // Linux trays often show only the menu; elsewhere a click opens the window.
  tray.on('click', () => actions.open());
  return {
    update(state) {
      tray.setToolTip(`${NAME} — ${trayStatus(state)}`);
    },
    destroy() {
      tray.destroy();
    },
  };
}

/** One short phrase: the first problem in plain words, or that all is well. */
export function trayStatus(state: AppState): string {
  const problem = state.alerts.find((a) => a.level === 'error') ?? state.alerts.find((a) => a.level === 'warning');
  if (problem) return `needs attention: ${problem.message}`;
  if (state.syncing) return 'syncing…';
  return 'up to date';
}
