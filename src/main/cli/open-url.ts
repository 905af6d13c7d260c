// Opens the consent page in the user's browser. On a machine without one (no
// display, a server, CI) it says so, and the caller prints the URL instead; the
// loopback redirect still completes from any browser on this machine.
import { spawn } from 'node:child_process';
import type { UrlOpener } from '../core/ports';

export function systemUrlOpener(env: NodeJS.ProcessEnv = process.env): UrlOpener {
  return async (url) => {
    if (env.CCAL_NO_BROWSER === '1') return false;
    const platform = process.platform;
    if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
    const [cmd, args] = platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
    return new Promise<boolean>((resolve) => {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
  };
}
