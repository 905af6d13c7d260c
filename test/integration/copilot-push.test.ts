// Career Copilot's WebSocket end to end (DESIGN §5 "Near-real-time", §7): the
// running app, the real sandbox socket, the real keychain. The sync interval is an
// hour, so an event that moves within seconds was moved by a push-triggered sync.
// Waits poll with generous deadlines; the only fixed waits check that something
// does NOT happen.
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startHarness, taggedEvents, USER, type Harness } from '../fixtures/harness';
import { startCopilotSandbox } from '../../src/sandbox/copilot';
import { configureLogging } from '../../src/main/core/telemetry/logger';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

let h: Harness | null = null;
afterEach(async () => {
  configureLogging(null);
  await h?.close();
  h = null;
});

const ZONE = 'Europe/Berlin';
const inDays = (days: number, hour = 10): string => DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The interview's start in Google, as the naive local time Career Copilot uses. */
function googleStart(harness: Harness, appId: number): string | null {
  const start = taggedEvents(harness.google).get(`application:${appId}:interview`)?.[0]?.start;
  return start ? DateTime.fromISO(start).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss") : null;
}

const listings = (harness: Harness): number => harness.copilot.stats().byRoute['GET /applications'] ?? 0;

/** No sync running and none about to start for a listing we have not seen finish. */
async function idle(harness: Harness): Promise<boolean> {
  const state = await harness.core.getState();
  return !state.syncing && state.lastRun !== null;
}

/** A running app with one interview already in Google and the push socket open. */
async function runningApp(): Promise<{ harness: Harness; appId: number }> {
  const harness = await startHarness({ syncIntervalSeconds: 3600 });
  h = harness;
  const job = harness.copilot.addJob({ title: 'Backend Engineer', company: 'Acme', location: 'Berlin' });
  const appId = harness.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: inDays(3) }, USER.email).id;
  harness.core.start();
  await waitFor('the first sync', () => googleStart(harness, appId) === inDays(3));
  await waitFor('the push socket', () => harness.copilot.stats().wsOpen === 1);
  await waitFor('the first sync to finish', () => idle(harness));
  return { harness, appId };
}

/** Moves the interview in Career Copilot and waits for Google to follow. */
async function moveAndExpectInGoogle(harness: Harness, appId: number, days: number, hour: number): Promise<void> {
  harness.copilot.updateApplication(appId, { interview_date: inDays(days, hour) });
  await waitFor(`the move to ${inDays(days, hour)} in Google`, () => googleStart(harness, appId) === inDays(days, hour));
}

