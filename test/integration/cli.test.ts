// The ccal command line as a person or a script meets it: help for every
// command, JSON that parses, plain errors, and the damaged-database path.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/main/core/config';
import { collect, runCli, spawnCli } from '../fixtures/cli';
import { startHarness, USER } from '../fixtures/harness';

function offlineConfig(): AppConfig {
  return AppConfig.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ccal-cli-')),
    keychainService: 'ccal-cli-test',
    copilot: { baseUrl: 'http://127.0.0.1:9/api/v1' },
    google: { clientId: 'cli-test', authUrl: 'http://127.0.0.1:9/auth', tokenUrl: 'http://127.0.0.1:9/token', revokeUrl: 'http://127.0.0.1:9/revoke', userinfoUrl: 'http://127.0.0.1:9/userinfo', apiRoot: 'http://127.0.0.1:9/' },
  });
}

const COMMANDS = ['signin', 'signout', 'connect', 'disconnect', 'prefs', 'calendars', 'sync', 'run', 'status', 'items', 'conflicts', 'resolve', 'retry', 'audit', 'metrics', 'repair', 'demo'];

describe('ccal', () => {
  it('has help for every command', async () => {
    const config = offlineConfig();
    const top = await runCli(config, ['--help']);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toContain(c);
    const results = await Promise.all(COMMANDS.map((c) => runCli(config, [c, '--help'])));
    for (const [i, r] of results.entries()) {
      expect(r.code, COMMANDS[i]).toBe(0);
      expect(r.stdout, COMMANDS[i]).toMatch(/Usage: ccal/);
    }
  }, 60_000);

  it('prints JSON for scripts and plain sentences for people', async () => {
    const config = offlineConfig();
    const json = await runCli(config, ['prefs', '--reminder-minutes', '15', '--kinds', 'interview', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const prefs = JSON.parse(json.stdout) as { reminderMinutes: number; kinds: Record<string, boolean> };
    expect(prefs.reminderMinutes).toBe(15);
    expect(prefs.kinds).toEqual({ interview: true, follow_up: false, reminder: false });
    const human = await runCli(config, ['status']);
    expect(human.stdout).toMatch(/^Career Copilot +not signed in .*→ ccal signin/m);
    // prefs and audit speak to people unless --json is given.
    const prefsHuman = await runCli(config, ['prefs']);
    expect(prefsHuman.stdout).toMatch(/^Before an interview +15 minutes before/m);
    expect(prefsHuman.stdout.trim().startsWith('{')).toBe(false);
    const audit = await runCli(config, ['audit']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/^When +What +Outcome/);
    expect(audit.stdout).toMatch(/preferences +note/);
    const range = await runCli(config, ['prefs', '--follow-up-hour', '25']);
    expect(range.code).toBe(1);
    expect(range.stderr).toBe('ccal: --follow-up-hour must be 0–23, not 25.\n');
    const bad = await runCli(config, ['prefs', '--reminder-minutes', 'soon']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/must be a whole number, not "soon"/);
    const badJson = await runCli(config, ['resolve', '1', 'keep_everything', '--json']);
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stdout)).toMatchObject({ error: { code: 'invalid_input' } });
  }, 60_000);

  it('exits non-zero for a sync that is not complete, and says what to run', async () => {
    const config = offlineConfig();
    const signedOut = await runCli(config, ['sync', '--once']);
    expect(signedOut.code, signedOut.stderr).toBe(2);
    expect(signedOut.stdout).toMatch(/ccal signin --email/);
    expect(signedOut.stdout).toMatch(/ccal connect google/);
    const json = await runCli(config, ['sync', '--once', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ complete: false });
  }, 60_000);

  it('asks before a new time zone re-times events already in the calendar', async () => {
    const h = await startHarness({ timeZone: 'Europe/Berlin' });
    try {
      const job = h.copilot.addJob({ title: 'Engineer', company: 'Acme', location: null });
      h.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: '2031-05-05T10:00:00', follow_up_date: null }, USER.email);
      await h.core.syncNow({});
      const asked = await collect(spawnCli(h.config, ['prefs', '--time-zone', 'America/New_York']));
      expect(asked.code).toBe(1);
      expect(asked.stderr).toMatch(/moves 1 event already in your calendar .*--yes/s);
      expect((await h.core.getState()).preferences.timeZone).toBe('Europe/Berlin');
      const done = await collect(spawnCli(h.config, ['prefs', '--time-zone', 'America/New_York', '--yes']));
      expect(done.code, done.stderr).toBe(0);
      expect(h.core.store.preferences.get().timeZone).toBe('America/New_York');
    } finally {
      await h.close();
    }
  }, 60_000);

  it('on a Node older than 24 says what it needs instead of crashing', () => {
    const system = '/usr/bin/node';
    const version = existsSync(system) ? spawnSync(system, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
    if (!version || Number(version.split('.')[0]) >= 24) {
      console.warn(`Skipping the old-Node check: ${system} is ${version ? `Node ${version}` : 'missing'}, not older than 24.`);
      return;
    }
    // No Node 24 to hand over to: not in CCAL_NODE, not where setup.sh puts it.
    const r = spawnSync(system, [join(import.meta.dirname, '..', '..', 'bin', 'ccal.mjs'), 'status'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: mkdtempSync(join(tmpdir(), 'ccal-home-')) } });
    expect(r.status).toBe(1);
    expect(r.signal).toBeNull();
    expect(r.stderr).toMatch(new RegExp(`^ccal needs Node.js 24 or newer, and this is Node.js ${version.replace(/\./g, '\\.')}`));
    expect(r.stderr).toMatch(/scripts\/setup\.sh/);
  });

  it('runs the sandbox demo with Google and Outlook, and leaves no temporary folder behind', async () => {
    const config = offlineConfig();
    // A private TMPDIR: the demo's folder is made there, and must be gone after.
    const tmp = mkdtempSync(join(tmpdir(), 'ccal-demo-tmp-'));
    // As a user starts it: without the test run's sandbox certificate, so the demo makes its own
    // (in TMPDIR) and runs itself again trusting it, then removes it.
    const { CCAL_SANDBOX_TLS_KEY: _key, CCAL_SANDBOX_TLS_CERT: _cert, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'src/main/cli/main.ts'), 'demo', '--json'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...env, TMPDIR: tmp, CCAL_DATA_DIR: config.dataDir, CCAL_CONFIG: join(config.dataDir, 'none.json') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const r = await collect(child);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { timeline: { step: string }[]; events: number; outlookEvents: number; state: { openConflicts: number; accounts: { provider: string }[] } };
    expect(result.timeline.map((t) => t.step)).toEqual(['first sync', 'changes on both sides', 'outlook both ways', 'google follows outlook', 'conflict', 'after resolving']);
    expect(result.state.accounts.map((a) => a.provider).slice(0, 2)).toEqual(['google', 'microsoft']);
    expect(result.outlookEvents).toBe(result.events);
    // (tsx keeps its own cache there too.)
    expect(readdirSync(tmp).filter((name) => name.startsWith('ccal-'))).toEqual([]);
  }, 90_000);

  it('names a damaged database, repairs it, and carries on', async () => {
    const config = offlineConfig();
    expect((await runCli(config, ['status'])).code).toBe(0);
    writeFileSync(join(config.dataDir, 'calendar.db'), 'not a database '.repeat(500));
    const broken = await runCli(config, ['status']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/is damaged.*ccal repair/);
    const repair = await runCli(config, ['repair']);
    expect(repair.code, repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/kept as .*damaged/);
    expect((await runCli(config, ['status'])).code).toBe(0);
  }, 60_000);
});
