// A full session through the real command line, then a search of every file the
// app wrote and everything it printed for the secrets it handled: the Career
// Copilot password and JWT, and Google's access and refresh tokens.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startHarness, USER, type Harness } from '../fixtures/harness';
import { collect, runCli, spawnCli } from '../fixtures/cli';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ connect: false });
  await h.core.signOut();
  h.core.close();
  const job = h.copilot.addJob({ title: 'Platform Engineer', company: 'Globex', location: 'Lisbon' });
  const start = DateTime.now().plus({ days: 4 }).toFormat("yyyy-MM-dd'T'10:00:00");
  h.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: start, follow_up_date: null }, USER.email);
}, 60_000);

afterAll(async () => {
  h.restart();
  await h.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets never leave the keychain', () => {
  it('keeps the password and every token out of the database, logs and output', async () => {
    const outputs: string[] = [];
    const run = async (args: string[], stdin?: string): Promise<void> => {
      const r = await runCli(h.config, args, stdin);
      outputs.push(r.stdout, r.stderr);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    };
    await run(['signin', '--email', USER.email, '--password-stdin'], `${USER.password}\n`);

    // connect: no browser here, so the URL is printed; play the browser with it.
    const child = spawnCli(h.config, ['connect', 'google']);
    let printed = '';
    child.stderr?.on('data', (d: Buffer) => {
      printed += d.toString();
      const url = /https?:\/\/\S+/.exec(printed)?.[0];
      if (url && !printed.includes('#followed')) {
        printed += '#followed';
        void fetch(url, { redirect: 'manual' }).then((res) => fetch(res.headers.get('location') ?? ''));
      }
    });
    const connected = await collect(child);
    outputs.push(connected.stdout, connected.stderr);
    expect(connected.code, connected.stderr).toBe(0);

    await run(['sync', '--once']);
    h.google.expireAccessTokens(); // force a refresh so a fresh access token passes through too
    await run(['sync', '--once', '--json']);
    await run(['status', '--json']);
    await run(['items', '--json']);
    await run(['audit', '--json', '--limit', '500']);
    await run(['metrics']);

    const accountId = 'google:jane@gmail.example';
    const jwt = await h.secrets.get(SecretKeys.copilotToken);
    const tokens = JSON.parse((await h.secrets.get(SecretKeys.providerTokens(accountId))) ?? '{}') as { access_token?: string; refresh_token?: string };
    const secrets = [USER.password, jwt, tokens.access_token, tokens.refresh_token].filter((s): s is string => typeof s === 'string' && s.length > 8);
    expect(secrets).toHaveLength(4); // the session really held all four

    const files = filesUnder(h.config.dataDir);
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
