// Career Copilot's WebSocket (DESIGN §5 "Near-real-time", §7): while the app runs,
// a push from the backend makes the sync run now instead of at the next minute.
// The push is only a hint — the sync still lists and diffs — so a lost or broken
// message costs freshness, never correctness, and the minute-by-minute polling
// keeps working when the socket is down.
//
// Uses the runtime's global WebSocket (Node 24, Electron's main process): no
// dependency. The JWT rides in the URL query because that is the backend's API,
// so the URL is handed to the socket constructor and never logged or quoted.
import type { Timers } from '../ports';
import { backoffDelay } from '../scheduler/backoff';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { createLogger } from '../telemetry/logger';
import { AUTH_CLOSE_CODES, CopilotPushError, parsePushMessage, pushEndpoint, socketUrlWithToken } from './copilot-push-protocol';

const log = createLogger('copilot-push');

export interface CopilotPushDeps {
  /** The API root, e.g. http://127.0.0.1:8000/api/v1; the socket is <root>/ws. */
  baseUrl: string;
  secrets: SecretStore;
  timers: Timers;
  /** In [0, 1), for the reconnect jitter; injected so tests can pin it. */
  random?: () => number;
  /** Milliseconds since the epoch; injected for tests. */
  now?: () => number;
  /** Called (debounced) when Career Copilot says something changed. */
  onChange: () => void;
  /** The socket factory; the global WebSocket by default. */
  createSocket?: (url: string) => WebSocket;
  /** A burst of updates within this window makes one onChange. */
  debounceMs?: number;
}

export type PushState = 'stopped' | 'connecting' | 'open' | 'waiting' | 'auth_rejected';

const DEBOUNCE_MS = 1_000;
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 5 * 60_000;
/** Full jitter can draw 0; this keeps a flapping server from getting a tight loop. */
const RETRY_FLOOR_MS = 250;
/** A connection that lasted this long was healthy: the next drop starts backoff afresh. */
const STABLE_MS = 60_000;
/** How long stop() waits for the close handshake before giving up on it. */
const STOP_WAIT_MS = 1_000;
/** WHATWG readyState CLOSED; a literal because injected sockets need not carry the statics. */
const CLOSED = 3;

export class CopilotPush {
  private readonly endpoint: URL | null;
  private running = false;
  private state: PushState = 'stopped';
  private socket: WebSocket | null = null;
  /** Bumped whenever a socket or pending retry is abandoned; their late events check it. */
  private generation = 0;
  /** Failed attempts in a row, for the backoff. */
  private failures = 0;
  private openedAt: number | null = null;
  /** A connection dropped: pushes may have been missed, so sync once when back. */
  private missedUpdates = false;
  private retryWake: AbortController | null = null;
  private changeWake: AbortController | null = null;
  private error: CopilotPushError | null = null;

  constructor(private readonly deps: CopilotPushDeps) {
    this.endpoint = pushEndpoint(deps.baseUrl);
  }

  start(): void {
    if (this.running) return;
    if (!this.endpoint) {
      this.error = new CopilotPushError('unsupported_url');
      return;
    }
    this.running = true;
    this.failures = 0;
    this.launch();
  }

  /** After a new sign-in: drop the old socket and any wait (even a refused token's) and connect now. */
  reconnectNow(): void {
    if (!this.running) return;
    const old = this.abandon();
    if (old && old.readyState !== CLOSED) old.close(1000);
    this.failures = 0;
    this.error = null;
    // The sign-in triggers its own sync; nothing to catch up on.
    this.missedUpdates = false;
    this.launch();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.changeWake?.abort();
    this.changeWake = null;
    const socket = this.abandon();
    this.state = 'stopped';
    if (socket && socket.readyState !== CLOSED) await this.closeAndWait(socket);
  }

  connected(): boolean {
    return this.state === 'open';
  }

  status(): { state: PushState; error: CopilotPushError | null } {
    return { state: this.state, error: this.error };
  }

