// One browser's WebSocket speaking the contract (DESIGN §3). Every frame is
// checked before anything acts on it: not JSON, not a request, or a name the
// contract does not have → an error frame, and the connection stays up (one bad
// frame from a page bug should not cut the UI off). Arguments are validated by
// dispatchRequest, the same path the Electron IPC handler takes. Replies carry
// the error's code and the sentence for people, never its stack or cause.
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import type { ReplyFrame, RequestFrame, ServerFrame } from '../../shared/web-protocol';
import { AppError, userMessageOf } from '../../shared/errors';
import type { CalendarCore } from '../core/app';
import { dispatchRequest, isRequestName } from '../core/contract-dispatch';
import { createLogger } from '../core/telemetry/logger';

const log = createLogger('web-host');

const RequestFrameSchema = z.strictObject({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(100),
  args: z.unknown(),
}) satisfies z.ZodType<RequestFrame>;

/** Answers the requests arriving on `ws` until it closes. */
export function serveContract(ws: WebSocket, core: CalendarCore): void {
  // ws closes the socket itself on a protocol error (a frame over the limit is
  // 1009, bad UTF-8 1007); without a listener that error would crash the host.
  ws.on('error', (error) => log.warn({ err: error }, 'closed a WebSocket after a protocol error'));
  ws.on('message', (data, isBinary) => {
    void replyTo(core, data, isBinary).then((reply) => send(ws, reply));
  });
}

/** Sends a frame if the socket is still open; a reply to a page that left is dropped. */
export function send(ws: WebSocket, frame: ServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

async function replyTo(core: CalendarCore, data: RawData, isBinary: boolean): Promise<ReplyFrame> {
  if (isBinary) return failure(null, 'invalid_input', 'The app sent a message it cannot read (binary); it was ignored.');
  let json: unknown;
  try {
    json = JSON.parse(textOf(data)) as unknown;
  } catch {
    return failure(null, 'invalid_input', 'The app sent a message that is not JSON; it was ignored.');
  }
  const frame = RequestFrameSchema.safeParse(json);
  if (!frame.success) return failure(idOf(json), 'invalid_input', 'The app sent a message that is not a request; it was ignored.');
  const { id, name, args } = frame.data;
  if (!isRequestName(name)) return failure(id, 'invalid_input', 'The app asked for something this version does not know.');
  try {
    return { id, ok: true, value: await dispatchRequest(core, name, args) };
  } catch (error) {
    // The full error goes to the redacting log; the page gets the code and the words for people.
    log.warn({ request: name, err: error }, 'request failed');
    return failure(id, error instanceof AppError ? error.code : 'unexpected', userMessageOf(error));
  }
}

function failure(id: number | null, code: string, message: string): ReplyFrame {
  return { id, ok: false, error: { code, message } };
}

/** The id of a frame that failed validation, when it has a usable one, so the page can fail that request. */
function idOf(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = json.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data)).toString('utf8');
  return data.toString('utf8');
}
