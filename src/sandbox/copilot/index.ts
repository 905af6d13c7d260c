// A local stand-in for the Career Copilot backend (FastAPI, DESIGN §7) on
// 127.0.0.1: the same routes, JSON shapes, HS256 JWTs and error envelope, plus
// fault injection, so the real client runs against it over real HTTP in tests
// and in `ccal demo`.
import type { SandboxApplication, SandboxJob } from './sandbox-types';
import { SandboxData } from './sandbox-data';
import { SandboxFaults, type FailStatus, type MalformKind } from './sandbox-faults';
import { JwtIssuer } from './sandbox-jwt';
import { listen, type SandboxStats, type ServerState } from './sandbox-server';
import { SandboxSockets } from './sandbox-websocket';

export type { SandboxApplication, SandboxJob, SandboxStatus } from './sandbox-types';
export type { SandboxStats } from './sandbox-server';
export { demoData } from './demo-data';

export interface CopilotSandboxOptions {
  port?: number;
  latencyMs?: number;
  users?: { email: string; password: string; username?: string }[];
  /** JWT lifetime; the backend's is 24 h. */
  tokenTtlSeconds?: number;
}

export interface CopilotSandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/api/v1' */
  apiBase: string;
  close(): Promise<void>;
  /** Replaces that user's jobs and applications (default: the first user). */
  seed(data: { jobs: SandboxJob[]; applications: SandboxApplication[] }, userEmail?: string): void;
  addJob(job: Omit<SandboxJob, 'id'> & { id?: number }): SandboxJob;
  /** As if the user edited the job in Career Copilot (a new title, say): bumps its updated_at. */
  updateJob(id: number, patch: Partial<Omit<SandboxJob, 'id'>>): SandboxJob;
  /** The server fills id, created_at and updated_at (and the backend's defaults). */
  addApplication(app: Partial<SandboxApplication> & { job_id: number }, userEmail?: string): SandboxApplication;
  /** As if the user edited it in Career Copilot: bumps updated_at. */
  updateApplication(id: number, patch: Partial<SandboxApplication>): SandboxApplication;
  deleteApplication(id: number): void;
  application(id: number): SandboxApplication | undefined;
  applications(userEmail?: string): SandboxApplication[];
  /** The next `count` requests (matching `onlyPath`, tested against the URL path) fail with `status`. */
  failNext(count: number, status: FailStatus, onlyPath?: RegExp): void;
  /** Forgets every queued failure and dropped connection: the service is back. */
  clearFaults(): void;
  /** The next `count` requests get their connection closed with no response. */
  dropNextConnections(count: number): void;
  /** The next successful response (by default of GET /applications; pass /\/jobs$/ for the job listing) arrives broken. */
  malformNext(kind: MalformKind, onlyPath?: RegExp): void;
  /** Every JWT issued so far is answered with 401 (and a new WebSocket with close 1008). */
  expireTokens(): void;
  /** Terminates every open WebSocket with no close frame (a dropped connection). */
  dropWebSockets(): void;
  /** Sends `text` verbatim on that user's WebSockets; returns how many got it. */
  sendWebSocketRaw(text: string, userEmail?: string): number;
  setLatency(ms: number): void;
  stats(): SandboxStats;
  resetStats(): void;
}

const DEFAULT_USER = { email: 'demo@careercopilot.example', password: 'demo-password' };

export async function startCopilotSandbox(options: CopilotSandboxOptions = {}): Promise<CopilotSandbox> {
  const data = new SandboxData(options.users && options.users.length > 0 ? options.users : [DEFAULT_USER]);
  const jwt = new JwtIssuer(options.tokenTtlSeconds ?? 86_400);
  const sockets = new SandboxSockets({ data, jwt, counters: () => state.stats });
  const state: ServerState = {
    data,
    faults: new SandboxFaults(),
    jwt,
    latencyMs: options.latencyMs ?? 0,
    stats: emptyStats(),
    sockets,
  };
  const { server, port } = await listen(state, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const copy = (app: SandboxApplication | undefined): SandboxApplication | undefined => (app ? { ...app } : undefined);

  return {
    url,
    apiBase: `${url}/api/v1`,
    close: () =>
      new Promise<void>((done) => {
        // Upgraded sockets are not HTTP connections: closeAllConnections() misses them.
        sockets.close();
        server.close(() => done());
        // fetch keeps connections alive; without this close() waits for them to idle out.
        server.closeAllConnections();
      }),
    seed: (seed, userEmail) => data.replaceUserData(data.user(userEmail).id, seed),
    addJob: (job) => data.putJob(job),
    updateJob: (id, patch) => data.patchJob(id, patch),
    addApplication: (app, userEmail) => data.insertApp(app, data.user(userEmail).id),
    updateApplication: (id, patch) => data.patchApp(id, patch),
    deleteApplication: (id) => data.deleteApp(id),
    application: (id) => copy(data.app(id)),
    applications: (userEmail) => data.appsOf(data.user(userEmail).id).map((a) => ({ ...a })),
    failNext: (count, status, onlyPath) => state.faults.failNext(count, status, onlyPath),
    clearFaults: () => state.faults.clear(),
    dropNextConnections: (count) => state.faults.dropNext(count),
    malformNext: (kind, onlyPath) => state.faults.malformNext(kind, onlyPath),
    expireTokens: () => state.jwt.expireAll(),
    dropWebSockets: () => sockets.dropAll(),
    sendWebSocketRaw: (text, userEmail) => sockets.sendRaw(data.user(userEmail).id, text),
    setLatency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    stats: () => ({ ...state.stats, byRoute: { ...state.stats.byRoute }, wsOpen: sockets.openCount() }),
    resetStats: () => {
      state.stats = emptyStats();
    },
  };
}

function emptyStats(): SandboxStats {
  return { requests: 0, byRoute: {}, puts: 0, wsConnections: 0, wsRejected: 0, wsOpen: 0 };
}
