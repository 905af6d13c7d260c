// Binds the contract to Electron IPC (DESIGN §3), GitHub Desktop style: a single
// invoke channel whose handler drops untrusted senders, checks the request name,
// and lets dispatchRequest validate the arguments with the contract's zod schema.
// Replies are data, never a thrown error: a rejected invoke would carry the raw
// message and stack into the renderer, and we send only the user-facing words.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventName } from '../../shared/contract';
import { AppError, userMessageOf } from '../../shared/errors';
import type { CalendarCore } from '../core/app';
import { dispatchRequest, isRequestName } from '../core/contract-dispatch';
import { createLogger } from '../core/telemetry/logger';
import type { AppPage } from './app-page';

export const REQUEST_CHANNEL = 'calendar:request';
export const EVENT_CHANNEL = 'calendar:event';

const FORWARDED_EVENTS: readonly EventName[] = ['stateChanged', 'syncProgress', 'conflictRaised', 'alert', 'consentUrl'];

export type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const log = createLogger('ipc');

export interface IpcBinding {
  /** Removes the handler and the event forwarding (on quit). */
  dispose(): void;
}

export function bindIpc(core: CalendarCore, page: AppPage, getWindow: () => BrowserWindow | null): IpcBinding {
  ipcMain.handle(REQUEST_CHANNEL, async (event, name: unknown, args: unknown): Promise<Reply> => {
    if (!isTrustedSender(event, page, getWindow())) {
      log.warn({ url: event.senderFrame?.url ?? null }, 'dropped a request from an untrusted sender');
      return failure('forbidden', 'This request did not come from the app window.');
    }
    if (!isRequestName(name)) return failure('invalid_input', 'The app asked for something this version does not know.');
    try {
      return { ok: true, value: await dispatchRequest(core, name, args) };
    } catch (error) {
      // The full error (with its cause) goes to the redacting log; the renderer
      // gets the code and the sentence meant for people.
      log.warn({ request: name, err: error }, 'request failed');
      return failure(error instanceof AppError ? error.code : 'unexpected', userMessageOf(error));
    }
  });

  const unsubscribes = FORWARDED_EVENTS.map((name) =>
    core.on(name, (payload) => {
      const win = getWindow();
      if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
    }),
  );

  return {
    dispose() {
      ipcMain.removeHandler(REQUEST_CHANNEL);
      for (const off of unsubscribes) off();
    },
  };
}

/** Our window's own top frame showing our own page; nothing else may ask. */
function isTrustedSender(event: IpcMainInvokeEvent, page: AppPage, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  // Top frame only: the page has no iframes, so any frame with a parent is not ours.
  if (!frame || frame.parent !== null) return false;
  return page.isOwn(frame.url);
}

function failure(code: string, message: string): Reply {
  return { ok: false, error: { code, message } };
}
