// Who may talk to the web host (DESIGN §9, the counterpart of the IPC sender
// check). The host listens on 127.0.0.1 only, but any page in any browser on this
// machine can reach loopback, so three things are required:
// - the Host header names us exactly (a DNS-rebinding page sends its own name);
// - a WebSocket comes from our own origin (a foreign page cannot set Origin);
// - a WebSocket carries the per-start session key that only the printed URL holds.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CONTRACT_PATH, SESSION_PARAM } from '../../shared/web-protocol';

export type UpgradeVerdict = 'ok' | 'wrong_host' | 'not_found' | 'wrong_origin' | 'no_session';

/** A fresh session key: 32 random bytes, URL-safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function ownOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Exactly our address: not localhost, not another name that resolves here. */
export function isOwnHost(req: IncomingMessage, port: number): boolean {
  return req.headers.host === `127.0.0.1:${port}`;
}

/** Checks a WebSocket upgrade, most basic first, so the answer leaks nothing about the key. */
export function checkUpgrade(req: IncomingMessage, port: number, token: string): UpgradeVerdict {
  if (!isOwnHost(req, port)) return 'wrong_host';
  // Split by hand: URL parsing would read "//elsewhere/contract" as another host.
  const raw = req.url ?? '';
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  if (path !== CONTRACT_PATH) return 'not_found';
  // Browsers always send Origin on a WebSocket; a missing one is not a browser we serve.
  if (req.headers.origin !== ownOrigin(port)) return 'wrong_origin';
  const given = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1)).getAll(SESSION_PARAM);
  if (given.length !== 1 || !sameSecret(given[0] ?? '', token)) return 'no_session';
  return 'ok';
}

/** Constant-time comparison, so response timing does not reveal a prefix of the key. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
