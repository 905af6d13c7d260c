// The contract over one WebSocket (DESIGN §3): what the web host
// (src/main/host) and the browser transport (src/renderer/web-transport.ts)
// send each other. Types and constants only, so the renderer bundle stays free
// of zod; the host validates every incoming frame with its own schema.
import type { ContractEvents, EventName } from './contract';

/** Where the WebSocket listens, relative to the page's own origin. */
export const CONTRACT_PATH = '/contract';
/** The query parameter carrying the per-start session key, on the page URL and the socket URL. */
export const SESSION_PARAM = 'session';
/** A bigger frame closes the connection: no real request comes near it. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Browser → host: one contract request. `id` pairs it with its reply. */
export interface RequestFrame {
  id: number;
  name: string;
  args: unknown;
}

/** The error half of a reply: a code to react to and words meant for people, never a stack. */
export interface WireError {
  code: string;
  message: string;
}

/** Host → browser: the answer to one request. `id` is null when the frame it answers had no readable id. */
export type ReplyFrame = { id: number; ok: true; value: unknown } | { id: number | null; ok: false; error: WireError };

/** Host → browser: a pushed contract event. */
export type EventFrame = { [E in EventName]: { event: E; payload: ContractEvents[E] } }[EventName];

export type ServerFrame = ReplyFrame | EventFrame;
