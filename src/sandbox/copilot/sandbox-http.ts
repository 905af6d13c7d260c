// HTTP plumbing shared by the routes: the backend's error envelope
// {request_id, timestamp, error_code, detail}, JSON bodies, and request reading.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { naiveMicros } from './sandbox-clock';

export type ErrorCode = 'AUTHENTICATION_ERROR' | 'NOT_FOUND' | 'VALIDATION_ERROR' | 'INTERNAL_SERVER_ERROR' | 'SERVICE_UNAVAILABLE' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE';

/** FastAPI's validation detail: one entry per failing field. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** Thrown by a route; turned into the error envelope by the server. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: ErrorCode,
    readonly detail: string | ValidationIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : detail.map((d) => d.msg).join('; '));
  }
}

export const unauthorized = (detail = 'Could not validate credentials'): SandboxHttpError =>
  new SandboxHttpError(401, 'AUTHENTICATION_ERROR', detail, { 'WWW-Authenticate': 'Bearer' });

export const notFound = (detail: string): SandboxHttpError => new SandboxHttpError(404, 'NOT_FOUND', detail);

export const invalid = (issues: ValidationIssue[]): SandboxHttpError => new SandboxHttpError(400, 'VALIDATION_ERROR', issues);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

/** Writes a body verbatim (also used to send deliberately broken JSON). */
export function sendRaw(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}, contentType = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: SandboxHttpError): void {
  const envelope = { request_id: randomUUID(), timestamp: naiveMicros(Date.now() * 1000), error_code: error.errorCode, detail: error.detail };
  sendJson(res, error.status, envelope, error.headers);
}

const MAX_BODY_BYTES = 1_000_000;

/** The parsed JSON body; a missing or broken body is a 400 like FastAPI's. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new SandboxHttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw invalid([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
}
