// The CalDAV request door (caldav-http.ts) against a real local HTTP server:
// credentials only to trusted origins, redirects that extend the trust, and a
// timeout that counts the server's time, not the wait for a free slot.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/shared/errors';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import { CaldavHttp } from '../../src/main/core/providers/caldav/caldav-http';

interface Seen {
  path: string;
  authorization: string | undefined;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('CaldavHttp', () => {
  const seen: Seen[] = [];
  let main: { server: Server; url: string };
  let other: { server: Server; url: string };

  beforeAll(async () => {
    other = await listen((req, res) => {
      seen.push({ path: `other${req.url}`, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('other');
    });
    main = await listen((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.url === '/.well-known/caldav') return void res.writeHead(301, { location: `${other.url}/dav/` }).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('slow'), 400);
      if (req.url === '/busy') return void res.writeHead(503, { 'retry-after': '7' }).end();
      if (req.url === '/denied') return void res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
      res.writeHead(200).end('ok');
    });
  });
  afterAll(async () => {
    await new Promise((r) => main.server.close(r));
    await new Promise((r) => other.server.close(r));
  });

  const http = (timeoutMs = 10_000, maxConcurrent = 4): CaldavHttp =>
    new CaldavHttp({ serverUrl: `${main.url}/`, credentials: { username: 'ann', password: 'pä$$wörd' }, fetch: globalThis.fetch.bind(globalThis), clock: systemClock, timers: systemTimers, timeoutMs, maxConcurrent });

  it('sends UTF-8 Basic credentials to the server, and refuses an origin it never named', async () => {
    const h = http();
    await (await h.fetch(`${main.url}/x`)).text();
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('ann:pä$$wörd', 'utf8').toString('base64')}`);
    const before = seen.length;
    const error = await h.fetch(`${other.url}/steal`).catch((e: unknown) => e);
    expect((error as ProviderError).code).toBe('invalid_input');
    expect(seen.length).toBe(before);
  });

  it("follows the server's redirect to another origin and trusts it from then on", async () => {
    const h = http();
    const res = await h.fetch(`${main.url}/.well-known/caldav`, { method: 'PROPFIND' });
    expect(await res.text()).toBe('other');
    expect(seen.at(-1)).toEqual({ path: 'other/dav/', authorization: expect.stringMatching(/^Basic /) });
    expect(h.isTrusted(`${other.url}/anything`)).toBe(true);
  });

  it('types a refused password, a busy server and its Retry-After', async () => {
    const h = http();
    expect(((await h.fetch(`${main.url}/denied`).catch((e: unknown) => e)) as ProviderError).code).toBe('provider_auth');
    const busy = (await h.fetch(`${main.url}/busy`).catch((e: unknown) => e)) as ProviderError;
    expect(busy.code).toBe('provider_unavailable');
    expect(busy.retryable).toBe(true);
    expect(busy.retryAfterMs).toBe(7000);
  });

  it('does not count the wait for a free slot against the timeout', async () => {
    // One slot, five requests of 400 ms each, 1 s timeout: the last waits 1.6 s for its slot.
    const h = http(1_000, 1);
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.fetch(`${main.url}/slow`).then((r) => r.text())));
    expect(answers).toEqual(['slow', 'slow', 'slow', 'slow', 'slow']);
    expect(h.requestCount()).toBe(5);
  });
});
