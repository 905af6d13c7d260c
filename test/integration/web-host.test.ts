// The web host over a real core (sandboxes, SQLite, the real keychain), driven by
// a plain `ws` client and raw HTTP requests: the contract round trip, frame
// validation, pushed events, who may connect (session key, Origin, Host), what
// may be read (no path out of the page's folder), and no secret in any frame.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';
import { startWebHost, type WebHost } from '../../src/main/host/web-host';
import { contentSecurityPolicy } from '../../src/shared/csp';
import { startHarness, USER, type Harness } from '../fixtures/harness';

const SIBLING_SECRET = 'sibling-file-that-must-never-be-served';

let h: Harness;
let host: WebHost;
let root = '';
let port = 0;
let token = '';
/** Every frame any client received, for the secrets check at the end. */
const received: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  const job = h.copilot.addJob({ title: 'Platform Engineer', company: 'Globex', location: 'Lisbon' });
  const start = DateTime.now().setZone('Europe/Berlin').plus({ days: 4 }).toFormat("yyyy-MM-dd'T'10:00:00");
  h.copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: start, follow_up_date: null }, USER.email);
  // The page's folder sits next to files that must stay unreachable.
  root = mkdtempSync(join(tmpdir(), 'ccal-web-host-'));
  const page = join(root, 'page');
  mkdirSync(join(page, 'assets'), { recursive: true });
  writeFileSync(join(page, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(page, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(page, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(page, '.env'), SIBLING_SECRET);
  writeFileSync(join(root, 'package.json'), `{"name":"${SIBLING_SECRET}"}`);
  writeFileSync(join(root, 'secret.txt'), SIBLING_SECRET);
  symlinkSync(join(root, 'secret.txt'), join(page, 'assets', 'link.txt'));
  host = await startWebHost({ core: h.core, staticDir: page });
  const url = new URL(host.url);
  port = Number(url.port);
  token = url.searchParams.get('session') ?? '';
}, 60_000);

afterAll(async () => {
  await host?.close();
  await h?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent byte for byte (fetch would normalise "/../"). */
function raw(path: string, options: { method?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const contractUrl = (session = token): string => `ws://127.0.0.1:${port}/contract?session=${encodeURIComponent(session)}`;
const ownOrigin = (): string => `http://127.0.0.1:${port}`;

type Frame = { id?: number | null; ok?: boolean; value?: unknown; error?: { code: string; message: string }; event?: string; payload?: unknown };

/** A connected client that keeps every frame and can wait for one. */
class Client {
  readonly frames: Frame[] = [];
  private waiters: { match(f: Frame): boolean; done(f: Frame): void }[] = [];
  private nextId = 1;
  closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      received.push(text);
      const frame = JSON.parse(text) as Frame;
      this.frames.push(frame);
      for (const w of this.waiters.filter((x) => x.match(frame))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(frame);
      }
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  waitFor(match: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const already = this.frames.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching frame in time')), timeoutMs);
      this.waiters.push({ match, done: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  request(name: string, args: unknown): Promise<Frame> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, name, args }));
    return this.waitFor((f) => f.id === id, 20_000);
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }
}

function connect(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(contractUrl(), { origin: ownOrigin() });
    const client = new Client(ws);
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

/** The HTTP status a refused upgrade got (fails if the socket opens). */
function refusal(url: string, options: { origin?: string; headers?: Record<string, string> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the socket opened'));
    });
    ws.once('error', () => undefined);
  });
}

describe('web host: the contract over a WebSocket', () => {
  it('answers getState with the real core', async () => {
    const c = await connect();
    const reply = await c.request('getState', {});
    expect(reply.ok).toBe(true);
    const state = reply.value as { copilot: { signedIn: boolean }; accounts: { email: string }[] };
    expect(state.copilot.signedIn).toBe(true);
    expect(state.accounts.map((a) => a.email)).toEqual(['jane@gmail.example']);
    c.ws.close();
  });

  it('answers bad arguments with a validation error frame, no stack', async () => {
    const c = await connect();
    const reply = await c.request('listAudit', { limit: 0 });
    expect(reply).toEqual({ id: reply.id, ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/listAudit.*malformed/) as unknown } });
    const notObject = await c.request('resolveConflict', 'yes');
    expect(notObject.error?.code).toBe('invalid_input');
    c.ws.close();
  });

  it('refuses request names the contract does not have', async () => {
    const c = await connect();
    for (const name of ['dropDatabase', 'constructor', '__proto__', 'toString']) {
      const reply = await c.request(name, {});
      expect(reply).toEqual({ id: reply.id, ok: false, error: { code: 'invalid_input', message: 'The app asked for something this version does not know.' } });
    }
    c.ws.close();
  });

  it('answers malformed frames with an error frame and keeps the connection', async () => {
    const c = await connect();
    c.sendRaw('{not json');
    expect(await c.waitFor((f) => f.ok === false && f.id === null)).toMatchObject({ error: { code: 'invalid_input' } });
    c.sendRaw(JSON.stringify({ id: 77, nme: 'getState' }));
    expect(await c.waitFor((f) => f.id === 77)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    c.sendRaw(JSON.stringify({ id: 'x', name: 'getState', args: {} }));
    c.sendRaw(Buffer.from([1, 2, 3]), true);
    await expect.poll(() => c.frames.filter((f) => f.ok === false && f.id === null).length).toBe(3);
    expect((await c.request('getState', {})).ok).toBe(true);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it('closes the connection on a frame over 1 MB', async () => {
    const c = await connect();
    c.sendRaw(JSON.stringify({ id: 1, name: 'getState', args: { pad: 'x'.repeat(1024 * 1024) } }));
    expect(await c.closed).toBe(1009);
  });

  it('pushes stateChanged after setPreferences', async () => {
    const c = await connect();
    const reply = await c.request('setPreferences', { reminderMinutes: 45 });
    expect(reply.ok).toBe(true);
    const pushed = await c.waitFor((f) => f.event === 'stateChanged' && (f.payload as { preferences: { reminderMinutes: number } }).preferences.reminderMinutes === 45);
    expect(pushed).toMatchObject({ event: 'stateChanged', payload: { copilot: { signedIn: true } } });
    c.ws.close();
  });

  it('syncs through the socket with progress events', async () => {
    const c = await connect();
    const reply = await c.request('syncNow', {});
    expect(reply).toMatchObject({ ok: true, value: { outcome: 'ok', created: expect.any(Number) as unknown } });
    expect(c.frames.some((f) => f.event === 'syncProgress')).toBe(true);
    const items = await c.request('listItems', {});
    expect((items.value as { title: string }[]).map((i) => i.title)).toContain('Interview: Platform Engineer at Globex');
    c.ws.close();
  });
});

describe('web host: who may connect', () => {
  it('refuses a wrong, missing or repeated session key with 403', async () => {
    const wrong = `${token.slice(0, -2)}AA` === token ? `${token.slice(0, -2)}BB` : `${token.slice(0, -2)}AA`;
    expect(await refusal(contractUrl(wrong), { origin: ownOrigin() })).toBe(403);
    expect(await refusal(`ws://127.0.0.1:${port}/contract`, { origin: ownOrigin() })).toBe(403);
    expect(await refusal(`${contractUrl()}&session=${token}`, { origin: ownOrigin() })).toBe(403);
    expect(await refusal(`ws://127.0.0.1:${port}/contract?session=`, { origin: ownOrigin() })).toBe(403);
  });

  it('refuses another Origin, or none, with 403', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${port}`, `https://127.0.0.1:${port}`, 'null']) {
      expect(await refusal(contractUrl(), { origin }), origin).toBe(403);
    }
    expect(await refusal(contractUrl(), {})).toBe(403);
  });

  it('refuses another Host (DNS rebinding) with 403, for the socket and the page', async () => {
    for (const name of [`localhost:${port}`, `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      expect(await refusal(contractUrl(), { origin: ownOrigin(), headers: { Host: name } }), name).toBe(403);
      expect((await raw('/', { host: name })).status, name).toBe(403);
    }
  });

  it('answers 404 for a socket on another path', async () => {
    expect(await refusal(`ws://127.0.0.1:${port}/other?session=${token}`, { origin: ownOrigin() })).toBe(404);
  });
});

describe('web host: the page files', () => {
  it('serves the page and assets with the CSP, nosniff and their content types', async () => {
    const page = await raw(`/?session=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy(false));
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<title>page</title>');
    expect(page.body).not.toContain(token);
    expect((await raw('/index.html')).status).toBe(200);
    const js = await raw('/assets/app.js');
    expect([js.status, js.headers['content-type'], js.headers['x-content-type-options']]).toEqual([200, 'text/javascript; charset=utf-8', 'nosniff']);
    expect((await raw('/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await raw('/assets/app.js', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
    expect((await raw('/', { method: 'POST' })).status).toBe(405);
  });

  it('lists no directory and serves no dotfile', async () => {
    for (const path of ['/assets', '/assets/', '/.env', '/assets/nope.js']) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('app.js');
      expect(res.body).not.toContain(SIBLING_SECRET);
    }
  });

  it('refuses every path out of the folder with 404', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/.%2e/secret.txt',
      '/..%5cpackage.json',
      '/..\\package.json',
      '/%252e%252e/package.json',
      '/%00/../package.json',
      '/%c0%ae%c0%ae/package.json',
      '//../package.json',
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/assets/link.txt',
    ];
    for (const path of attempts) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain(SIBLING_SECRET);
    }
  });
});

describe('web host: no secret crosses the socket', () => {
  it('sends no password, token or session key in any frame', async () => {
    const c = await connect();
    // Sign in again through the socket (a password goes in), refresh Google's
    // access token, then read everything the contract can show.
    expect((await c.request('signIn', USER)).ok).toBe(true);
    h.google.expireAccessTokens();
    for (const name of ['syncNow', 'getState', 'listItems', 'listConflicts', 'listAudit', 'exportAudit', 'getMetrics']) {
      expect((await c.request(name, {})).ok, name).toBe(true);
    }
    // Answered or refused (it needs an extra scope), the frame is checked all the same.
    await c.request('listCalendars', { accountId: h.accountId });
    c.ws.close();

    const jwt = await h.secrets.get(SecretKeys.copilotToken);
    const tokens = JSON.parse((await h.secrets.get(SecretKeys.providerTokens(h.accountId))) ?? '{}') as { access_token?: string; refresh_token?: string };
    const secrets = [USER.password, jwt, tokens.access_token, tokens.refresh_token, token].filter((s): s is string => typeof s === 'string' && s.length > 8);
    expect(secrets).toHaveLength(5);
    expect(received.length).toBeGreaterThan(20);
    const all = received.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `${secret.slice(0, 6)}… found in a frame`).toBe(false);
    // Error frames carry words for people, never a stack.
    expect(all).not.toMatch(/\n\s+at |\.ts:\d+/);
  }, 60_000);
});
