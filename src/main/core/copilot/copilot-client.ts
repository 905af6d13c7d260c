// The Career Copilot API client (DESIGN §7): sign-in keeps the JWT in the
// SecretStore only; the listing follows offset paging and validates each record
// on its own; jobs are cached for the client's lifetime; write-backs are checked.
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Fetch, Timers } from '../ports';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { badResponse, CopilotLoginError, rejected } from './copilot-errors';
import { CopilotHttp, REQUEST_TIMEOUT_MS, type CopilotResponse } from './copilot-http';
import { ListingCollector, readableId } from './copilot-listing';
import { CopilotApplication, CopilotJob, CopilotUser, type ApplicationListing, type ApplicationPatch, type CopilotClient } from './copilot-types';

export interface CopilotClientDeps {
  /** The API root, e.g. http://127.0.0.1:8000/api/v1 */
  baseUrl: string;
  fetch: Fetch;
  secrets: SecretStore;
  timers: Timers;
  /** Applications per page; the backend allows at most 100. */
  pageSize?: number;
  /** Tries per request, the first included. */
  maxAttempts?: number;
  /** In [0, 1), for backoff jitter; injected so tests can pin it. */
  random?: () => number;
  /** Per-request timeout; 30 s by default. */
  timeoutMs?: number;
}

const MAX_PAGE_SIZE = 100;
/** 200,000 applications: far beyond any job search, short of an endless loop. */
const MAX_PAGES = 2_000;
/** Fresh passes over a listing that shifted while it was read. */
const MAX_RESTARTS = 3;

const LoginResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  user: CopilotUser,
});

export function createCopilotClient(deps: CopilotClientDeps): CopilotClient {
  const http = new CopilotHttp({
    baseUrl: deps.baseUrl,
    fetch: deps.fetch,
    secrets: deps.secrets,
    timers: deps.timers,
    maxAttempts: Math.max(1, deps.maxAttempts ?? 4),
    random: deps.random ?? Math.random,
    timeoutMs: deps.timeoutMs ?? REQUEST_TIMEOUT_MS,
  });
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(deps.pageSize ?? MAX_PAGE_SIZE)));
  // Promises, so two concurrent lookups of one job make one request; a failure is not cached.
  const jobs = new Map<number, Promise<CopilotJob | null>>();

  async function login(identifier: string, password: string, signal?: AbortSignal): Promise<CopilotUser> {
    const field = identifier.includes('@') ? 'email' : 'username';
    const res = await http.send({ method: 'POST', path: '/auth/login', body: { [field]: identifier, password }, anonymous: true, signal, what: 'a sign-in answer' });
    if (res.status === 400 || res.status === 401 || res.status === 422) throw new CopilotLoginError(res.failure);
    expectOk(res, 'Career Copilot refused the sign-in');
    const parsed = LoginResponse.safeParse(res.body);
    // The zod error could echo the token it failed on: keep only the field names.
    if (!parsed.success) throw badResponse('a sign-in answer', new Error(`Invalid login response at ${fieldsOf(parsed.error)}`));
    await deps.secrets.set(SecretKeys.copilotToken, parsed.data.access_token);
    jobs.clear(); // another user may be signing in
    return parsed.data.user;
  }

  async function logout(): Promise<void> {
    jobs.clear();
    await deps.secrets.delete(SecretKeys.copilotToken);
  }

  async function me(signal?: AbortSignal): Promise<CopilotUser> {
    const res = await http.send({ method: 'GET', path: '/auth/me', signal, what: 'your account details' });
    expectOk(res, 'Career Copilot refused to show your account');
    return parseOrThrow(CopilotUser, res.body, 'your account details');
  }

  async function listApplications(signal?: AbortSignal): Promise<ApplicationListing> {
    const before = http.requestCount();
    for (let pass = 0; pass <= MAX_RESTARTS; pass += 1) {
      const collector = await readAllPages(signal);
      if (collector) return collector.result(http.requestCount() - before);
    }
    throw new AppError('copilot_unavailable', 'Your applications in Career Copilot kept changing while the app read them. It will try again in a moment.', { retryable: true });
  }

  /**
   * One pass over the listing, or null when the rows shifted under it. Pages
   * overlap by one row: if a page does not start with the row that ended the
   * previous one, a row was deleted or inserted before the cursor, so a row may
   * have been skipped — and a skipped row would look like a deleted application.
   */
  async function readAllPages(signal?: AbortSignal): Promise<ListingCollector | null> {
    const collector = new ListingCollector();
    const overlap = pageSize > 1 ? 1 : 0;
    let skip = 0;
    let expectedFirst: number | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const res = await http.send({ method: 'GET', path: '/applications', query: { skip, limit: pageSize }, signal, what: 'a list of applications' });
      expectOk(res, 'Career Copilot refused to list your applications');
      const rows = res.body;
      if (!Array.isArray(rows)) throw badResponse('a list of applications', new Error(`GET /applications?skip=${skip} returned ${describeShape(rows)}, not an array`));
      if (page > 0 && overlap > 0 && expectedFirst !== null && readableId(rows[0]) !== expectedFirst) return null;
      const fresh = collector.addPage(rows);
      // A short page is the last one.
      if (rows.length < pageSize) return collector;
      // A full page of rows we already had means the server ignores `skip`: stop rather than loop.
      if (fresh === 0) throw badResponse('a list of applications', new Error(`GET /applications?skip=${skip} repeated the previous page`));
      expectedFirst = readableId(rows[rows.length - 1]);
      skip += pageSize - overlap;
    }
    throw badResponse('a list of applications', new Error(`More than ${MAX_PAGES} pages of applications`));
  }

  function getJob(jobId: number, signal?: AbortSignal): Promise<CopilotJob | null> {
    const cached = jobs.get(jobId);
    if (cached) return cached;
    const pending = fetchJob(jobId, signal);
    jobs.set(jobId, pending);
    pending.catch(() => jobs.delete(jobId));
    return pending;
  }

  async function fetchJob(jobId: number, signal?: AbortSignal): Promise<CopilotJob | null> {
    const res = await http.send({ method: 'GET', path: `/jobs/${jobId}`, signal, what: 'job details' });
    if (res.status === 404) return null; // the job was deleted; the application still syncs without it
    expectOk(res, `Career Copilot refused to show job #${jobId}`);
    return parseOrThrow(CopilotJob, res.body, 'job details');
  }

  async function updateApplication(id: number, patch: ApplicationPatch, signal?: AbortSignal): Promise<CopilotApplication> {
    const res = await http.send({ method: 'PUT', path: `/applications/${id}`, body: patch, signal, what: 'the updated application' });
    if (res.status === 404) throw rejected(`Career Copilot no longer has application #${id}, so the change was not saved`, res.detail, res.failure);
    if (res.status === 409) throw rejected(`Application #${id} changed in Career Copilot at the same time, so the change was not saved`, res.detail, res.failure);
    expectOk(res, `Career Copilot refused the change to application #${id}`);
    return parseOrThrow(CopilotApplication, res.body, 'the updated application');
  }

  return { login, logout, me, listApplications, getJob, updateApplication, requestCount: () => http.requestCount() };
}

/** Any non-2xx left after the transport's handling is a refusal with the server's reason. */
function expectOk(res: CopilotResponse, lead: string): void {
  if (res.status >= 200 && res.status < 300) return;
  throw rejected(lead, res.detail, res.failure);
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badResponse(what, new Error(`Invalid ${what} at ${fieldsOf(parsed.error)}`));
  return parsed.data;
}

function fieldsOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'root'} (${i.code})`).join(', ');
}

function describeShape(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}
