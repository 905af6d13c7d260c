// The Google clients' transport against a real node:http server: what it sends,
// how it reads answers (compressed, empty, redirected), and how it fails, in the
// shapes the Google failure classifier already knows from the built-in fetch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../src/main/core/net/http-fetch';
import { networkCode } from '../../src/main/core/auth/safe-cause';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
let server: Server;
let base: string;
let closedEarly = 0;

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  const json = JSON.stringify({ ok: true, echo: body });
  switch (req.url) {
    case '/json':
      res.writeHead(201, 'Created', { 'content-type': 'application/json; charset=utf-8', 'set-cookie': ['a=1', 'b=2'] });
      return void res.end(json);
    case '/gzip':
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return void res.end(gzipSync(json));
    case '/br':
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
      return void res.end(brotliCompressSync(json));
    case '/deflate':
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate' });
      return void res.end(deflateSync(json));
    case '/empty':
      res.writeHead(204);
      return void res.end();
    case '/see-other':
      res.writeHead(303, { location: '/json' });
      return void res.end('moved');
    case '/slow':
      req.socket.once('close', () => (closedEarly += 1));
      return; // never answers
    case '/reset':
      req.socket.destroy();
      return;
    default:
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const httpFetch = createHttpFetch();

describe('createHttpFetch', () => {
  it('sends method, headers and body, and answers like fetch', async () => {
    const res = await httpFetch(new URL(`${base}/json`), {
      method: 'post',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ a: 'é' }),
    });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Created');
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${base}/json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ ok: true, echo: '{"a":"é"}' });
    const req = seen.at(-1);
    expect(req?.method).toBe('POST');
    expect(req?.headers.authorization).toBe('Bearer t');
    expect(req?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
    expect(req?.headers['accept-encoding']).toContain('gzip');
  });

  it('sends a form with the content type fetch would give it', async () => {
    await (await httpFetch(`${base}/json`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', x: 'a b' }) })).text();
    const req = seen.at(-1);
    expect(req?.body).toBe('grant_type=refresh_token&x=a+b');
    expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it.each(['gzip', 'br', 'deflate'])('decodes a %s body', async (path) => {
    const res = await httpFetch(`${base}/${path}`);
    expect(await res.json()).toEqual({ ok: true, echo: '' });
  });

  it('gives a null body for 204 and a readable one for errors', async () => {
    const empty = await httpFetch(`${base}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const missing = await httpFetch(`${base}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('not here');
  });

  it('follows a 303 with a GET without the body', async () => {
    const res = await httpFetch(`${base}/see-other`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(201);
    expect(res.redirected).toBe(true);
    expect(res.url).toBe(`${base}/json`);
    const [post, get] = seen.slice(-2);
    expect(post?.method).toBe('POST');
    expect(get?.method).toBe('GET');
    expect(get?.body).toBe('');
    expect(get?.headers['content-type']).toBeUndefined();
  });

  it('rejects with the signal reason on a timeout and closes the connection', async () => {
    const before = closedEarly;
    const error: unknown = await httpFetch(`${base}/slow`, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
    await expect.poll(() => closedEarly).toBe(before + 1);
  });

  it('rejects at once for an already aborted signal, without sending', async () => {
    const count = seen.length;
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(httpFetch(`${base}/json`, { signal: controller.signal })).rejects.toThrow('stop');
    expect(seen.length).toBe(count);
  });

  it('fails like fetch when the connection drops or is refused (a system code on the cause)', async () => {
    const reset: unknown = await httpFetch(`${base}/reset`).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(TypeError);
    expect(networkCode(reset)).toBe('ECONNRESET');
    const refused: unknown = await httpFetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as Error).message).toBe('fetch failed');
    expect(networkCode(refused)).toBe('ECONNREFUSED');
  });
});

describe('createHttpFetch with a deadline', () => {
  it('fails a request that outlives it with a TimeoutError, and leaves quick ones alone', async () => {
    const withDeadline = createHttpFetch({ timeoutMs: 150 });
    const quick = await withDeadline(`${base}/json`);
    expect(quick.status).toBe(201);
    const before = closedEarly;
    const error: unknown = await withDeadline(`${base}/slow`).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    await expect.poll(() => closedEarly).toBe(before + 1);
  });
});
