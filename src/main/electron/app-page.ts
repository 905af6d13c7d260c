// Where the renderer page comes from, and how to recognise it. The IPC sender
// check, the navigation guard and the CSP all ask this one object, so "our page"
// means the same thing everywhere.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPage {
  /** What the window loads. */
  readonly url: string;
  /** True while serving from electron-vite's dev server (relaxed CSP for HMR). */
  readonly dev: boolean;
  /** Is `url` our own page (any hash or query), not some other file or site? */
  isOwn(url: string): boolean;
  /** May the page load `url` (its scripts, styles, images)? Nothing remote. */
  isResource(url: string): boolean;
}

/**
 * The dev server only when electron-vite says so and the app is not packaged:
 * a packaged app must never trust an environment variable to point it at a
 * remote page.
 */
export function resolveAppPage(options: { packaged: boolean; devServerUrl: string | undefined; mainDir: string }): AppPage {
  if (!options.packaged && options.devServerUrl) {
    const origin = new URL(options.devServerUrl).origin;
    const sameOrigin = (url: string): boolean => originOf(url) === origin;
    // The HMR socket talks to the same dev server over ws://.
    const hmrOrigin = origin.replace(/^http/, 'ws');
    return { url: options.devServerUrl, dev: true, isOwn: sameOrigin, isResource: (url) => sameOrigin(url) || originOf(url) === hmrOrigin };
  }
  const index = pathToFileURL(join(options.mainDir, '../renderer/index.html'));
  const folder = index.pathname.slice(0, index.pathname.lastIndexOf('/') + 1);
  return {
    url: index.href,
    dev: false,
    isOwn: (url) => {
      const parsed = parse(url);
      return parsed !== null && parsed.protocol === 'file:' && parsed.pathname === index.pathname;
    },
    isResource: (url) => {
      const parsed = parse(url);
      return parsed !== null && parsed.protocol === 'file:' && parsed.pathname.startsWith(folder) && !parsed.pathname.includes('/../');
    },
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function originOf(url: string): string | null {
  return parse(url)?.origin ?? null;
}
