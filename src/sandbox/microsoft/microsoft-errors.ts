// Microsoft's error answers in their documented shapes. Graph wraps every error
// as {"error":{"code","message","innerError":{"date","request-id",
// "client-request-id"}}}; the identity platform's token endpoint answers
// {"error","error_description":"AADSTSnnnn: …\r\nTrace ID: …","error_codes",
// "timestamp","trace_id","correlation_id","error_uri"}. Clients parse these, so
// the sandbox does not invent its own.
import { randomUUID } from 'node:crypto';

/** Thrown by Graph handlers; the server completes innerError from the request and writes it. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`graph answered ${status} ${code}`);
  }
}

/** Graph's timestamps in innerError carry no fraction and no offset. */
const graphDate = (): string => new Date().toISOString().slice(0, 19);

export function graphErrorBody(failure: GraphFailure, clientRequestId: string | undefined, requestId: string): Record<string, unknown> {
  return {
    error: {
      code: failure.code,
      message: failure.detail,
      innerError: { date: graphDate(), 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
    },
  };
}

export const badRequest = (message: string, code = 'BadRequest'): GraphFailure => new GraphFailure(400, code, message);
export const segmentNotFound = (segment: string): GraphFailure => badRequest(`Resource not found for the segment '${segment}'.`);
export const itemNotFound = (): GraphFailure => new GraphFailure(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
export const idMalformed = (): GraphFailure => badRequest('Id is malformed.', 'ErrorInvalidIdMalformed');
export const irresolvableConflict = (): GraphFailure =>
  new GraphFailure(
    412,
    'ErrorIrresolvableConflict',
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  );
export const invalidToken = (message: string): GraphFailure =>
  new GraphFailure(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' });
export const accessDenied = (): GraphFailure => new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
export const insufficientPrivileges = (): GraphFailure => new GraphFailure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
export const mailboxThrottled = (retryAfterSeconds: number): GraphFailure =>
  new GraphFailure(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': String(retryAfterSeconds) });
export const syncStateNotFound = (generation: number, highest: number): GraphFailure =>
  new GraphFailure(410, 'SyncStateNotFound', `The sync state generation is not found; generation=${generation};[highest=${highest}][${highest}].`);
export const unsupportedDeltaQuery = (names: string[]): GraphFailure =>
  badRequest(`The following parameters are not supported with change tracking over the 'CalendarView' resource: '${names.join(', ')}'.`, 'ErrorInvalidUrlQuery');
export const invalidProperty = (name: string): GraphFailure =>
  badRequest(`The property '${name}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`, 'RequestBodyRead');
export const invalidRequest = (message: string): GraphFailure => badRequest(message, 'ErrorInvalidRequest');
export const timeZoneNotSupported = (zone: string): GraphFailure =>
  badRequest(`A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`, 'TimeZoneNotSupportedException');
export const unreadableBody = (): GraphFailure => badRequest('Empty Payload. JSON content expected.', 'BadRequest');
export const folderExists = (): GraphFailure => new GraphFailure(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
export const internalError = (): GraphFailure => new GraphFailure(500, 'InternalServerError', 'An internal server error occurred. The operation failed.');
export const serviceUnavailable = (retryAfterSeconds?: number): GraphFailure =>
  new GraphFailure(503, 'ServiceNotAvailable', 'The service is temporarily unavailable. Please try again later.', retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) });
export const gatewayTimeout = (): GraphFailure => new GraphFailure(504, 'UnknownError', '');

/** The identity platform's token-endpoint error. */
export class IdentityFailure extends Error {
  constructor(
    readonly status: number,
    readonly payload: Record<string, unknown> | string,
    readonly contentType: 'application/json' | 'text/html' = 'application/json',
  ) {
    super(`identity answered ${status}`);
  }
}

export function aadError(status: number, error: string, aadsts: number, text: string): IdentityFailure {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return new IdentityFailure(status, {
    error,
    error_description: `AADSTS${aadsts}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  });
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sign-in page the browser shows when the request itself is bad (no redirect is safe). */
export function aadErrorPage(aadsts: number, text: string): IdentityFailure {
  return new IdentityFailure(
    400,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign in to your account</title></head><body><h1>Sorry, but we’re having trouble signing you in.</h1><p>AADSTS${aadsts}: ${escapeHtml(text)}</p></body></html>`,
    'text/html',
  );
}
