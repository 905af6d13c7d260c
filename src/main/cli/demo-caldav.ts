// `ccal demo`'s optional CalDAV part: when Radicale (a small CalDAV server,
// Debian's `radicale` package) is installed, the demo runs one on 127.0.0.1 in
// a throwaway folder with a user whose calendar already exists, and connects
// it as a third account with an app-specific password, as a user would connect
// Nextcloud or iCloud. The password is made up for this run and never printed.
import { randomBytes } from 'node:crypto';
import { radicaleMissing, startRadicale, type LocalCaldavServer } from '../../sandbox/caldav/radicale';

export type DemoRadicale = LocalCaldavServer;

/** False when radicale is not installed here (the demo goes on without CalDAV). */
export function radicaleInstalled(): boolean {
  return radicaleMissing() === null;
}

export function startDemoRadicale(): Promise<DemoRadicale> {
  return startRadicale({ username: 'you', password: randomBytes(12).toString('base64url') });
}
