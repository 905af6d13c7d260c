// The contract over the web host's WebSocket (src/main/host), for the page when
// it runs in a plain browser instead of Electron (demo mode, end-to-end tests).
// Same shape as the preload's window.calendar: one function per request and a
// filtered event subscription. Requests made while (re)connecting wait for the
// socket; a lost connection fails every waiting request with a clear error and
// reconnects with backoff; after a reconnect the state is fetched again and
// handed to the stateChanged listeners, since events pushed while away were missed.
import type { CalendarApi, ContractEvents, ContractResults, EventName, RequestArgs, RequestName } from '../shared/contract';
import { CONTRACT_PATH, SESSION_PARAM, type ReplyFrame, type ServerFrame } from '../shared/web-protocol';

/** A rejection the UI can show as is; `.code` lets it react (e.g. copilot_auth). */
export class CalendarRequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CalendarRequestError';
    this.code = code;
  }
}

const LOST = 'The connection to Career Copilot Calendar was lost. It reconnects on its own; try again in a moment.';
const NO_SESSION = 'This page was opened without its session key. Open the full address that "ccal demo --ui" printed.';
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

interface Pending {
  frame: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Listener = (payload: never) => void;

export interface WebTransport extends CalendarApi {
  /** Stops reconnecting and fails what is waiting (tests, page teardown). */
  close(): void;
}

/** The socket URL for a page at `location` (its session key comes from its own query string). */
export function contractUrl(location: { protocol: string; host: string; search: string }): string | null {
  const token = new URLSearchParams(location.search).get(SESSION_PARAM);
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${CONTRACT_PATH}?${SESSION_PARAM}=${encodeURIComponent(token)}`;
}

export function createWebTransport(url: string | null): WebTransport {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let open = false;
  /** A connection was lost (or never made) since the last open: the page may be stale. */
  let lost = false;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function connect(): void {
    if (closed || !url) return;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      open = true;
      retryMs = FIRST_RETRY_MS;
      for (const p of pending.values()) ws.send(p.frame);
      if (lost) void refreshState();
      lost = false;
    };
    ws.onmessage = (message) => {
      if (typeof message.data === 'string') receive(message.data);
    };
    // onerror is always followed by onclose, which does the work.
    ws.onclose = () => {
      open = false;
      socket = null;
      lost = true;
      failAll(new CalendarRequestError('disconnected', LOST));
      if (closed) return;
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
  }

  function receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if ('event' in frame) {
      emit(frame.event, frame.payload);
      return;
    }
    settle(frame);
  }

  function settle(reply: ReplyFrame): void {
    const waiting = reply.id === null ? undefined : pending.get(reply.id);
    if (!waiting || reply.id === null) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new CalendarRequestError(reply.error.code, reply.error.message));
  }

  function emit<E extends EventName>(event: E, payload: ContractEvents[E]): void {
    for (const listener of listeners.get(event) ?? []) (listener as (p: ContractEvents[E]) => void)(payload);
  }

  function failAll(error: Error): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.reject(error);
  }

  /** Events pushed while the socket was down are lost; the current state replaces them. */
  async function refreshState(): Promise<void> {
    try {
      emit('stateChanged', await request('getState', {}));
    } catch {
      // The next reconnect tries again.
    }
  }

  function request<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<ContractResults[N]> {
    if (!url) return Promise.reject(new CalendarRequestError('no_session', NO_SESSION));
    if (closed) return Promise.reject(new CalendarRequestError('disconnected', LOST));
    const id = nextId++;
    const frame = JSON.stringify({ id, name, args });
    return new Promise<ContractResults[N]>((resolve, reject) => {
      pending.set(id, { frame, resolve: resolve as (value: unknown) => void, reject });
      // Not open yet: onopen sends everything waiting.
      if (open && socket) socket.send(frame);
    });
  }

  function on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener as Listener);
    return () => {
      set.delete(listener as Listener);
    };
  }

  const method =
    <N extends RequestName>(name: N) =>
    (args: RequestArgs<N>): Promise<ContractResults[N]> =>
      request(name, args);

  connect();
  return {
    getState: method('getState'),
    signIn: method('signIn'),
    signOut: method('signOut'),
    connect: method('connect'),
    disconnect: method('disconnect'),
    setPreferences: method('setPreferences'),
    listCalendars: method('listCalendars'),
    setCalendar: method('setCalendar'),
    syncNow: method('syncNow'),
    retryFailed: method('retryFailed'),
    listItems: method('listItems'),
    listConflicts: method('listConflicts'),
    resolveConflict: method('resolveConflict'),
    listAudit: method('listAudit'),
    exportAudit: method('exportAudit'),
    getMetrics: method('getMetrics'),
    previewPreferences: method('previewPreferences'),
    pendingDeletes: method('pendingDeletes'),
    decideDeletes: method('decideDeletes'),
    editItem: method('editItem'),
    setItemSync: method('setItemSync'),
    cancelConnect: method('cancelConnect'),
    on,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      failAll(new CalendarRequestError('disconnected', LOST));
    },
  } satisfies WebTransport;
}
