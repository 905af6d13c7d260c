// The backend's push channel (DESIGN §7): GET /api/v1/ws?token=<jwt> upgrades to a
// WebSocket on the same port, and every change to one of the user's applications
// is sent to that user's sockets as
// {"type":"application_status_update","data":{"application_id","status","updated_at"}}.
//
// A bad or expired token is handled the way the FastAPI backend does it: the
// upgrade is accepted, then the socket is closed at once with 1008 (policy
// violation). Rejecting the handshake with HTTP 401 would be tidier, but a browser
// or Node WebSocket only reports that as a bare 1006, so a client could not tell
// "sign in again" from "network down"; 1008 lets it stop retrying.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import type { SandboxData } from './sandbox-data';
import type { JwtIssuer } from './sandbox-jwt';
import type { SandboxApplication } from './sandbox-types';

export const WS_PATH = '/api/v1/ws';
export const POLICY_VIOLATION = 1008;

export interface SocketCounters {
  /** Sockets accepted with a valid token (reconnects count again). */
  wsConnections: number;
  /** Sockets closed with 1008 because the token was bad or expired. */
  wsRejected: number;
}

export interface SandboxSocketsDeps {
  data: SandboxData;
  jwt: JwtIssuer;
  /** The live counters; a getter because resetStats() swaps the object. */
  counters: () => SocketCounters;
}

export class SandboxSockets {
  // Small frames only: the client never sends anything, so anything big is abuse.
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly byUser = new Map<number, Set<WsSocket>>();

  constructor(private readonly deps: SandboxSocketsDeps) {
    deps.data.onAppChange = (app, deleted) => this.applicationChanged(app, deleted);
  }

  /** The http server's 'upgrade' handler. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.replace(/\/+$/, '') !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const claims = this.deps.jwt.verify(url.searchParams.get('token') ?? '', Date.now());
    const user = claims ? this.deps.data.userById(Number(claims.sub)) : undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (!user) {
        this.deps.counters().wsRejected += 1;
        ws.close(POLICY_VIOLATION, 'Could not validate credentials');
        return;
      }
      this.deps.counters().wsConnections += 1;
      this.track(user.id, ws);
    });
  }

  /** Sends `text` verbatim to one user's sockets (tests use it for malformed frames). */
  sendRaw(userId: number, text: string): number {
    const sockets = [...(this.byUser.get(userId) ?? [])].filter((ws) => ws.readyState === ws.OPEN);
    for (const ws of sockets) ws.send(text);
    return sockets.length;
  }

  /** Sockets open right now, all users. */
  openCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** Kills every socket with no close frame, as a crashed proxy or a lost Wi-Fi does. */
  dropAll(): void {
    for (const set of this.byUser.values()) for (const ws of set) ws.terminate();
  }

  close(): void {
    this.dropAll();
    this.wss.close();
  }

  private track(userId: number, ws: WsSocket): void {
    const set = this.byUser.get(userId) ?? new Set<WsSocket>();
    set.add(ws);
    this.byUser.set(userId, set);
    ws.on('close', () => set.delete(ws));
    // A socket error is followed by 'close'; without a listener it would throw.
    ws.on('error', () => undefined);
  }

  private applicationChanged(app: SandboxApplication, deleted: boolean): void {
    const message = {
      type: 'application_status_update',
      // A deleted application has no status left; say so rather than repeat the old one.
      data: { application_id: app.id, status: deleted ? 'deleted' : app.status, updated_at: app.updated_at },
    };
    this.sendRaw(app.user_id, JSON.stringify(message));
  }
}
