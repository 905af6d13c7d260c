// The node:http server and the path every request takes: count and log it
// (arrival time and whose token), maybe drop the connection, wait half the latency, read the body, apply an injected
// failure, authenticate, apply the quota, run the method, wait the other half,
// answer. Splitting the latency means a write is committed before its answer
// leaves, as on a real network, so a client killed mid-request has really
// written. Nothing is logged: tests share stdout.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCalendarApi } from './google-calendar-api';
import type { CalendarStore } from './google-calendar-store';
import { backendError, invalidCredentials, notFound, rateLimited, SandboxFailure } from './google-errors';
import type { Faults } from './google-faults';
import { parseForm, readBody, redirect, send, sendFailure } from './google-http';
import type { OAuthEndpoints, Reply } from './google-oauth';
import type { Quota } from './google-quota';
import { isApiPath, resolveRoute, type ResolvedRoute } from './google-routes';
import type { TokenStore } from './google-tokens';
import type { GoogleSandboxStats, SandboxRequestRecord } from './google-types';

export interface ServerState {
  store: CalendarStore;
  tokens: TokenStore;
  oauth: OAuthEndpoints;
  faults: Faults;
  quota: Quota;
  latencyMs: number;
  rateLimitStatus: 403 | 429;
  stats: GoogleSandboxStats;
  /** Most events per events.list page. */
  eventsPageCap: number;
  /** Requests as they arrived, oldest first, bounded. */
  log: SandboxRequestRecord[];
  /** Tests' stand-ins for the user acting in Google Calendar while one of our writes is on its way. */
  beforeWrite: ((eventId: string, calendarId: string) => void)[];
}

/** Enough for any test or benchmark run; older records are dropped first. */
const MAX_LOG = 10_000;

export async function listen(state: ServerState, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => {
      if (!res.headersSent) sendFailure(res, backendError());
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

export const portOf = (server: Server): number => (server.address() as AddressInfo).port;

const delay = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = resolveRoute(method, url.pathname);
  const { stats } = state;
  const key = route?.name ?? 'unknown';
  stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
  const api = isApiPath(url.pathname);
  if (api) stats.requests += 1;
  const token = bearer(req.headers.authorization);
  const record: SandboxRequestRecord = { at: Date.now(), method, route: key, user: token ? (state.tokens.grantForAccessToken(token)?.email ?? null) : null, status: null, answeredAt: null };
  state.log.push(record);
  if (state.log.length > MAX_LOG) state.log.splice(0, state.log.length - MAX_LOG);

  if (state.faults.takeDrop(url.pathname)) {
    // As a proxy or a restarting backend does: the connection closes with no answer.
    req.socket.destroy();
    return;
  }
  const half = state.latencyMs / 2;
  await delay(half);

  let reply: Reply;
  try {
    const body = await readBody(req);
    const forced = state.faults.takeFailure(url.pathname + url.search, url.pathname);
    if (forced) throw forced;
    if (!route) throw notFound();
    if (route.eventId && route.calendarId && (method === 'PUT' || method === 'PATCH' || method === 'DELETE')) state.beforeWrite.shift()?.(route.eventId, route.calendarId);
    reply = api ? runApi(state, route, url, req, body) : runOAuth(state, route, url, req, body);
  } catch (error) {
    const failure = error instanceof SandboxFailure ? error : backendError();
    if (isRateLimitAnswer(failure)) stats.rateLimited += 1;
    reply = { status: failure.status, payload: failure.payload, contentType: failure.contentType, headers: failure.status === 413 ? { ...failure.headers, Connection: 'close' } : failure.headers };
  }

  await delay(half);
  record.status = 'redirect' in reply ? 302 : reply.status;
  record.answeredAt = Date.now();
  if ('redirect' in reply) redirect(res, reply.redirect);
  else send(res, reply.status, reply.payload, reply.contentType, reply.headers);
}

function runApi(state: ServerState, route: ResolvedRoute, url: URL, req: IncomingMessage, body: string): Reply {
  const token = bearer(req.headers.authorization) ?? url.searchParams.get('access_token');
  const grant = token ? state.tokens.grantForAccessToken(token) : null;
  if (!grant) throw invalidCredentials();
  const waitSeconds = state.quota.admit(grant.email);
  if (waitSeconds !== null) throw rateLimited(state.rateLimitStatus, 'rateLimitExceeded', state.rateLimitStatus === 429 ? waitSeconds : undefined);
  const result = handleCalendarApi(state.store, { route, query: url.searchParams, headers: req.headers, body, grant, eventsPageCap: state.eventsPageCap });
  if (result.wrote) state.stats.writes += 1;
  return result.reply;
}

function runOAuth(state: ServerState, route: ResolvedRoute, url: URL, req: IncomingMessage, body: string): Reply {
  switch (route.name) {
    case 'oauth.authorize':
      return state.oauth.authorize(url.searchParams);
    case 'oauth.decision':
      return state.oauth.decide(url.searchParams);
    case 'oauth.token':
      return state.oauth.token(parseForm(body, req.headers['content-type']), req.headers);
    case 'oauth.revoke':
      return state.oauth.revoke(url.searchParams, parseForm(body, req.headers['content-type']));
    case 'oauth.userinfo':
      return state.oauth.userinfo(bearer(req.headers.authorization));
    default:
      throw notFound();
  }
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function isRateLimitAnswer(failure: SandboxFailure): boolean {
  if (failure.status === 429) return true;
  if (failure.status !== 403) return false;
  const errors = (failure.payload as { error?: { errors?: { domain?: string }[] } }).error?.errors;
  return errors?.[0]?.domain === 'usageLimits';
}
