// The backend's routes under /api/v1 (DESIGN §7), each a small function from a
// parsed request to a JSON result. Failures are thrown as SandboxHttpError and
// become the error envelope.
import type { IncomingMessage } from 'node:http';
import type { SandboxData } from './sandbox-data';
import { invalid, notFound, readJson, unauthorized, type ValidationIssue } from './sandbox-http';
import type { JwtIssuer } from './sandbox-jwt';
import { parseApplicationUpdate } from './sandbox-validation';
import type { SandboxJob, SandboxUser } from './sandbox-types';

export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  params: { id?: number };
  data: SandboxData;
  jwt: JwtIssuer;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

type Handler = (ctx: RouteContext) => Promise<RouteResult> | RouteResult;

interface Route {
  method: string;
  /** Stats key, FastAPI-style: "GET /applications/{id}". */
  key: string;
  pattern: RegExp;
  handler: Handler;
}

const API = '/api/v1';
const MAX_LIMIT = 100;

const ok = (body: unknown): RouteResult => ({ status: 200, body });

export const ROUTES: Route[] = [
  { method: 'POST', key: 'POST /auth/login', pattern: /^\/auth\/login$/, handler: login },
  { method: 'GET', key: 'GET /auth/me', pattern: /^\/auth\/me$/, handler: (ctx) => ok(publicUser(authenticate(ctx))) },
  { method: 'GET', key: 'GET /applications', pattern: /^\/applications$/, handler: listApplications },
  { method: 'GET', key: 'GET /applications/{id}', pattern: /^\/applications\/([^/]+)$/, handler: (ctx) => ok(ownApplication(ctx, authenticate(ctx))) },
  { method: 'PUT', key: 'PUT /applications/{id}', pattern: /^\/applications\/([^/]+)$/, handler: updateApplication },
  { method: 'GET', key: 'GET /jobs', pattern: /^\/jobs$/, handler: listJobs },
  { method: 'GET', key: 'GET /jobs/{id}', pattern: /^\/jobs\/([^/]+)$/, handler: getJob },
];

export interface Resolved {
  key: string;
  /** The route for this path, when the method matches too. */
  route: Route | null;
  /** The path exists under another method (405, not 404). */
  otherMethod: boolean;
  /** The raw path parameter. */
  rawId: string | undefined;
}

/** Finds the route for a request path ("/api/v1/…", a trailing slash tolerated). */
export function resolve(method: string, pathname: string): Resolved {
  if (!pathname.startsWith(`${API}/`)) return { key: `${method} other`, route: null, otherMethod: false, rawId: undefined };
  const path = pathname.slice(API.length).replace(/\/+$/, '') || '/';
  let otherMethod = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method === method) return { key: route.key, route, otherMethod: false, rawId: m[1] };
    otherMethod = true;
  }
  return { key: `${method} other`, route: null, otherMethod, rawId: undefined };
}

