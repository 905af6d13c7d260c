// Reads a failed Graph call — a GraphError from the client, or one step of a
// $batch answer — into the few situations our retry loop and the UI care about.
// Graph's body is {error: {code, message, innerError}}; the code tells a stale
// changeKey (412 ErrorIrresolvableConflict) from an expired delta token (410
// SyncStateNotFound) and a throttled mailbox (429 ApplicationThrottled).
import { GraphError } from '@microsoft/microsoft-graph-client';
import { HttpFailure, safeCause } from '../../auth/safe-cause';
import { parseRetryAfter } from '../../scheduler/backoff';
import { GraphNetworkError } from './microsoft-graph-client';

export type GraphFailure =
  | { kind: 'rate_limited'; status: number; code: string | null; retryAfterMs: number | null }
  | { kind: 'unavailable'; status: number | null; code: string | null; retryAfterMs: number | null }
  /** 401: the access token was not accepted. */
  | { kind: 'unauthorized'; status: number }
  | { kind: 'permission'; status: number; code: string | null }
  | { kind: 'not_found'; status: number; code: string | null }
  | { kind: 'gone'; status: number; code: string | null }
  | { kind: 'precondition'; status: number }
  | { kind: 'conflict'; status: number; code: string | null }
  | { kind: 'rejected'; status: number; code: string | null }
  | { kind: 'unknown' };

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
/** Graph answers 400 ErrorInvalidIdMalformed for an id that cannot exist: as good as not found. */
const NOT_FOUND_CODES = new Set(['ErrorItemNotFound', 'ErrorInvalidIdMalformed', 'ItemNotFound']);

export function classifyGraphStatus(status: number, code: string | null, retryAfter: string | null, now: Date): GraphFailure {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  if (status === 429) return { kind: 'rate_limited', status, code, retryAfterMs };
  if (TRANSIENT_STATUS.has(status)) return { kind: 'unavailable', status, code, retryAfterMs };
  if (code !== null && NOT_FOUND_CODES.has(code)) return { kind: 'not_found', status, code };
  switch (status) {
    case 401:
      return { kind: 'unauthorized', status };
    case 403:
      return { kind: 'permission', status, code };
    case 404:
      return { kind: 'not_found', status, code };
    case 409:
      return { kind: 'conflict', status, code };
    case 410:
      return { kind: 'gone', status, code };
    case 412:
      return { kind: 'precondition', status };
    default:
      return { kind: 'rejected', status, code };
  }
}

export function classifyGraphError(error: unknown, now: Date): GraphFailure {
  if (error instanceof GraphNetworkError) return { kind: 'unavailable', status: null, code: error.code, retryAfterMs: null };
  if (error instanceof GraphError) {
    // The client reports a failure before any answer (our network error) with status -1.
    if (error.statusCode <= 0) return error.code === 'GraphNetworkError' || error.code === 'TimeoutError' ? { kind: 'unavailable', status: null, code: error.code, retryAfterMs: null } : { kind: 'unknown' };
    return classifyGraphStatus(error.statusCode, error.code, error.headers?.get('retry-after') ?? null, now);
  }
  if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'unavailable', status: null, code: 'TimeoutError', retryAfterMs: null };
  return { kind: 'unknown' };
}

/** A secret-free cause for a Graph failure: status, Graph's code and message, never the request. */
export function graphCause(error: unknown): Error {
  if (error instanceof GraphError) {
    const status = error.statusCode > 0 ? error.statusCode : null;
    return new HttpFailure(`Microsoft Graph answered ${status ?? 'nothing'}${error.code ? ` ${error.code}` : ''}: ${error.message}`, { status, code: error.code, method: null, endpoint: null });
  }
  if (error instanceof GraphNetworkError) return new HttpFailure(error.message, { status: null, code: error.code, method: null, endpoint: null });
  return safeCause(error);
}