  private launch(): void {
    // connect() handles its own failures; this catch only guards against a bug
    // turning into an unhandled rejection, which would end the process.
    this.connect().catch(() => this.retryLater(new CopilotPushError('unreachable'), this.generation));
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.state = 'connecting';
    let token: string | null;
    try {
      token = await this.deps.secrets.get(SecretKeys.copilotToken);
    } catch {
      this.retryLater(new CopilotPushError('secrets_unavailable'), generation);
      return;
    }
    if (generation !== this.generation || !this.endpoint) return;
    if (token === null) {
      this.retryLater(new CopilotPushError('no_token'), generation);
      return;
    }
    let socket: WebSocket;
    try {
      socket = (this.deps.createSocket ?? defaultSocket)(socketUrlWithToken(this.endpoint, token));
    } catch {
      // Such an error may quote the URL, token included: keep only the fact.
      this.retryLater(new CopilotPushError('unreachable'), generation);
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => this.onOpen(generation));
    socket.addEventListener('message', (event) => this.onMessage(generation, event.data));
    socket.addEventListener('close', (event) => this.onClose(generation, event.code));
    // An error is always followed by a close event, which does the handling; the
    // listener keeps the runtime from treating the error as unhandled.
    socket.addEventListener('error', () => undefined);
  }

  private onOpen(generation: number): void {
    if (generation !== this.generation) return;
    this.state = 'open';
    this.openedAt = this.now();
    this.error = null;
    if (this.missedUpdates) {
      this.missedUpdates = false;
      this.changed();
    }
  }

  private onMessage(generation: number, data: unknown): void {
    if (generation !== this.generation) return;
    // Unknown types, broken JSON and binary frames are ignored: a newer backend
    // may send more, and a hint we cannot read is no reason to drop the socket.
    if (parsePushMessage(data)) this.changed();
  }

  private onClose(generation: number, code: number): void {
    if (generation !== this.generation) return;
    this.socket = null;
    const openedAt = this.openedAt;
    this.openedAt = null;
    if (AUTH_CLOSE_CODES.has(code)) {
      // The same token would be refused again; wait for reconnectNow() after a sign-in.
      this.state = 'auth_rejected';
      this.error = new CopilotPushError('auth_rejected', code);
      log.info({ closeCode: code }, 'Career Copilot refused the push session; waiting for a new sign-in');
      return;
    }
    if (openedAt !== null) {
      this.missedUpdates = true;
      if (this.now() - openedAt >= STABLE_MS) this.failures = 0;
    }
    this.retryLater(new CopilotPushError('unreachable', code), generation);
  }

  /** Backoff with full jitter, capped at 5 minutes, then connect() again. */
  private retryLater(error: CopilotPushError, generation: number): void {
    if (generation !== this.generation || !this.running) return;
    this.error = error;
    this.state = 'waiting';
    this.failures += 1;
    const delay = Math.max(RETRY_FLOOR_MS, backoffDelay(this.failures, { baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS, random: this.deps.random ?? Math.random }));
    log.debug({ reason: error.reason, closeCode: error.closeCode, attempt: this.failures, delayMs: delay }, 'Career Copilot push not connected; retrying later');
    const wake = new AbortController();
    this.retryWake = wake;
    this.deps.timers.sleep(delay, wake.signal).then(
      () => {
        if (generation === this.generation && this.running) this.launch();
      },
      () => undefined, // aborted by stop() or reconnectNow()
    );
  }

  /**
   * Coalesces a burst: the first update schedules onChange after the window and
   * later ones ride along. Not a sliding window, so a steady stream still syncs
   * about once per window rather than never.
   */
  private changed(): void {
    if (this.changeWake || !this.running) return;
    const wake = new AbortController();
    this.changeWake = wake;
    this.deps.timers.sleep(this.deps.debounceMs ?? DEBOUNCE_MS, wake.signal).then(
      () => {
        this.changeWake = null;
        if (!this.running) return;
        try {
          this.deps.onChange();
        } catch (error) {
          // The listener's failure is its own; the push channel carries on.
          log.warn({ err: error }, 'onChange failed');
        }
      },
      () => undefined, // aborted by stop()
    );
  }

  /** Forgets the current socket and pending retry; returns the socket for the caller to close. */
  private abandon(): WebSocket | null {
    this.generation += 1;
    this.retryWake?.abort();
    this.retryWake = null;
    const socket = this.socket;
    this.socket = null;
    this.openedAt = null;
    return socket;
  }

  private async closeAndWait(socket: WebSocket): Promise<void> {
    // Listen first: a socket may report the close synchronously.
    const closed = new Promise<void>((resolve) => socket.addEventListener('close', () => resolve(), { once: true }));
    socket.close(1000);
    const timeout = new AbortController();
    await Promise.race([closed, this.deps.timers.sleep(STOP_WAIT_MS, timeout.signal).catch(() => undefined)]);
    timeout.abort();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function defaultSocket(url: string): WebSocket {
  return new WebSocket(url);
}
