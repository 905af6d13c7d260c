// The one door every CalDAV request goes through, handed to tsdav as its `fetch`:
// adds Basic credentials (so tsdav never holds the password), only for origins the
// user's server named (the URL they typed, its RFC 6764 redirects and the hrefs it
// answered discovery with), with a timeout, a concurrency cap, and a count for
// sync_runs. 401, 429 and 5xx become typed errors here; everything else goes back
// to the caller, which knows what a 403, 404 or 412 means for its request.
import { networkCode } from '../../auth/safe-cause';
import type { Clock, Fetch, Timers } from '../../ports';
import { RateLimiter } from '../../scheduler/rate-limiter';
import { parseRetryAfter } from '../../scheduler/backoff';
import { CaldavAuthError, CaldavForeignUrlError, CaldavUnreachableError, caldavStatusError, httpCause } from './caldav-errors';

export interface CaldavCredentials {
  username: string;
  password: string;
}

export interface CaldavHttpOptions {
  serverUrl: string;
  credentials: CaldavCredentials;
  fetch: Fetch;
  clock: Clock;
  timers: Timers;
  timeoutMs?: number;
  maxConcurrent?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Servers such as Radicale serialise writes anyway; a few in flight hide latency. */
const DEFAULT_MAX_CONCURRENT = 4;
const MAX_REDIRECTS = 5;
const TRANSIENT = new Set([500, 502, 503, 504]);

export class CaldavHttp {
  readonly serverUrl: string;
  private readonly base: Fetch;
  private readonly authorization: string;
  private readonly trusted = new Set<string>();
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private requests = 0;

  constructor(options: CaldavHttpOptions) {
    this.serverUrl = options.serverUrl;
    this.base = options.fetch;
    this.clock = options.clock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // RFC 7617 with UTF-8, so a password outside Latin-1 still works.
    const pair = `${options.credentials.username}:${options.credentials.password}`;
    this.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    this.trusted.add(new URL(options.serverUrl).origin);
    this.limiter = new RateLimiter({
      maxRequests: 1_000_000,
      windowMs: 60_000,
      maxConcurrent: options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
      clock: options.clock,
      timers: options.timers,
    });
  }

  /** Trusts the origin of a URL the user's server gave us (a discovery href). */
  trust(url: string): void {
    this.trusted.add(new URL(url).origin);
  }

  isTrusted(url: string): boolean {
    try {
      return this.trusted.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  requestCount(): number {
    return this.requests;
  }

  /** The WHATWG fetch signature, for tsdav and for our own GET/PUT/DELETE. */
  readonly fetch: Fetch = async (input, init) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let method = (init?.method ?? 'GET').toUpperCase();
    let body = init?.body;
    for (let hop = 0; ; hop += 1) {
      const res = await this.once(url, method, { ...init, method, body });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (!location) return res;
      const target = new URL(location, url).href;
      // A redirect from the user's server (RFC 6764 well-known, a moved home) is
      // as trustworthy as an href it answers with.
      this.trust(target);
      if (init?.redirect === 'manual' || hop >= MAX_REDIRECTS) return res;
      await res.body?.cancel();
      if (res.status === 303) {
        method = 'GET';
        body = undefined;
      }
      url = target;
    }
  };

  private async once(url: string, method: string, init: RequestInit): Promise<Response> {
    if (!this.isTrusted(url)) throw new CaldavForeignUrlError(url);
    const headers = new Headers(init.headers);
    headers.set('authorization', this.authorization);
    const callerSignal = init.signal ?? undefined;
    const release = await this.limiter.acquire(callerSignal);
    // The clock starts once the request may go: waiting for a slot is not the server being slow.
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    let res: Response;
    try {
      this.requests += 1;
      res = await this.base(url, { ...init, method, headers, signal, redirect: 'manual' });
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const code = timeout.aborted ? 'TimeoutError' : (networkCode(error) ?? null);
      throw new CaldavUnreachableError(url, httpCause('failed', { method, url, status: null, code }));
    } finally {
      release();
    }
    if (res.status === 401) {
      await res.body?.cancel();
      throw new CaldavAuthError(url, httpCause('was refused', { method, url, status: 401 }));
    }
    if (res.status === 429 || TRANSIENT.has(res.status)) {
      await res.body?.cancel();
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.clock.now());
      throw caldavStatusError({ method, url, status: res.status }, 'failed', retryAfterMs);
    }
    return res;
  }
}
