// `ccal demo`'s optional CalDAV part: when Radicale (a small CalDAV server,
// Debian's `radicale` package) is installed, the demo runs one on 127.0.0.1 in
// a throwaway folder with a user whose calendar already exists, and connects
// it as a third account with an app-specific password, as a user would connect
// Nextcloud or iCloud. The password is made up for this run and never printed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DemoRadicale {
  serverUrl: string;
  username: string;
  password: string;
  close(): Promise<void>;
}

/** False when radicale is not installed here (the demo goes on without CalDAV). */
export function radicaleInstalled(): boolean {
  return !spawnSync('radicale', ['--version'], { stdio: 'ignore' }).error;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startDemoRadicale(): Promise<DemoRadicale> {
  const username = 'you';
  const password = randomBytes(12).toString('base64url');
  const dir = mkdtempSync(join(tmpdir(), 'ccal-demo-radicale-'));
  const port = await freePort();
  writeFileSync(join(dir, 'users'), `${username}:${password}\n`, { mode: 0o600 });
  writeFileSync(
    join(dir, 'config'),
    ['[server]', `hosts = 127.0.0.1:${port}`, '[auth]', 'type = htpasswd', `htpasswd_filename = ${join(dir, 'users')}`, 'htpasswd_encryption = plain', '[rights]', 'type = owner_only', '[storage]', `filesystem_folder = ${join(dir, 'collections')}`, '[web]', 'type = none', '[logging]', 'level = warning', ''].join('\n'),
  );
  const child = spawn('radicale', ['--config', join(dir, 'config')], { stdio: 'ignore' });
  const serverUrl = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForServer(serverUrl, child);
    // The user's calendar, made the way their calendar app would.
    const made = await fetch(`${serverUrl}/${username}/calendar/`, {
      method: 'MKCALENDAR',
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'content-type': 'application/xml; charset=utf-8' },
      body: '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Personal</D:displayname></D:prop></D:set></C:mkcalendar>',
    });
    await made.body?.cancel();
    if (made.status !== 201) throw new Error(`Radicale did not make the demo calendar (HTTP ${made.status})`);
  } catch (error) {
    await close();
    throw error;
  }
  return { serverUrl, username, password, close };
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`radicale stopped at start (exit code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/`, { method: 'OPTIONS' });
      await res.body?.cancel();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`radicale did not answer at ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