/** An integer path parameter, or FastAPI's validation error. */
export function parseId(raw: string): number {
  if (!/^-?\d{1,15}$/.test(raw)) throw invalid([{ loc: ['path', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' }]);
  return Number(raw);
}

async function login(ctx: RouteContext): Promise<RouteResult> {
  const body = await readJson(ctx.req);
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const identifier = typeof input.email === 'string' ? input.email : typeof input.username === 'string' ? input.username : undefined;
  const issues: ValidationIssue[] = [];
  if (identifier === undefined) issues.push({ loc: ['body', 'username'], msg: 'Either username or email is required', type: 'missing' });
  if (typeof input.password !== 'string') issues.push({ loc: ['body', 'password'], msg: 'Field required', type: 'missing' });
  if (issues.length > 0) throw invalid(issues);
  const user = ctx.data.findUser(identifier ?? '');
  // Same answer for an unknown user and a wrong password, so neither can be probed.
  if (!user || user.password !== input.password) throw unauthorized('Incorrect username or password');
  const token = ctx.jwt.issue(user.id, user.email, Date.now());
  return ok({ access_token: token, token_type: 'bearer', user: publicUser(user) });
}

function listApplications(ctx: RouteContext): RouteResult {
  const user = authenticate(ctx);
  const { skip, limit } = pageQuery(ctx.url);
  const status = ctx.url.searchParams.get('status');
  const all = ctx.data.appsOf(user.id).filter((a) => !status || a.status === status);
  return ok(all.slice(skip, skip + limit));
}

/** The user's jobs (see SandboxData.jobsOf for which), paged exactly as applications are. */
function listJobs(ctx: RouteContext): RouteResult {
  const user = authenticate(ctx);
  const { skip, limit } = pageQuery(ctx.url);
  return ok(ctx.data.jobsOf(user.id).slice(skip, skip + limit).map((job) => jobResponse(job, user.id, ctx.data.jobTimestamps(job.id))));
}

/** Offset paging as the backend validates it: skip ≥ 0, 1 ≤ limit ≤ 100, every bad field in one 400. */
function pageQuery(url: URL): { skip: number; limit: number } {
  const q = url.searchParams;
  const skip = intQuery(q.get('skip'), 'skip', 0);
  const limit = intQuery(q.get('limit'), 'limit', MAX_LIMIT);
  const issues: ValidationIssue[] = [];
  if (skip < 0) issues.push({ loc: ['query', 'skip'], msg: 'Input should be greater than or equal to 0', type: 'greater_than_equal' });
  if (limit < 1) issues.push({ loc: ['query', 'limit'], msg: 'Input should be greater than or equal to 1', type: 'greater_than_equal' });
  if (limit > MAX_LIMIT) issues.push({ loc: ['query', 'limit'], msg: `Input should be less than or equal to ${MAX_LIMIT}`, type: 'less_than_equal' });
  if (issues.length > 0) throw invalid(issues);
  return { skip, limit };
}

async function updateApplication(ctx: RouteContext): Promise<RouteResult> {
  const user = authenticate(ctx);
  const app = ownApplication(ctx, user);
  const changes = parseApplicationUpdate(await readJson(ctx.req));
  return ok(ctx.data.patchApp(app.id, changes));
}

function getJob(ctx: RouteContext): RouteResult {
  const user = authenticate(ctx);
  const id = ctx.params.id ?? 0;
  const job = ctx.data.job(id, user.id);
  if (!job) throw notFound('Job not found');
  return ok(jobResponse(job, user.id, ctx.data.jobTimestamps(id)));
}

/** The caller, from a valid bearer token; 401 with WWW-Authenticate otherwise. */
function authenticate(ctx: RouteContext): SandboxUser {
  const header = ctx.req.headers.authorization;
  if (!header) throw unauthorized('Not authenticated');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthorized('Not authenticated');
  const claims = ctx.jwt.verify(m[1] ?? '', Date.now());
  const user = claims ? ctx.data.userById(Number(claims.sub)) : undefined;
  if (!user) throw unauthorized();
  return user;
}

function ownApplication(ctx: RouteContext, user: SandboxUser) {
  const app = ctx.data.app(ctx.params.id ?? 0);
  // Another user's application is "not found", never "forbidden": ids do not leak.
  if (!app || app.user_id !== user.id) throw notFound('Application not found');
  return app;
}

function intQuery(raw: string | null, name: string, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d{1,9}$/.test(raw)) throw invalid([{ loc: ['query', name], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' }]);
  return Number(raw);
}

function publicUser(user: SandboxUser) {
  return { id: user.id, email: user.email, username: user.username, is_active: true };
}

/** The backend's JobResponse: every column, most of them empty for a sandbox job. */
function jobResponse(job: SandboxJob, userId: number, stamps: { created_at: string; updated_at: string }) {
  return {
    id: job.id,
    user_id: job.user_id ?? userId,
    company: job.company,
    title: job.title,
    location: job.location ?? null,
    description: job.description ?? null,
    requirements: null,
    responsibilities: null,
    salary_range: job.salary_range ?? null,
    job_type: job.job_type ?? null,
    remote_option: job.remote_option ?? null,
    tech_stack: [],
    documents_required: null,
    link: job.link ?? null,
    source: 'manual',
    status: 'applied',
    date_applied: null,
    notes: null,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}
