// A fetch for the Google client libraries, over node:http/https with keep-alive,
// that hands back a Response built from the fully read (and decoded) body.
//
// Why not the built-in fetch: undici registers every Response it returns in a
// FinalizationRegistry (to cancel unread bodies), and V8's young-generation GC
// keeps registered objects alive. So each response — headers, body stream, the
// fetch controller and the gaxios config hanging off it — survives two
// scavenges and is promoted to the old generation, where only a full GC frees
// it: about 23 KiB per request in old space, against 1 KiB here. Over a
// 10,000-event sync V8 let that garbage grow to several times the live heap
// before collecting. A Response built with `new Response(bytes)` is not
// registered, so it dies young.
//
// The deadline is a plain timer cleared when the answer is read, not
// AbortSignal.timeout: Node keeps such a signal in a FinalizationRegistry too, so
// each one was promoted with what it held and fired 30 s later for nobody.
//
// The answer is buffered, as res.text()/json() would do anyway; gaxios reads it
// whole for JSON. Redirects are followed like fetch's default. An `agent` in the
// init (gaxios passes its proxy agent that way) is used for the request.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export interface HttpFetchOptions {
  /** Sockets per origin; the rate limiter keeps requests in flight below this. */
  maxSockets?: number;
  /** The whole exchange, redirects and body included, fails with a TimeoutError after this. */
  timeoutMs?: number;
}

/** Who may cut a request short (the caller's signal, the deadline) and how to cut the part in progress. */
interface Stopper {
  reason: unknown;
  stop: ((reason: unknown) => void) | null;
}

const MAX_REDIRECTS = 20;
/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function createHttpFetch(options: HttpFetchOptions = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };

  return async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : input instanceof URL ? input.href : input);
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers ?? request?.headers);
    const body = await bodyBytes(init.body ?? (request?.body ? await request.arrayBuffer() : null), headers);
    const signal = init.signal ?? request?.signal ?? undefined;
    const agent = agentFrom(init);
    if (!headers.has('accept')) headers.set('accept', '*/*');
    if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br');

    if (signal?.aborted) throw signal.reason;
    const stopper: Stopper = { reason: undefined, stop: null };
    const cut = (reason: unknown): void => {
      stopper.reason ??= reason;
      stopper.stop?.(stopper.reason);
    };
    const onAbort = (): void => cut(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = options.timeoutMs ? setTimeout(() => cut(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), options.timeoutMs) : null;
    try {
      return await exchange(url, method, headers, body, init.redirect, stopper, (target) => agent ?? (target.protocol === 'https:' ? agents.https : agents.http));
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };
}

async function exchange(
  start: URL,
  startMethod: string,
  headers: Headers,
  startBody: Buffer | null,
  redirect: RequestInit['redirect'],
  stopper: Stopper,
  agentFor: (url: URL) => HttpAgent,
): Promise<Response> {
  let url = start;
  let method = startMethod;
  let body = startBody;
  for (let redirects = 0; ; redirects++) {
    const res = await send(url, method, headers, body, stopper, agentFor(url));
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location && redirect !== 'manual') {
      res.resume();
      if (redirect === 'error') throw new TypeError('fetch failed', { cause: new Error(`redirected to ${new URL(location, url).origin}`) });
      if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error('too many redirects') });
      // As fetch does: 303, and 301/302 after a POST, become a GET without a body.
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        body = null;
        for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
      }
      const next = new URL(location, url);
      if (next.origin !== url.origin) headers.delete('authorization');
      url = next;
      continue;
    }
    return toResponse(res, await readAll(res, stopper), url, redirects > 0, method === 'HEAD');
  }
}

async function bodyBytes(body: RequestInit['body'], headers: Headers): Promise<Buffer | null> {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // URLSearchParams, Blob, FormData, streams: let the platform serialise them,
  // with the content type fetch would have sent.
  const wrapped = new Response(body);
  const type = wrapped.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  return Buffer.from(await wrapped.arrayBuffer());
}

function agentFrom(init: RequestInit): HttpAgent | undefined {
  const agent: unknown = (init as { agent?: unknown }).agent;
  return agent instanceof HttpAgent ? agent : undefined;
}

function send(url: URL, method: string, headers: Headers, body: Buffer | null, stopper: Stopper, agent: HttpAgent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (stopper.reason !== undefined) {
      reject(stopper.reason);
      return;
    }
    const outgoing: OutgoingHttpHeaders = {};
    for (const [name, value] of headers) outgoing[name] = value;
    if (body) outgoing['content-length'] = String(body.length);
    else if (method !== 'GET' && method !== 'HEAD') outgoing['content-length'] = '0';
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers: outgoing, agent });
    const stop = (reason: unknown): void => {
      req.destroy();
      reject(reason);
    };
    const settled = (): void => {
      if (stopper.stop === stop) stopper.stop = null;
    };
    stopper.stop = stop;
    req.once('response', (res) => {
      settled();
      resolve(res);
    });
    // `on`, not `once`: a socket can fail again after the answer began, and an
    // unheard 'error' would crash the process. Later ones reach the body reader.
    req.on('error', (error) => {
      settled();
      reject(new TypeError('fetch failed', { cause: error }));
    });
    req.end(body ?? undefined);
  });
}

function readAll(res: IncomingMessage, stopper: Stopper): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stop = (reason: unknown): void => {
      res.destroy();
      done();
      reject(reason);
    };
    const done = (): void => {
      if (stopper.stop === stop) stopper.stop = null;
    };
    if (stopper.reason !== undefined) {
      stop(stopper.reason);
      return;
    }
    stopper.stop = stop;
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('end', () => {
      done();
      resolve(Buffer.concat(chunks));
    });
    res.on('error', (error) => {
      done();
      reject(new TypeError('terminated', { cause: error }));
    });
  });
}

function toResponse(res: IncomingMessage, raw: Buffer, url: URL, redirected: boolean, head: boolean): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) throw new TypeError('fetch failed', { cause: new Error(`unexpected HTTP status ${status}`) });
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
  const body = head || NULL_BODY.has(status) ? null : decode(raw, headers.get('content-encoding'));
  const response = new Response(body, { status, statusText: res.statusMessage ?? '', headers });
  // fetch's Response says where it ended up; a constructed one would say "".
  Object.defineProperties(response, { url: { value: url.href }, redirected: { value: redirected } });
  return response;
}

/** Undoes Content-Encoding, last applied first, as fetch does. */
function decode(raw: Buffer, encoding: string | null): Buffer {
  if (!encoding || raw.length === 0) return raw;
  let out = raw;
  for (const coding of encoding.toLowerCase().split(',').map((c) => c.trim()).reverse()) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out);
      else if (coding === 'deflate') out = out[0] !== undefined && (out[0] & 0x0f) === 8 ? inflateSync(out) : inflateRawSync(out); // zlib-wrapped or, as some servers send, raw
      else if (coding === 'br') out = brotliDecompressSync(out);
      else if (coding !== 'identity') return raw;
    } catch (error) {
      throw new TypeError('terminated', { cause: error });
    }
  }
  return out;
}
