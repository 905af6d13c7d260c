// CopilotPush's timing and state machine with a scripted socket and hand-driven
// timers: the URL it dials, the debounce, the reconnect backoff and its cap, the
// stop on an auth close, and stop(). The real socket and sandbox are covered by
// test/integration/copilot-push.test.ts.
import { describe, expect, it } from 'vitest';
import { CopilotPush } from '../../src/main/core/copilot/copilot-push';
import { parsePushMessage, pushEndpoint } from '../../src/main/core/copilot/copilot-push-protocol';
import type { Timers } from '../../src/main/core/ports';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

/** Timers whose sleeps resolve only when the test says so. */
function manualTimers() {
  const sleeps: { ms: number; resolve: () => void; settled: () => boolean }[] = [];
  const timers: Timers = {
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        let done = false;
        const finish = (): void => {
          done = true;
          resolve();
        };
        sleeps.push({ ms, resolve: finish, settled: () => done || signal?.aborted === true });
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
  const pending = () => sleeps.filter((s) => !s.settled());
  return { timers, sleeps, pending };
}

/** A socket the test drives from the server's side. */
class FakeSocket extends EventTarget {
  readyState = 0;
  closedWith: number | null = null;
  constructor(readonly url: string) {
    super();
  }
  close(code = 1005): void {
    if (this.readyState === 3) return;
    this.closedWith = code;
    this.serverClose(code);
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  message(data: unknown): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
}

const tick = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

async function setup(opts: { token?: string | null; random?: () => number; baseUrl?: string } = {}) {
  const secrets = new MemorySecretStore();
  if (opts.token !== null) await secrets.set(SecretKeys.copilotToken, opts.token ?? 'header.payload.sig');
  const { timers, pending } = manualTimers();
  const sockets: FakeSocket[] = [];
  let changes = 0;
  const push = new CopilotPush({
    baseUrl: opts.baseUrl ?? 'http://127.0.0.1:8000/api/v1/',
    secrets,
    timers,
    random: opts.random ?? (() => 0.5),
    onChange: () => changes++,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s as unknown as WebSocket;
    },
  });
  const last = (): FakeSocket => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket yet');
    return s;
  };
  return { push, secrets, pending, sockets, last, changes: () => changes };
}

describe('push endpoint and messages', () => {
  it('derives ws:// and wss:// from the API root, and refuses other schemes', () => {
    expect(pushEndpoint('http://127.0.0.1:8000/api/v1')?.toString()).toBe('ws://127.0.0.1:8000/api/v1/ws');
    expect(pushEndpoint('https://copilot.example/api/v1/')?.toString()).toBe('wss://copilot.example/api/v1/ws');
    expect(pushEndpoint('ftp://copilot.example/api/v1')).toBeNull();
    expect(pushEndpoint('not a url')).toBeNull();
  });

  it('reads a status update and nothing else', () => {
    expect(parsePushMessage('{"type":"application_status_update","data":{"application_id":3,"status":"interview","updated_at":"2030-01-01T00:00:00.000001"}}')).not.toBeNull();
    expect(parsePushMessage('{"type":"application_status_update","data":{"application_id":"3"}}')).toBeNull();
    expect(parsePushMessage('{"type":"chat","data":{}}')).toBeNull();
    expect(parsePushMessage('{"type":"application_status_update","data":')).toBeNull();
    expect(parsePushMessage(new ArrayBuffer(8))).toBeNull();
    expect(parsePushMessage(`{"type":"application_status_update","data":{"application_id":1,"notes":"${'x'.repeat(70_000)}"}}`)).toBeNull();
  });
});

describe('CopilotPush', () => {
  it('dials <root>/ws with the token and reports connected once open', async () => {
    const t = await setup({ token: 'a.b.c' });
    t.push.start();
    await tick();
    expect(t.last().url).toBe('ws://127.0.0.1:8000/api/v1/ws?token=a.b.c');
    expect(t.push.connected()).toBe(false);
    t.last().open();
    expect(t.push.connected()).toBe(true);
    await t.push.stop();
  });

  it('turns a burst of updates into one onChange after the debounce, and ignores junk', async () => {
    const t = await setup();
    t.push.start();
    await tick();
    t.last().open();
    t.last().message('not json');
    t.last().message('{"type":"heartbeat"}');
    t.last().message(new ArrayBuffer(4));
    expect(t.pending()).toHaveLength(0);
    for (let i = 0; i < 5; i++) t.last().message(`{"type":"application_status_update","data":{"application_id":${i},"status":"applied"}}`);
    expect(t.pending().map((s) => s.ms)).toEqual([1000]);
    t.pending()[0]?.resolve();
    await tick();
    expect(t.changes()).toBe(1);
    expect(t.push.connected()).toBe(true);
    await t.push.stop();
  });

  it('reconnects with growing, jittered, capped delays and catches up once back', async () => {
    const t = await setup({ random: () => 0.999 });
    t.push.start();
    await tick();
    t.last().open();
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      t.last().serverClose(1006);
      const wait = t.pending().at(-1);
      delays.push(wait?.ms ?? -1);
      wait?.resolve();
      await tick();
    }
    expect(t.sockets).toHaveLength(13);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    expect(delays[4]).toBeGreaterThan(delays[3] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5 * 60_000);
    expect(delays.at(-1)).toBeGreaterThan(4 * 60_000);
    // Updates may have been missed while down: one sync once the socket is back.
    t.last().open();
    const catchUp = t.pending();
    expect(catchUp.map((s) => s.ms)).toEqual([1000]);
    catchUp[0]?.resolve();
    await tick();
    expect(t.changes()).toBe(1);
    await t.push.stop();
  });

  it('stops retrying on an auth close until reconnectNow()', async () => {
    for (const code of [1008, 4401]) {
      const t = await setup();
      t.push.start();
      await tick();
      t.last().open();
      t.last().serverClose(code);
      await tick();
      expect(t.pending()).toHaveLength(0);
      expect(t.push.status().state).toBe('auth_rejected');
      expect(t.push.status().error?.code).toBe('copilot_auth');
      await t.secrets.set(SecretKeys.copilotToken, 'new.token.here');
      t.push.reconnectNow();
      await tick();
      expect(t.sockets).toHaveLength(2);
      expect(t.last().url).toContain('token=new.token.here');
      await t.push.stop();
    }
  });

  it('waits without a token and connects once one is stored', async () => {
    const t = await setup({ token: null });
    t.push.start();
    await tick();
    expect(t.sockets).toHaveLength(0);
    expect(t.push.status().error?.reason).toBe('no_token');
    const wait = t.pending();
    expect(wait).toHaveLength(1);
    await t.secrets.set(SecretKeys.copilotToken, 'x.y.z');
    wait[0]?.resolve();
    await tick();
    expect(t.sockets).toHaveLength(1);
    await t.push.stop();
  });

  it('stop() closes the socket with 1000 and cancels a pending onChange and retry', async () => {
    const t = await setup();
    t.push.start();
    await tick();
    const socket = t.last();
    socket.open();
    socket.message('{"type":"application_status_update","data":{"application_id":1}}');
    await t.push.stop();
    expect(socket.closedWith).toBe(1000);
    expect(t.pending()).toHaveLength(0);
    await tick();
    expect(t.changes()).toBe(0);
    expect(t.push.connected()).toBe(false);
  });

  it('stays off for a non-http API root', async () => {
    const t = await setup({ baseUrl: 'file:///tmp/api' });
    t.push.start();
    await tick();
    expect(t.sockets).toHaveLength(0);
    expect(t.push.status().error?.reason).toBe('unsupported_url');
  });
});
