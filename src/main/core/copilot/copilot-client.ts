// The Career Copilot API client (DESIGN §7): sign-in keeps the JWT in the
// SecretStore only; the listings follow offset paging, validate each record on
// its own and hand the records on page by page (list* collect them, for callers
// that want them all); single jobs are cached for the client's lifetime (a job listing
// refreshes that cache); write-backs are checked.
import { z } from 'zod';
import type { Fetch, Timers } from '../ports';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { badResponse, CopilotLoginError, expectOk, rejected } from './copilot-errors';
import { CopilotHttp, REQUEST_TIMEOUT_MS } from './copilot-http';
import { readListing } from './copilot-paging';
import {
  CopilotApplication,
  CopilotJob,
  CopilotUser,
  type ApplicationListing,
  type ApplicationPatch,
  type CopilotClient,
  type JobListing,
  type ListingSummary,
  type PageHandler,
} from './copilot-types';

export interface CopilotClientDeps {
  /** The API root, e.g. http://127.0.0.1:8000/api/v1 */
  baseUrl: string;
  fetch: Fetch;
  secrets: SecretStore;
  timers: Timers;
  /** Records per page (applications and jobs); the backend allows at most 100. */
  pageSize?: number;
  /** Tries per request, the first included. */
  maxAttempts?: number;
  /** In [0, 1), for backoff jitter; injected so tests can pin it. */
  random?: () => number;
  /** Per-request timeout; 30 s by default. */
  timeoutMs?: number;
}

const MAX_PAGE_SIZE = 100;

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

  const applications = { path: '/applications', schema: CopilotApplication, noun: 'applications' };
  const jobListing = { path: '/jobs', schema: CopilotJob, noun: 'jobs' };

  function readApplications(onPage: PageHandler<CopilotApplication>, signal?: AbortSignal): Promise<ListingSummary> {
    return readListing(http, applications, pageSize, onPage, signal);
  }

  function readJobs(onPage: PageHandler<CopilotJob>, signal?: AbortSignal): Promise<ListingSummary> {
    return readListing(http, jobListing, pageSize, (page) => onPage(cachedAsRead(page)), signal);
  }

  /** What the listing says is newer than any cached single lookup. */
  function* cachedAsRead(page: Iterable<CopilotJob>): Generator<CopilotJob> {
    for (const job of page) {
      jobs.set(job.id, Promise.resolve(job));
      yield job;
    }
  }

  async function listApplications(signal?: AbortSignal): Promise<ApplicationListing> {
    const { records, rejected, requests } = await collect(readApplications, signal);
    return { applications: records, rejected, requests };
  }

  async function listJobs(signal?: AbortSignal): Promise<JobListing> {
    const { records, rejected, requests } = await collect(readJobs, signal);
    return { jobs: records, rejected, requests };
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

  return { login, logout, me, listApplications, readApplications, listJobs, readJobs, getJob, updateApplication, requestCount: () => http.requestCount() };
}

/** A streaming listing held whole: each record once (the last page's copy), only those the listing still had. */
async function collect<T extends { id: number }>(read: (onPage: PageHandler<T>, signal?: AbortSignal) => Promise<ListingSummary>, signal?: AbortSignal): Promise<ListingSummary & { records: T[] }> {
  const all = new Map<number, T>();
  const summary = await read((page) => {
    for (const r of page) all.set(r.id, r);
  }, signal);
  return { ...summary, records: [...all.values()].filter((r) => summary.listed.has(r.id)) };
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badResponse(what, new Error(`Invalid ${what} at ${fieldsOf(parsed.error)}`));
  return parsed.data;
}

function fieldsOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'root'} (${i.code})`).join(', ');
}
