// The tray icon (DESIGN §1.6): the app keeps syncing while its window is closed.
// The icon itself shows ok / syncing / needs attention / offline (four images in
// resources/), the tooltip says it in words, and the menu offers Sync now, Pause
// syncing, Open and Quit.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { AppState } from '../../shared/contract';
import { trayState, trayStatus, type TrayFlags, type TrayState } from './tray-state';

export interface TrayActions {
  open(): void;
  syncNow(): void;
  setPaused(paused: boolean): void;
  quit(): void;
}

export interface AppTray {
  /** Reflects the current state in the icon, the tooltip and the menu. */
  update(state: AppState, flags: TrayFlags): void;
  destroy(): void;
}

const NAME = 'Career Copilot Calendar';
const STATES: TrayState[] = ['ok', 'syncing', 'attention', 'offline'];

export function createAppTray(resourcesDir: string, actions: TrayActions): AppTray {
  // nativeImage finds the @2x variant next to each file for high-density screens.
  const icons = Object.fromEntries(STATES.map((s) => [s, nativeImage.createFromPath(join(resourcesDir, `tray-${s}.png`))])) as Record<TrayState, NativeImage>;
  const tray = new Tray(icons.ok);
  let shown: TrayState = 'ok';
  let paused = false;

  const menu = (): Menu =>
    Menu.buildFromTemplate([
      { label: 'Sync now', click: () => actions.syncNow() },
      {
        label: 'Pause syncing',
        type: 'checkbox',
        checked: paused,
        click: (item) => {
          paused = item.checked;
          actions.setPaused(paused);
        },
      },
      { type: 'separator' },
      { label: 'Open', click: () => actions.open() },
      { label: 'Quit', click: () => actions.quit() },
    ]);

  tray.setToolTip(NAME);
  tray.setContextMenu(menu());
  // Linux trays often show only the menu; elsewhere a click opens the window.
  tray.on('click', () => actions.open());
  return {
    update(state, flags) {
      const next = trayState(state, flags);
      if (next !== shown) {
        tray.setImage(icons[next]);
        shown = next;
      }
      tray.setToolTip(`${NAME} — ${trayStatus(state, flags)}`);
      if (flags.paused !== paused) {
        paused = flags.paused;
        tray.setContextMenu(menu());
      }
    },
    destroy() {
      tray.destroy();
    },
  };
}
