// A full session through the real command line, then a search of every file the
// app wrote and everything it printed for the secrets it handled: the Career
// Copilot password and JWT, and the calendar account's own — Google's and
// Outlook's access, refresh (and ID) tokens, a CalDAV app-specific password and
// the Basic header made from it. The same for every calendar service
// (calendar-world.ts), one test file per provider; each secret is collected
// whenever the keychain is looked at, so a token a refresh replaced is searched
// for too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { serviceSkipReason, startWorld, type CalendarService, type CalendarWorld, type ServiceKind } from '../fixtures/calendar-world';
import { USER } from '../fixtures/harness';
import { collect, runCli, spawnCli } from '../fixtures/cli';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The secrets grep against one calendar service (one test file per provider runs it). */
export function secretsSuite(kind: ServiceKind): void {
  const reason = serviceSkipReason(kind);
  if (reason) console.log(`secrets test (${kind}) skipped: ${reason}`);

  describe.skipIf(reason !== null)(`secrets never leave the keychain (${kind})`, () => {
    let world: CalendarWorld;
    let svc: CalendarService;
    beforeAll(async () => {
      world = await startWorld({ services: [kind], connect: false });
      const first = world.services[0];
      if (!first) throw new Error('no service started');
      svc = first;
      await world.core.signOut();
      world.core.close();
      const job = world.copilot.addJob({ title: 'Platform Engineer', company: 'Globex', location: 'Lisbon' });
      const start = DateTime.now().plus({ days: 4 }).toFormat("yyyy-MM-dd'T'10:00:00");
      world.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: start, follow_up_date: null }, USER.email);
    }, 60_000);

    afterAll(async () => {
      world.restart();
      await world.close();
    });

    it('keeps the password and every token out of the database, logs and output', async () => {
      const outputs: string[] = [];
      /** Every secret value the account held whenever we looked, by kind. */
      const held = new Map<string, string>();
      const look = async (): Promise<void> => {
        for (const s of await svc.heldSecrets(world.secrets)) held.set(s.value, s.kind);
      };
      const run = async (args: string[], stdin?: string): Promise<void> => {
        const r = await runCli(world.config, args, stdin);
        outputs.push(r.stdout, r.stderr);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        await look();
      };
      await run(['signin', '--email', USER.email, '--password-stdin'], `${USER.password}\n`);

      // connect: no browser here, so a sign-in link is printed; play the browser with it.
      const child = spawnCli(world.config, svc.cliConnect.args);
      let printed = '';
      child.stderr?.on('data', (d: Buffer) => {
        printed += d.toString();
        const url = /https?:\/\/\S+/.exec(printed)?.[0];
        if (svc.cliConnect.consent && url && !printed.includes('#followed')) {
          printed += '#followed';
          void fetch(url, { redirect: 'manual' }).then((res) => fetch(res.headers.get('location') ?? ''));
        }
      });
      const connected = await collect(child, svc.cliConnect.stdin);
      outputs.push(connected.stdout, connected.stderr);
      expect(connected.code, connected.stderr).toBe(0);
      await look();
      const heldAtConnect = held.size;

      await run(['sync', '--once']);
      // Force a refresh where there are access tokens, so a fresh one passes through too.
      const refreshes = svc.expireAccessTokens();
      await run(['sync', '--once', '--json']);
      await run(['status', '--json']);
      await run(['items', '--json']);
      await run(['audit', '--json', '--limit', '500']);
      await run(['metrics']);

      const jwt = await world.secrets.get(SecretKeys.copilotToken);
      expect([...new Set(held.values())].sort(), 'the session really held every kind of secret').toEqual([...svc.secretKinds].sort());
      if (refreshes) expect(held.size, 'a refreshed access token passed through').toBeGreaterThan(heldAtConnect);
      const secrets = [USER.password, jwt, ...held.keys()].filter((s): s is string => typeof s === 'string' && s.length > 8);
      expect(secrets).toHaveLength(2 + held.size); // and every one is long enough to search for

      const files = filesUnder(world.config.dataDir);
      expect(files.some((f) => f.endsWith('calendar.db'))).toBe(true);
      expect(files.some((f) => f.endsWith('.log'))).toBe(true);
      const logText = files.filter((f) => f.endsWith('.log')).map((f) => readFileSync(f, 'utf8')).join('');
      expect(logText.length).toBeGreaterThan(0);
      for (const file of files) {
        const content = readFileSync(file).toString('latin1');
        for (const secret of secrets) expect(content.includes(secret), `${secret.slice(0, 6)}… found in ${file}`).toBe(false);
      }
      const allOutput = outputs.join('\n');
      for (const secret of secrets) expect(allOutput.includes(secret), `${secret.slice(0, 6)}… found in command output`).toBe(false);
    }, 120_000);
  });
}