describe('Career Copilot push', () => {
  it('syncs a change made in Career Copilot within seconds, with an hour-long interval', async () => {
    const { harness, appId } = await runningApp();
    const before = listings(harness);
    const startedAt = Date.now();
    await moveAndExpectInGoogle(harness, appId, 6, 15);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    // A burst of edits makes one sync, not one per edit.
    await waitFor('the sync to finish', () => idle(harness));
    const afterOne = listings(harness);
    expect(afterOne - before).toBe(1);
    for (let i = 0; i < 5; i++) harness.copilot.updateApplication(appId, { notes: `edit ${i}` });
    await waitFor('the burst to be synced', () => listings(harness) > afterOne);
    await pause(2_500);
    expect(listings(harness) - afterOne).toBe(1);
  });

  it('reconnects after the connection drops, catches up, and later changes still arrive', async () => {
    const { harness, appId } = await runningApp();
    const before = listings(harness);
    harness.copilot.dropWebSockets();
    await waitFor('the reconnect', () => harness.copilot.stats().wsConnections === 2 && harness.copilot.stats().wsOpen === 1);
    // Pushes sent while the socket was down are lost, so the reconnect syncs once.
    await waitFor('the catch-up sync', async () => listings(harness) > before && (await idle(harness)));
    await moveAndExpectInGoogle(harness, appId, 7, 9);
    // Twice in a row, so the reconnect backoff is not left in a bad state.
    harness.copilot.dropWebSockets();
    await waitFor('the second reconnect', () => harness.copilot.stats().wsConnections === 3 && harness.copilot.stats().wsOpen === 1);
    await waitFor('the second catch-up sync', () => idle(harness));
    await pause(1_500);
    await waitFor('the second catch-up sync to finish', () => idle(harness));
    await moveAndExpectInGoogle(harness, appId, 8, 11);
  });

  it('stops retrying on an expired token, without crashing, and a new sign-in reconnects', async () => {
    const lines: string[] = [];
    configureLogging({ write: (line: string) => void lines.push(line) }, 'debug');
    const { harness, appId } = await runningApp();
    const oldToken = await harness.secrets.get(SecretKeys.copilotToken);
    harness.copilot.expireTokens();
    harness.copilot.dropWebSockets();
    await waitFor('the refused reconnect', () => harness.copilot.stats().wsRejected === 1);
    // Backoff would have retried within 0.5 s, 1 s, 2 s…: nothing more may come.
    await pause(3_000);
    expect(harness.copilot.stats().wsRejected).toBe(1);
    expect(harness.copilot.stats().wsOpen).toBe(0);
    await waitFor('the app to settle', () => idle(harness));

    await harness.core.signIn(USER);
    await waitFor('the reconnect after sign-in', () => harness.copilot.stats().wsOpen === 1);
    expect(harness.copilot.stats().wsConnections).toBe(2);
    await waitFor('the sign-in sync', async () => (await idle(harness)) && googleStart(harness, appId) === inDays(3));
    await pause(1_500);
    await waitFor('the sign-in sync to finish', () => idle(harness));
    await moveAndExpectInGoogle(harness, appId, 9, 14);

    // The token travels in the socket URL; it must never reach a log line.
    const newToken = await harness.secrets.get(SecretKeys.copilotToken);
    const log = lines.join('');
    expect(log).toContain('copilot-push');
    for (const token of [oldToken, newToken]) {
      expect(token).toBeTruthy();
      expect(log).not.toContain(token ?? '');
    }
    expect(log).not.toMatch(/\/ws\?/);
  });

  it('ignores malformed and unknown messages and keeps the socket', async () => {
    const { harness, appId } = await runningApp();
    const before = listings(harness);
    const junk = [
      '{"type":"application_status_update","data":',
      'definitely not json',
      '{"type":"application_status_update","data":{"application_id":"seven"}}',
      '{"type":"application_status_update"}',
      '{"type":"chat_message","data":{"application_id":1}}',
      'null',
      '[]',
    ];
    for (const text of junk) expect(harness.copilot.sendWebSocketRaw(text, USER.email)).toBe(1);
    await pause(2_500);
    expect(listings(harness)).toBe(before);
    expect(harness.copilot.stats().wsOpen).toBe(1);
    expect(harness.copilot.stats().wsConnections).toBe(1);
    await moveAndExpectInGoogle(harness, appId, 10, 16);
  });
});

describe('the sandbox socket', () => {
  it('pushes API and in-app edits and deletes, and closes a bad token with 1008', async () => {
    const sandbox = await startCopilotSandbox({ users: [USER] });
    try {
      const login = await fetch(`${sandbox.apiBase}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(USER) });
      const { access_token: token } = (await login.json()) as { access_token: string };
      const job = sandbox.addJob({ title: 'SRE', company: 'Hooli' });
      const app = sandbox.addApplication({ job_id: job.id, status: 'applied' });

      const messages: unknown[] = [];
      const ws = new WebSocket(`${sandbox.apiBase.replace('http:', 'ws:')}/ws?token=${token}`);
      ws.addEventListener('message', (e) => messages.push(JSON.parse(String(e.data))));
      await new Promise((ok) => ws.addEventListener('open', ok, { once: true }));
      await waitFor('the server to track the socket', () => sandbox.stats().wsOpen === 1);

      const put = await fetch(`${sandbox.apiBase}/applications/${app.id}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'interview' }) });
      expect(put.status).toBe(200);
      sandbox.deleteApplication(app.id);
      await waitFor('two pushes', () => messages.length === 2);
      expect(messages[0]).toEqual({ type: 'application_status_update', data: { application_id: app.id, status: 'interview', updated_at: expect.any(String) } });
      expect(messages[1]).toEqual({ type: 'application_status_update', data: { application_id: app.id, status: 'deleted', updated_at: expect.any(String) } });
      ws.close();

      const bad = new WebSocket(`${sandbox.apiBase.replace('http:', 'ws:')}/ws?token=forged`);
      const code = await new Promise<number>((ok) => bad.addEventListener('close', (e) => ok(e.code), { once: true }));
      expect(code).toBe(1008);
      expect(sandbox.stats().wsRejected).toBe(1);
    } finally {
      await sandbox.close();
    }
  });
});
