// The one app window and the rules every web page in the app lives under
// (DESIGN §9): isolated, sandboxed, no Node, strict CSP, no navigation away, no
// new windows, no permissions, no webviews, no remote content.
import { BrowserWindow, app, screen, shell, type Session, type WebContents } from 'electron';
import type { AppPage } from './app-page';
import { contentSecurityPolicy } from './csp';
import type { UiSettings, WindowBounds } from './ui-settings';

export interface WindowOptions {
  page: AppPage;
  preloadPath: string;
  settings: UiSettings;
  /** Links the user may open in their browser (see external-links.ts). */
  isAllowedExternal: (url: string) => boolean;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const bounds = onSomeDisplay(options.settings.windowBounds());
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title: 'Career Copilot Calendar',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise open links in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  guardContents(win.webContents, options.page, options.isAllowedExternal);
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    // Normal bounds are the restored size even while maximised or minimised.
    options.settings.saveWindowBounds(win.getNormalBounds());
  });
  void win.loadURL(options.page.url);
  return win;
}

/** Saved bounds from a monitor that is gone would open the window off-screen: keep only the size then. */
function onSomeDisplay(bounds: WindowBounds): WindowBounds {
  if (bounds.x === undefined || bounds.y === undefined) return bounds;
  const { x, y } = bounds;
  const visible = screen.getAllDisplays().some(({ workArea: a }) => x >= a.x - 50 && y >= a.y - 50 && x < a.x + a.width - 100 && y < a.y + a.height - 100);
  return visible ? bounds : { width: bounds.width, height: bounds.height };
}

/** Navigation and pop-ups: only our own page stays in the app. */
function guardContents(contents: WebContents, page: AppPage, isAllowedExternal: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!page.isOwn(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!page.isOwn(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // The app never opens windows; a link to Career Copilot or a provider's
    // account page goes to the user's own browser instead.
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Session-wide: the CSP header, and every permission request refused. */
export function hardenSession(session: Session, page: AppPage): void {
  const policy = contentSecurityPolicy(page.dev);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Drop any CSP the server sent (any casing) so ours is the only one.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
  // No remote content: the page may load only its own files (and the dev server).
  session.webRequest.onBeforeRequest((details, callback) => {
    const local = details.url.startsWith('devtools:') || details.url.startsWith('data:') || details.url.startsWith('blob:') || page.isResource(details.url);
    callback({ cancel: !local });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * A safety net for any web contents created later (a devtools window, a future
 * view): no webviews, no pop-ups.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
