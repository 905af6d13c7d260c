// Opens the consent page in the user's browser. On a machine without one (no
// display, a server, CI) it says so, and the caller prints the URL instead; the
// loopback redirect still completes from any browser on this machine.
//
// No shell is involved on any system: the URL is one argument to the opener
// program. (Through "cmd /c start" Windows would split it at every "&" and run
// the rest as commands.) And only http(s) pages of the configured sign-in
// origins are opened at all.
import { spawn } from 'node:child_process';
import { consentUrlPolicy } from '../../shared/consent-url';
import type { UrlOpener } from '../core/ports';

/** The program and arguments that open `url` on `platform`, without a shell. */
export function openerCommand(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // url.dll's handler takes the whole URL as one argument and hands it to the default browser.
  if (platform === 'win32') return ['rundll32.exe', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function systemUrlOpener(allowedPages: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): UrlOpener {
  const allowed = consentUrlPolicy(allowedPages);
  return async (url) => {
    if (!allowed(url)) return false;
    if (env.CCAL_NO_BROWSER === '1') return false;
    if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
    const [cmd, args] = openerCommand(platform, url);
    return new Promise<boolean>((resolve) => {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true, shell: false, windowsHide: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
  };
}
