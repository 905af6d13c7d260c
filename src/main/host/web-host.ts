// The web host (DESIGN §2, §3): the built renderer and the contract served to a
// browser over loopback, for the demo and end-to-end tests. One HTTP server on
// 127.0.0.1 serves the page's files under the app's CSP; its upgrade path
// `/contract` is a WebSocket speaking the contract. Who may connect is decided in
// request-guard.ts; what they may send, in contract-socket.ts.
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventName } from '../../shared/contract';
import { contentSecurityPolicy } from '../../shared/csp';
import { DEMO_PARAM } from '../../shared/demo-account';
import { MAX_FRAME_BYTES, SESSION_PARAM, type EventFrame } from '../../shared/web-protocol';
import type { CalendarCore } from '../core/app';
import { createLogger } from '../core/telemetry/logger';
import { send, serveContract } from './contract-socket';
import { checkUpgrade, isOwnHost, newSessionToken, ownOrigin } from './request-guard';
import { serveStatic } from './static-files';

const log = createLogger('web-host');

/** Every contract event, checked by the compiler: a new event cannot be forgotten here. */
// openAlert comes from the desktop shell's notifications, never from the core; forwarding it costs nothing.
const PUSHED: Record<EventName, true> = { stateChanged: true, syncProgress: true, conflictRaised: true, alert: true, consentUrl: true, openAlert: true };

export interface WebHostOptions {
  core: CalendarCore;
  /** The built renderer (index.html and assets/), e.g. out/renderer. */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serving "ccal demo --ui": the page shows the sandbox's demo account on its sign-in screen. */
  demo?: boolean;
}

export interface WebHost {
  /** The page to open, with the session key: http://127.0.0.1:PORT/?session=KEY */
  url: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  // A real path, so the containment check in static-files compares like with like.
  const root = await realpath(options.staticDir);
  const token = newSessionToken();
  const csp = contentSecurityPolicy(false);
  let port = 0;

  const server = createServer((req, res) => {
    setCommonHeaders(res, csp);
    if (!isOwnHost(req, port)) return refuseHttp(res, 403, 'Forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuseHttp(res, 405, 'Method not allowed');
    }
    serveStatic(root, req, res).catch((error: unknown) => {
      log.warn({ err: error }, 'serving a file failed');
      if (!res.headersSent) refuseHttp(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  // No compression: frames are small, and inflating them would only cost memory per page.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req, port, token);
    if (verdict !== 'ok') {
      // The reason goes to the log, never the URL: it holds the (wrong or right) key.
      log.warn({ reason: verdict, origin: req.headers.origin ?? null }, 'refused a WebSocket');
      refuseSocket(socket, verdict === 'not_found' ? 404 : 403);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveContract(ws, options.core));
  });

  // Subscribed once for all pages, and removed on close.
  const forward = <E extends EventName>(event: E): (() => void) =>
    options.core.on(event, (payload) => {
      // The pair is right by construction; TypeScript cannot match a generic E to one member of the union.
      const frame = { event, payload } as EventFrame;
      for (const ws of wss.clients) send(ws, frame);
    });
  const unsubscribes = (Object.keys(PUSHED) as EventName[]).map(forward);

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ready();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `${ownOrigin(port)}/?${SESSION_PARAM}=${token}${options.demo ? `&${DEMO_PARAM}=1` : ''}`,
    close() {
      closing ??= (async () => {
        for (const off of unsubscribes) off();
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((done) => wss.close(() => done()));
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
      })();
      return closing;
    },
  };
}

/** Headers on every answer, errors included. */
function setCommonHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The page URL holds the session key: never send it anywhere as a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function refuseHttp(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

function refuseSocket(socket: Duplex, status: 403 | 404): void {
  const text = status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}
