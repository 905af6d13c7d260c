// Request reading and response writing for the sandbox: bounded bodies (Google
// refuses large ones with 413), JSON and form parsing with Google's errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseError, SandboxFailure, tooLarge } from './google-errors';

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An empty body reads as {} (Google validates the fields, not the presence of a body). */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw parseError();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw parseError();
  return value as Record<string, unknown>;
}

/** The token endpoint takes form bodies; Google also accepts JSON there. */
export function parseForm(text: string, contentType: string | undefined): URLSearchParams {
  if (contentType?.includes('application/json')) {
    const params = new URLSearchParams();
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) if (typeof v === 'string') params.set(k, v);
      }
    } catch {
      // An unparsable JSON body is treated as empty: the missing-parameter error follows.
    }
    return params;
  }
  return new URLSearchParams(text);
}

export function send(res: ServerResponse, status: number, payload: unknown, contentType = 'application/json', headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
  const all: Record<string, string | number> = { ...headers };
  if (status !== 204 && status !== 304) {
    all['Content-Type'] = `${contentType}; charset=UTF-8`;
    all['Content-Length'] = Buffer.byteLength(text);
  }
  res.writeHead(status, all);
  res.end(status === 204 || status === 304 ? undefined : text);
}

export function sendFailure(res: ServerResponse, failure: SandboxFailure): void {
  send(res, failure.status, failure.payload, failure.contentType, failure.headers);
}

export function redirect(res: ServerResponse, location: string): void {
  if (res.destroyed) return;
  res.writeHead(302, { Location: location, 'Content-Length': 0 });
  res.end();
}
