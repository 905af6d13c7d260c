// Request reading and response writing: bounded bodies, JSON and form parsing,
// and the Prefer header Graph reads (outlook.timezone, odata.maxpagesize).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, unreadableBody } from './microsoft-errors';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Graph refuses a write without a JSON object body. */
export function parseJsonObject(text: string): Json {
  if (text.trim() === '') throw unreadableBody();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  if (!isObject(value)) throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  return value;
}

export interface Preferences {
  timeZone: string | null;
  maxPageSize: number | null;
}

/** `Prefer: outlook.timezone="UTC", odata.maxpagesize=50` (several headers or one, comma-separated). */
export function readPrefer(header: string | string[] | undefined): Preferences {
  const parts = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((p) => p.trim()).filter(Boolean);
  const out: Preferences = { timeZone: null, maxPageSize: null };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (name === 'outlook.timezone') out.timeZone = value;
    if (name === 'odata.maxpagesize' && /^\d+$/.test(value)) out.maxPageSize = Number(value);
  }
  return out;
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const all: Record<string, string | number> = { ...headers };
  if (status === 204 || payload === undefined) {
    res.writeHead(status, all);
    res.end();
    return;
  }
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  all['Content-Type'] ??= typeof payload === 'string' ? 'text/html; charset=utf-8' : 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
  all['Content-Length'] = Buffer.byteLength(text);
  res.writeHead(status, all);
  res.end(text);
}

export function redirect(res: ServerResponse, location: string): void {
  if (res.destroyed) return;
  res.writeHead(302, { Location: location, 'Content-Length': 0, 'Cache-Control': 'no-store' });
  res.end();
}
