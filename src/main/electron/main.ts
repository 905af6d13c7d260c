// The Electron main process: lifecycle only. It builds the same CalendarCore the
// CLI uses, with desktop pieces plugged in (safeStorage secrets, the system
// browser), binds it to IPC, and shows a window and a tray icon. Everything that
// decides anything lives in src/main/core.
import { join } from 'node:path';
import { BrowserWindow, app, dialog, net, session, shell } from 'electron';
import { consentUrlPolicy } from '../../shared/consent-url';
import { userMessageOf } from '../../shared/errors';
import { CalendarCore } from '../core/app';
import { defaultDataDir, loadConfig, signInPages, type AppConfig } from '../core/config';
import { systemClock, systemTimers, type UrlOpener } from '../core/ports';
import { configureLogging, createLogger, privateLogDestination } from '../core/telemetry/logger';
import { resolveAppPage } from './app-page';
import { externalLinkPolicy } from './external-links';
import { bindIpc, EVENT_CHANNEL, type IpcBinding } from './ipc';
import { bindNotifications } from './notifications';
import { createDesktopSecretStore } from './safe-storage-secret-store';
import { createAppTray, type AppTray } from './tray';
import { UiSettings } from './ui-settings';
import { createMainWindow, hardenAllWebContents, hardenSession } from './window';

const log = createLogger('electron');
const mainDir = import.meta.dirname;

let core: CalendarCore | null = null;
let win: BrowserWindow | null = null;
let tray: AppTray | null = null;
let ipc: IpcBinding | null = null;
let quitting = false;
let shutDown = false;
let onlineTimer: ReturnType<typeof setInterval> | null = null;
const ONLINE_CHECK_MS = 30_000;

/** The config file and CCAL_* variables, with the data folder defaulting to userData. */
function desktopConfig(): AppConfig {
  const config = loadConfig(process.env);
  // loadConfig falls back to the CLI's folder when neither the file nor the
  // environment names one; the desktop app keeps its data in userData instead.
  const unset = !process.env.CCAL_DATA_DIR && config.dataDir === defaultDataDir(process.env);
  return unset ? { ...config, dataDir: app.getPath('userData') } : config;
}

/** Opens a sign-in page in the system browser: http(s) on a configured sign-in origin only. */
function browserOpener(config: AppConfig): UrlOpener {
  const allowed = consentUrlPolicy(signInPages(config));
  return async (url) => {
    if (!allowed(url)) {
      log.warn('refused to open a sign-in URL outside the configured origins');
      return false;
    }
    await shell.openExternal(url);
    return true;
  };
}

function showWindow(): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  const config = desktopConfig();
  configureLogging(privateLogDestination(config.dataDir, 'desktop.log'), process.env.CCAL_LOG_LEVEL ?? 'info');

  const calendar = new CalendarCore({
    config,
    secrets: createDesktopSecretStore(app.getPath('userData'), config.keychainService),
    clock: systemClock,
    timers: systemTimers,
    fetch: globalThis.fetch.bind(globalThis),
    openUrl: browserOpener(config),
  });
  core = calendar;

  const page = resolveAppPage({ packaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL, mainDir });
  hardenSession(session.defaultSession, page);
  ipc = bindIpc(calendar, page, () => win);

  win = createMainWindow({
    page,
    preloadPath: join(mainDir, '../preload/index.cjs'),
    settings: new UiSettings(),
    isAllowedExternal: externalLinkPolicy(config.copilot.baseUrl),
  });
  win.on('close', (event) => {
    // Closing the window keeps the app syncing in the tray; Quit ends it.
    if (!quitting && tray) {
      event.preventDefault();
      win?.hide();
    }
  });
  win.on('closed', () => {
    win = null;
  });

  let paused = false;
  let lastState = await calendar.getState();
  const refreshTray = (): void => tray?.update(lastState, { paused, online: net.isOnline() });
  try {
    tray = createAppTray(join(app.getAppPath(), 'resources'), {
      open: showWindow,
      syncNow: () => void calendar.syncNow({}).catch((error: unknown) => log.warn({ err: error }, 'sync from the tray failed')),
      setPaused: (pause) => {
        paused = pause;
        if (pause) void calendar.stop().catch((error: unknown) => log.warn({ err: error }, 'pausing failed'));
        else calendar.start();
        refreshTray();
      },
      quit: () => app.quit(),
    });
  } catch (error) {
    // Some Linux desktops have no tray; the window then behaves like any other.
    log.warn({ err: error }, 'no tray icon');
  }
  calendar.on('stateChanged', (state) => {
    lastState = state;
    refreshTray();
  });
  // Main has no online/offline event; a slow look keeps the offline icon honest.
  onlineTimer = setInterval(refreshTray, ONLINE_CHECK_MS);
  refreshTray();
  bindNotifications(calendar, (alert) => {
    showWindow();
    // The page shows the card that answers it (the account to reconnect, the conflicts, the deletes to decide).
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, 'openAlert', alert);
  });

  calendar.start();
}

async function shutdown(): Promise<void> {
  if (onlineTimer) clearInterval(onlineTimer);
  ipc?.dispose();
  tray?.destroy();
  tray = null;
  if (core) {
    await core.stop();
    core.close();
    core = null;
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another copy owns the database and the tray; it shows its window instead.
  app.quit();
} else {
  hardenAllWebContents();
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (shutDown) return;
    // Let a running sync finish its step and the database close cleanly first.
    event.preventDefault();
    void shutdown()
      .catch((error: unknown) => log.error({ err: error }, 'shutdown failed'))
      .finally(() => {
        shutDown = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error({ err: error }, 'start failed');
      try {
        core?.close();
      } catch {
        // Already failing; the database recovers on the next start (WAL).
      }
      dialog.showErrorBox('Career Copilot Calendar could not start', userMessageOf(error));
      shutDown = true;
      app.exit(1);
    });
}
