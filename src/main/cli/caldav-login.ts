// `ccal connect caldav`: the server from --server or a preset, the user name,
// and the app-specific password from the terminal (hidden), standard input, or
// CCAL_CALDAV_PASSWORD — never from the command line, where `ps` would show it.
import { InvalidInputError } from '../../shared/errors';
import { CALDAV_PRESETS, isCaldavPreset } from '../../shared/caldav-presets';
import { readPassword } from './password';

export interface CaldavConnectOptions {
  server?: string;
  preset?: string;
  username?: string;
  passwordStdin?: boolean;
}

export async function caldavLoginFrom(o: CaldavConnectOptions): Promise<{ serverUrl: string; username: string; password: string }> {
  if (o.server && o.preset) throw new InvalidInputError('Give either --server or --preset, not both.');
  let serverUrl = o.server;
  if (o.preset) {
    const name = o.preset.toLowerCase();
    if (!isCaldavPreset(name)) throw new InvalidInputError(`Unknown preset "${o.preset}". Available: ${Object.keys(CALDAV_PRESETS).join(', ')}.`);
    serverUrl = CALDAV_PRESETS[name].serverUrl;
  }
  if (!serverUrl) {
    throw new InvalidInputError('Say which CalDAV server: --server https://… (Nextcloud: https://your-cloud/remote.php/dav) or --preset icloud|fastmail.');
  }
  if (!o.username) throw new InvalidInputError('Give your CalDAV user name with --username (iCloud: your Apple ID email).');
  const host = URL.canParse(serverUrl) ? new URL(serverUrl).host : serverUrl;
  const password = await readPassword(o.passwordStdin === true, process.env, {
    question: `App-specific password for ${o.username} on ${host}: `,
    envVar: 'CCAL_CALDAV_PASSWORD',
  });
  return { serverUrl, username: o.username, password };
}
