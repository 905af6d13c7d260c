// The node:http server: counts each request, waits the configured latency,
// applies queued faults, routes, and writes JSON or the error envelope. It never
// writes to stdout; tests and the demo read stats() instead.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxData } from './sandbox-data';
import type { SandboxFaults, FailStatus, MalformKind } from './sandbox-faults';
import { SandboxHttpError, sendError, sendJson, sendRaw, unauthorized } from './sandbox-http';
import type { JwtIssuer } from './sandbox-jwt';
import { parseId, resolve } from './sandbox-routes';
import type { SandboxSockets, SocketCounters } from './sandbox-websocket';

export interface SandboxStats extends SocketCounters {
  requests: number;
  byRoute: Record<string, number>;
  puts: number;
  /** WebSockets open at the moment stats() was called. */
  wsOpen: number;
}

export interface ServerState {
  data: SandboxData;
  faults: SandboxFaults;
  jwt: JwtIssuer;
  latencyMs: number;
  stats: SandboxStats;
  sockets: SandboxSockets;
}

export async function listen(state: ServerState, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => {
      // A response already half-written cannot carry an envelope; end the socket.
      if (!res.headersSent) sendError(res, new SandboxHttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
      else res.destroy();
    });
  });
  // WebSocket upgrades (GET /api/v1/ws) bypass the request handler, its latency and faults.
  server.on('upgrade', (req, socket, head) => state.sockets.handleUpgrade(req, socket, head));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const resolved = resolve(method, url.pathname);
  count(state.stats, resolved.key, method);

  if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
  if (state.faults.takeDrop()) {
    // As a proxy or a restarting backend does: the connection closes with no answer.
    req.socket.destroy();
    return;
  }
  const forced = state.faults.takeFail(url.pathname);
  if (forced !== null) {
    sendForced(res, forced);
    return;
  }

  try {
    if (!resolved.route) {
      throw resolved.otherMethod ? new SandboxHttpError(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed') : new SandboxHttpError(404, 'NOT_FOUND', 'Not Found');
    }
    const params = resolved.rawId === undefined ? {} : { id: parseId(resolved.rawId) };
    const result = await resolved.route.handler({ req, url, params, data: state.data, jwt: state.jwt });
    sendResult(state, res, url.pathname, result.status, result.body);
  } catch (error) {
    if (error instanceof SandboxHttpError) sendError(res, error);
    else throw error;
  }
}

function count(stats: SandboxStats, key: string, method: string): void {
  stats.requests += 1;
  stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
  if (method === 'PUT') stats.puts += 1;
}

function sendForced(res: ServerResponse, status: FailStatus): void {
  switch (status) {
    case 401:
      sendError(res, unauthorized());
      return;
    case 500:
      sendError(res, new SandboxHttpError(500, 'INTERNAL_SERVER_ERROR', 'An unexpected error occurred'));
      return;
    case 502:
      // A 502 comes from the reverse proxy in front of the backend: HTML, not JSON.
      sendRaw(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', {}, 'text/html');
      return;
    case 503:
      sendError(res, new SandboxHttpError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable'));
      return;
  }
}

/** Writes a successful result, malformed first if a test queued that for this path. */
function sendResult(state: ServerState, res: ServerResponse, path: string, status: number, body: unknown): void {
  const kind: MalformKind | null = status < 300 ? state.faults.peekMalform(path) : null;
  if (kind === 'invalid_json') {
    state.faults.consumeMalform(path);
    const text = JSON.stringify(body);
    sendRaw(res, status, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    return;
  }
  if (kind === 'not_an_array') {
    state.faults.consumeMalform(path);
    // What a paginated API redesign would return in place of the bare array.
    sendJson(res, status, { items: body, total: Array.isArray(body) ? body.length : 1 });
    return;
  }
  if (kind === 'bad_record' && Array.isArray(body) && body.length > 0) {
    state.faults.consumeMalform(path);
    sendJson(res, status, [corrupt(body[0], path), ...body.slice(1)]);
    return;
  }
  sendJson(res, status, body);
}

/** One record as a buggy or newer backend might send it: the id survives, little else does. */
function corrupt(record: unknown, path: string): unknown {
  const base = typeof record === 'object' && record !== null ? record : {};
  if (/\/jobs\/?$/.test(path)) return { ...base, title: null, company: 42, location: 'x'.repeat(50_000) };
  return {
    ...base,
    status: 'ghosted',
    job_id: 'seven',
    interview_date: 'next Tuesday at 3',
    notes: 'x'.repeat(50_000),
  };
}
