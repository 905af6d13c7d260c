// The https server and the path every request takes. Identity endpoints
// (/{tenant}/oauth2/v2.0/…, OpenID metadata) and Graph (/v1.0/…) share one
// origin, as a test only needs one certificate. Graph requests authenticate with
// the bearer token first (401 before anything else), then run as operations; a
// $batch envelope runs its steps. Nothing is logged: tests share stdout.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { runBatch } from './microsoft-batch';
import { GraphFailure, graphErrorBody, IdentityFailure, internalError, invalidToken } from './microsoft-errors';
import type { Operation } from './microsoft-graph-api';
import { readBody, redirect, sendJson } from './microsoft-http';
import type { IdentityEndpoints, IdentityReply } from './microsoft-identity';
import type { Grant, IdentityTokens } from './microsoft-identity-tokens';
import { runOperation, type OperationState } from './microsoft-operations';
import type { SandboxTls } from './microsoft-tls';

export interface ServerState extends OperationState {
  identity: IdentityEndpoints;
  tokens: IdentityTokens;
}

const IDENTITY = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/authorize|oauth2\/v2\.0\/authorize\/consent|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys|discovery\/instance)$/;

export async function listen(state: ServerState, tls: SandboxTls, port: number): Promise<Server> {
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(state, req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, graphErrorBody(internalError(), undefined, randomUUID()));
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

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const body = await readBody(req);
  if (url.pathname.startsWith('/v1.0/') || url.pathname === '/v1.0') {
    await handleGraph(state, req, res, url, body);
    return;
  }
  const identity = IDENTITY.exec(url.pathname);
  if (identity?.[1] && identity[2]) {
    handleIdentity(state, req, res, url, body, identity[1], identity[2]);
    return;
  }
  sendJson(res, 404, '<!DOCTYPE html><title>404</title><p>Not found.</p>');
}

function handleIdentity(state: ServerState, req: IncomingMessage, res: ServerResponse, url: URL, body: string, tenant: string, endpoint: string): void {
  let reply: IdentityReply;
  try {
    if (endpoint === 'oauth2/v2.0/token') state.stats.tokenRequests += 1;
    const forced = state.faults.take(url.pathname + url.search, false)?.failure;
    if (forced instanceof IdentityFailure) throw forced;
    const form = new URLSearchParams(body);
    switch (endpoint) {
      case 'v2.0/.well-known/openid-configuration':
        reply = state.identity.openIdConfiguration(tenant);
        break;
      case 'discovery/instance':
        reply = state.identity.instanceDiscovery(url.searchParams);
        break;
      case 'discovery/v2.0/keys':
        reply = { status: 200, payload: { keys: [] } };
        break;
      case 'oauth2/v2.0/authorize':
        reply = state.identity.authorize(tenant, url.searchParams);
        break;
      case 'oauth2/v2.0/authorize/consent':
        reply = state.identity.consent(url.searchParams);
        break;
      default:
        if (req.method !== 'POST') throw new IdentityFailure(405, { error: 'invalid_request', error_description: 'AADSTS900561: The endpoint only accepts POST requests.' });
        reply = state.identity.token(tenant, form);
    }
  } catch (error) {
    if (!(error instanceof IdentityFailure)) throw error;
    reply = { status: error.status, payload: error.payload, contentType: error.contentType, headers: { 'Cache-Control': 'no-store' } };
  }
  if ('redirect' in reply) redirect(res, reply.redirect);
  else sendJson(res, reply.status, reply.payload, { ...(reply.contentType ? { 'Content-Type': reply.contentType } : {}), ...reply.headers });
}

async function handleGraph(state: ServerState, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
  state.stats.requests += 1;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const requestId = randomUUID();
  const fail = (failure: GraphFailure): void =>
    sendJson(res, failure.status, graphErrorBody(failure, headers['client-request-id'], requestId), { 'request-id': requestId, 'client-request-id': headers['client-request-id'] ?? requestId, ...failure.headers });

  const grant = authenticate(state, headers.authorization);
  if (grant instanceof GraphFailure) {
    fail(grant);
    return;
  }
  const path = url.pathname.slice('/v1.0'.length) || '/';
  if (path === '/$batch') {
    if (req.method !== 'POST') {
      fail(new GraphFailure(405, 'Request_BadRequest', 'The HTTP method is not allowed for $batch.'));
      return;
    }
    try {
      const payload = await runBatch(state, body, grant);
      sendJson(res, 200, payload, { 'request-id': requestId, 'client-request-id': headers['client-request-id'] ?? requestId });
    } catch (error) {
      fail(error instanceof GraphFailure ? error : internalError());
    }
    return;
  }
  const op: Operation = { method: req.method ?? 'GET', path, query: url.searchParams, headers, body };
  const result = await runOperation(state, op, grant);
  sendJson(res, result.status, result.payload, result.headers);
}

function authenticate(state: ServerState, authorization: string | undefined): Grant | GraphFailure {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) return invalidToken('Access token is empty.');
  const grant = state.tokens.grantForAccessToken(token);
  if (grant === 'expired') return invalidToken('Lifetime validation failed, the token is expired.');
  if (grant === 'unknown') return invalidToken('IDX14100: JWT is not well formed, there are no dots (.).');
  return grant;
}
