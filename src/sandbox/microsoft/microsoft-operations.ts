// One Graph operation — a plain request or one step of a $batch — takes the
// same path: resolve the route, check the permission, take a mailbox slot (429
// ApplicationThrottled when the mailbox already has 4 in flight), hold it for the
// latency, apply an injected failure, run, and turn any GraphFailure into the
// error envelope. Half the latency is spent before the write and half after, so
// a client cut off mid-request has really written, as on a real network.
import { randomUUID } from 'node:crypto';
import { GraphFailure, graphErrorBody, internalError, mailboxThrottled } from './microsoft-errors';
import type { Faults } from './microsoft-faults';
import { checkPermission, resolveRoute, type ApiContext, type ApiUser, type Operation } from './microsoft-graph-api';
import type { Json } from './microsoft-http';
import type { Grant } from './microsoft-identity-tokens';
import type { Mailbox } from './microsoft-mailbox';
import type { MailboxThrottle } from './microsoft-throttle';
import type { MicrosoftSandboxStats } from './microsoft-types';

export interface OperationState {
  mailbox: Mailbox;
  faults: Faults;
  throttle: MailboxThrottle;
  latencyMs: number;
  retryAfterSeconds: number;
  defaultPageSize: number;
  maxPageSize: number;
  user: ApiUser;
  base: string;
  stats: MicrosoftSandboxStats;
}

export interface OperationResult {
  status: number;
  payload?: Json;
  headers: Record<string, string>;
}

const delay = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

export async function runOperation(state: OperationState, op: Operation, grant: Grant): Promise<OperationResult> {
  const requestId = randomUUID();
  const ids = { 'request-id': requestId, 'client-request-id': op.headers['client-request-id'] ?? requestId };
  let release: (() => void) | null = null;
  try {
    const route = resolveRoute(op.method, op.path);
    state.stats.byRoute[route.name] = (state.stats.byRoute[route.name] ?? 0) + 1;
    checkPermission(route.need, grant.scopes);
    release = state.throttle.tryAcquire();
    state.stats.peakConcurrency = state.throttle.peak;
    if (!release) throw mailboxThrottled(state.retryAfterSeconds);
    const half = state.latencyMs / 2;
    await delay(half);
    const forced = state.faults.take(`${op.path}?${op.query.toString()}`, true);
    if (forced && !forced.afterWrite) throw forced.failure;
    const ctx: ApiContext = { mailbox: state.mailbox, base: state.base, user: state.user, scopes: grant.scopes, defaultPageSize: state.defaultPageSize, maxPageSize: state.maxPageSize };
    const result = route.run(ctx, op);
    if (result.wrote) state.stats.writes += 1;
    if (forced) throw forced.failure;
    await delay(half);
    return { status: result.status, payload: result.payload, headers: { ...ids, ...result.headers } };
  } catch (error) {
    const failure = error instanceof GraphFailure ? error : internalError();
    if (failure.status === 429) state.stats.throttled += 1;
    return { status: failure.status, payload: graphErrorBody(failure, op.headers['client-request-id'], requestId), headers: { ...ids, ...failure.headers } };
  } finally {
    release?.();
  }
}
