// Reads a failed MSAL call into what the app can do about it. A grant that no
// longer works comes in two shapes: InteractionRequiredAuthError (consent
// withdrawn, no refresh token in the cache…) and, for a revoked grant
// (AADSTS50173, the user changed their password), a plain ServerError with
// errorCode invalid_grant. Both mean "reconnect". The token endpoint being busy
// or unreachable is worth a retry.
import { AuthError, ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { AppError } from '../../../shared/errors';

export type MsalFailure =
  | { kind: 'auth_lost'; reason: string }
  | { kind: 'transient'; reason: string; rateLimited: boolean }
  | { kind: 'unknown'; reason: string };

const RECONNECT_CODES = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'interaction_required', 'consent_required', 'login_required', 'invalid_scope', 'no_tokens_found', 'no_account_found', 'refresh_token_expired', 'bad_token']);
const TRANSIENT_CODES = new Set(['temporarily_unavailable', 'server_error', 'network_error', 'endpoints_resolution_error', 'openid_config_error', 'untrusted_authority', 'endpoint_resolution_error']);

export function classifyMsalFailure(error: unknown): MsalFailure {
  if (error instanceof InteractionRequiredAuthError) return { kind: 'auth_lost', reason: `${error.errorCode}${aadsts(error)}` };
  if (error instanceof ServerError) {
    if (RECONNECT_CODES.has(error.errorCode)) return { kind: 'auth_lost', reason: `${error.errorCode}${aadsts(error)}` };
    // MSAL replays a remembered 429 as a ServerError with the status it saw.
    if (error.status === 429) return { kind: 'transient', reason: error.errorCode || 'token endpoint throttled', rateLimited: true };
    if (TRANSIENT_CODES.has(error.errorCode) || (error.status ?? 0) >= 500) return { kind: 'transient', reason: error.errorCode, rateLimited: false };
    return { kind: 'unknown', reason: error.errorCode };
  }
  if (error instanceof ClientAuthError || error instanceof AuthError) {
    if (RECONNECT_CODES.has(error.errorCode)) return { kind: 'auth_lost', reason: error.errorCode };
    if (TRANSIENT_CODES.has(error.errorCode)) return { kind: 'transient', reason: error.errorCode, rateLimited: false };
    return { kind: 'unknown', reason: error.errorCode };
  }
  if (error instanceof AppError) return { kind: 'unknown', reason: error.code };
  return { kind: 'unknown', reason: error instanceof Error ? error.name : 'unexpected' };
}

/** The AADSTS number from the server's description, e.g. " (AADSTS50173)", never the text. */
function aadsts(error: AuthError): string {
  const match = /AADSTS(\d{4,7})/.exec(error.errorMessage ?? '');
  return match ? ` (AADSTS${match[1]})` : '';
}
