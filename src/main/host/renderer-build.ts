// Where the built renderer is, for `ccal demo --ui`. Nothing is built at run time:
// the build needs the dev toolchain (vite, the React plugin) and takes a while,
// so the page comes from `npx electron-vite build`, and a missing or older-than-
// its-source build is said in plain words instead of serving a broken page.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';

/** The project folder: the nearest one with a package.json, from the source file or from out/main/chunks alike. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

const REPO = projectRoot(import.meta.dirname);
export const RENDERER_BUILD_DIR = join(REPO, 'out', 'renderer');

export interface RendererBuild {
  dir: string;
  /** The page's source changed after it was built (only knowable in a checkout). */
  stale: boolean;
}

export function requireRendererBuild(dir = RENDERER_BUILD_DIR): RendererBuild {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    throw new AppError('config_invalid', `The app's page is not built yet (${index} is missing). Run "npx electron-vite build" in the project folder, then try again.`);
  }
  const builtAt = statSync(index).mtimeMs;
  const sources = ['src/renderer', 'src/shared'].map((d) => join(REPO, d)).filter((d) => existsSync(d));
  return { dir, stale: sources.some((d) => newestMtime(d) > builtAt) };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
