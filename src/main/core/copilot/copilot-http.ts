// One Career Copilot HTTP exchange, done the same way for every call: the bearer
// from the SecretStore, a 30 s timeout, retries with exponential backoff and
// jitter on 5xx / 429 / network failures, and a 401 turned into "sign in again".
// What is left (2xx, and 4xx other than 401) goes back to the caller to interpret.
import { CopilotAuthError } from '../../../shared/errors';
import type { Fetch, Timers } from '../ports';
import { backoffDelay, parseRetryAfter } from '../scheduler/backoff';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { createLogger } from '../telemetry/logger';
import { CopilotErrorEnvelope } from './copilot-types';
import { badResponse, CopilotHttpFailure, networkCodeOf, unavailable } from './copilot-errors';

const log = createLogger('copilot-http');

export const REQUEST_TIMEOUT_MS = 30_000;
const BACKOFF = { baseMs: 500, capMs: 8_000 };
/** A Retry-After longer than this is not waited out inside one call: the next sync retries. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface CopilotHttpDeps {
  baseUrl: string;
  fetch: Fetch;
  secrets: SecretStore;
  timers: Timers;
  maxAttempts: number;
  random: () => number;
  /** Per attempt; REQUEST_TIMEOUT_MS unless a test needs it shorter. */
  timeoutMs: number;
}

export interface CopilotRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Under the API base, e.g. "/applications". */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  /** Sign-in sends no bearer, and its 401 means "wrong password", not "signed out". */
  anonymous?: boolean;
  signal?: AbortSignal;
  /** What the response is, for the "can't read" message, e.g. "a list of applications". */
  what: string;
}

/** A response the caller interprets: parsed JSON for 2xx, the error envelope's parts for 4xx. */
export interface CopilotResponse {
  status: number;
  body: unknown;
  detail: unknown;
  failure: CopilotHttpFailure | null;
}

export class CopilotHttp {
  private requests = 0;
  private readonly base: string;

  constructor(private readonly deps: CopilotHttpDeps) {
    this.base = deps.baseUrl.replace(/\/+$/, '');
  }

  /** HTTP requests sent so far, retries included (what the server saw). */
  requestCount(): number {
    return this.requests;
  }

  async send(req: CopilotRequest): Promise<CopilotResponse> {
    const token = req.anonymous ? null : await this.deps.secrets.get(SecretKeys.copilotToken);
    if (!req.anonymous && !token) throw new CopilotAuthError(new Error('No Career Copilot session is stored.'));
    let lastFailure: CopilotHttpFailure | null = null;

    for (let attempt = 1; attempt <= this.deps.maxAttempts; attempt += 1) {
      if (attempt > 1) {
        const wait = backoffDelay(attempt - 1, { ...BACKOFF, retryAfterMs: lastFailure?.retryAfterMs ?? null, random: this.deps.random });
        await this.deps.timers.sleep(wait, req.signal);
      }
      const outcome = await this.attempt(req, token);
      if (outcome.kind === 'response') return outcome.response;
      lastFailure = outcome.failure;
      if (outcome.kind === 'give_up') break;
      log.warn({ method: req.method, path: req.path, attempt, failure: outcome.failure.message }, 'Career Copilot request failed; retrying');
    }
    throw unavailable(lastFailure);
  }

  private async attempt(req: CopilotRequest, token: string | null): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.deps.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    this.requests += 1;

    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await this.deps.fetch(this.url(req), {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (error) {
      // The caller's own abort ends the call as it is; a timeout or a dropped
      // connection is a network failure worth another try.
      if (req.signal?.aborted) throw req.signal.reason;
      return { kind: 'retry', failure: new CopilotHttpFailure({ method: req.method, path: req.path, networkCode: networkCodeOf(error) }) };
    }

    if (status >= 200 && status < 300) return { kind: 'response', response: { status, body: parseBody(text, req.what), detail: null, failure: null } };

    const envelope = CopilotErrorEnvelope.safeParse(tryJson(text));
    const failure = new CopilotHttpFailure({
      method: req.method,
      path: req.path,
      status,
      errorCode: envelope.success ? envelope.data.error_code : null,
      requestId: envelope.success ? envelope.data.request_id : null,
      retryAfterMs: parseRetryAfter(retryAfter, new Date()),
    });
    if (status === 429 || status >= 500) {
      const tooLong = failure.retryAfterMs !== null && failure.retryAfterMs > MAX_RETRY_AFTER_MS;
      return { kind: tooLong ? 'give_up' : 'retry', failure };
    }
    if (status === 401 && !req.anonymous) {
      await this.forgetToken(token);
      throw new CopilotAuthError(failure);
    }
    return { kind: 'response', response: { status, body: null, detail: envelope.success ? envelope.data.detail : null, failure } };
  }

  private url(req: CopilotRequest): string {
    const url = new URL(`${this.base}${req.path}`);
    for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /** Drops the rejected token, unless a new sign-in replaced it while this request ran. */
  private async forgetToken(used: string | null): Promise<void> {
    try {
      if (used !== null && (await this.deps.secrets.get(SecretKeys.copilotToken)) === used) await this.deps.secrets.delete(SecretKeys.copilotToken);
    } catch {
      // The 401 is what matters to the caller; a keychain hiccup here changes nothing.
    }
  }
}

type Attempt = { kind: 'response'; response: CopilotResponse } | { kind: 'retry' | 'give_up'; failure: CopilotHttpFailure };

function parseBody(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the body, which may hold a token: say only its size.
    throw badResponse(what, new Error(`Response is not JSON (${text.length} characters).`));
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
