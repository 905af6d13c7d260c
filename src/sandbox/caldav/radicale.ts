// A real Radicale (Debian's `radicale` package) on 127.0.0.1 in a throwaway
// folder: htpasswd auth with a plain password (the one encryption it supports
// without extra packages), each user's collections their own. `ccal demo` runs
// one as its CalDAV account, and the tests run one as a real server to sync with.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnServer, stopServer, waitForHttp } from './server-process';

export interface LocalCaldavServer {
  /** What a user would type as the server URL. */
  baseUrl: string;
  username: string;
  password: string;
  /** The user's calendar home, where new calendars go. */
  homeUrl: string;
  /** A calendar the user already has, unless started `withCalendar: false`. */
  calendarUrl: string;
  close(): Promise<void>;
}

export interface RadicaleOptions {
  username: string;
  password: string;
  /** Make the user's first calendar (default true); false leaves a fresh account with none. */
  withCalendar?: boolean;
}

/** Null when radicale can run here; otherwise why not. */
export function radicaleMissing(): string | null {
  return spawnSync('radicale', ['--version'], { stdio: 'ignore' }).error ? 'radicale is not installed (apt-get install radicale)' : null;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** MKCALENDAR as the user's own calendar app would do it. */
export async function makeCalendarAs(user: { username: string; password: string }, url: string, name: string): Promise<void> {
  const res = await fetch(url, {
    method: 'MKCALENDAR',
    headers: { authorization: basicAuth(user.username, user.password), 'content-type': 'application/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname></D:prop></D:set></C:mkcalendar>`,
  });
  await res.body?.cancel();
  if (res.status !== 201) throw new Error(`MKCALENDAR ${url} answered ${res.status}`);
}

export async function startRadicale(options: RadicaleOptions): Promise<LocalCaldavServer> {
  const { username, password } = options;
  const dir = mkdtempSync(join(tmpdir(), 'ccal-radicale-'));
  const port = await freePort();
  writeFileSync(join(dir, 'users'), `${username}:${password}\n`, { mode: 0o600 });
  writeFileSync(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[web]',
      'type = none',
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const server = spawnServer('radicale', ['--config', join(dir, 'config')]);
  const baseUrl = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  };
  const homeUrl = `${baseUrl}/${username}/`;
  const calendarUrl = `${homeUrl}calendar/`;
  try {
    await waitForHttp(`${baseUrl}/`, server);
    if (options.withCalendar !== false) await makeCalendarAs(options, calendarUrl, 'Personal');
  } catch (error) {
    await close();
    throw error;
  }
  return { baseUrl, username, password, homeUrl, calendarUrl, close };
}
