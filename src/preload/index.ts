// The bridge between the sandboxed renderer and main (DESIGN §3, §9). It exposes
// one named function per contract request and a filtered event subscription —
// never ipcRenderer itself or a generic send, so a compromised page can ask only
// what the contract allows, and main validates even that. Types only from
// src/shared: a sandboxed preload cannot load zod or any other package.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CalendarApi, ContractEvents, ContractResults, EventName, RequestArgs, RequestName } from '../shared/contract';

const REQUEST_CHANNEL = 'calendar:request';
const EVENT_CHANNEL = 'calendar:event';

/** What main's handler answers: errors arrive as data, already worded for people. */
type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A rejection the UI can show as is; `.code` lets it react (e.g. copilot_auth). */
class CalendarRequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CalendarRequestError';
    this.code = code;
  }
}

async function request<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<ContractResults[N]> {
  const reply = (await ipcRenderer.invoke(REQUEST_CHANNEL, name, args)) as Reply<ContractResults[N]>;
  if (reply.ok) return reply.value;
  throw new CalendarRequestError(reply.error.code, reply.error.message);
}

function getState(args: RequestArgs<'getState'>) {
  return request('getState', args);
}
function signIn(args: RequestArgs<'signIn'>) {
  return request('signIn', args);
}
function signOut(args: RequestArgs<'signOut'>) {
  return request('signOut', args);
}
function connect(args: RequestArgs<'connect'>) {
  return request('connect', args);
}
function disconnect(args: RequestArgs<'disconnect'>) {
  return request('disconnect', args);
}
function setPreferences(args: RequestArgs<'setPreferences'>) {
  return request('setPreferences', args);
}
function setCalendar(args: RequestArgs<'setCalendar'>) {
  return request('setCalendar', args);
}
function syncNow(args: RequestArgs<'syncNow'>) {
  return request('syncNow', args);
}
function retryFailed(args: RequestArgs<'retryFailed'>) {
  return request('retryFailed', args);
}
function listItems(args: RequestArgs<'listItems'>) {
  return request('listItems', args);
}
function listConflicts(args: RequestArgs<'listConflicts'>) {
  return request('listConflicts', args);
}
function resolveConflict(args: RequestArgs<'resolveConflict'>) {
  return request('resolveConflict', args);
}
function listAudit(args: RequestArgs<'listAudit'>) {
  return request('listAudit', args);
}
function exportAudit(args: RequestArgs<'exportAudit'>) {
  return request('exportAudit', args);
}
function listCalendars(args: RequestArgs<'listCalendars'>) {
  return request('listCalendars', args);
}
function getMetrics(args: RequestArgs<'getMetrics'>) {
  return request('getMetrics', args);
}

function previewPreferences(args: RequestArgs<'previewPreferences'>) {
  return request('previewPreferences', args);
}
function pendingDeletes(args: RequestArgs<'pendingDeletes'>) {
  return request('pendingDeletes', args);
}
function decideDeletes(args: RequestArgs<'decideDeletes'>) {
  return request('decideDeletes', args);
}
function editItem(args: RequestArgs<'editItem'>) {
  return request('editItem', args);
}
function setItemSync(args: RequestArgs<'setItemSync'>) {
  return request('setItemSync', args);
}
function cancelConnect(args: RequestArgs<'cancelConnect'>) {
  return request('cancelConnect', args);
}

function on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void {
  // One IPC listener per subscription, filtered by name, and removable: the page
  // never sees the IpcRendererEvent (it carries the sender and ports).
  const filtered = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
    if (name === event) listener(payload as ContractEvents[E]);
  };
  ipcRenderer.on(EVENT_CHANNEL, filtered);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, filtered);
  };
}

const api = {
  getState,
  signIn,
  signOut,
  connect,
  disconnect,
  setPreferences,
  setCalendar,
  listCalendars,
  syncNow,
  retryFailed,
  listItems,
  listConflicts,
  resolveConflict,
  listAudit,
  exportAudit,
  getMetrics,
  previewPreferences,
  pendingDeletes,
  decideDeletes,
  editItem,
  setItemSync,
  cancelConnect,
  on,
} satisfies CalendarApi;

contextBridge.exposeInMainWorld('calendar', api);
