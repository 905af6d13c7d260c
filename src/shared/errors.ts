// Typed errors a user can meet. Each carries a message for people (what happened,
// what to do) and keeps the technical cause for logs. Messages never contain secrets.

export type ErrorCode =
  | 'copilot_auth' // Career Copilot rejected the session: sign in again
  | 'copilot_unavailable'
  | 'copilot_bad_response'
  | 'copilot_rejected' // 400/404/409 from Career Copilot on a write
  | 'provider_auth' // grant revoked / refresh failed: reconnect
  | 'provider_permission' // missing scope or no access to the calendar
  | 'provider_rate_limited'
  | 'provider_unavailable' // 5xx / network
  | 'provider_bad_response'
  | 'provider_precondition' // 412: changed since we read it
  | 'provider_not_found'
  | 'provider_conflict' // 409 on create: the id exists already
  | 'sync_token_expired' // 410 on an incremental listing
  | 'sync_guard' // a safety stop, e.g. too many deletes
  | 'store_corrupt'
  | 'store_newer'
  | 'store_io'
  | 'store_busy' // another process holds the data folder's writer lease
  | 'secrets_unavailable'
  | 'oauth_failed'
  | 'config_invalid'
  | 'invalid_input';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** A sentence or two for the user: what happened and what to do. */
  readonly userMessage: string;
  /** Worth retrying later without the user doing anything. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, userMessage: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = userMessage;
    this.retryable = options.retryable ?? false;
  }
}

export class CopilotAuthError extends AppError {
  constructor(cause?: unknown) {
    super('copilot_auth', 'Career Copilot signed you out. Sign in again; your queued changes are kept and will be sent after.', {
      cause,
    });
  }
}

export class ProviderError extends AppError {
  readonly status: number | null;
  /** Milliseconds the provider asked us to wait (Retry-After), if it said. */
  readonly retryAfterMs: number | null;
  constructor(
    code: ErrorCode,
    userMessage: string,
    options: { cause?: unknown; retryable?: boolean; status?: number | null; retryAfterMs?: number | null } = {},
  ) {
    super(code, userMessage, options);
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export class SyncGuardError extends AppError {
  constructor(userMessage: string) {
    super('sync_guard', userMessage);
  }
}

export class StoreError extends AppError {}

export class InvalidInputError extends AppError {
  constructor(userMessage: string, cause?: unknown) {
    super('invalid_input', userMessage, { cause });
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

/** The user-facing text of any thrown thing, without leaking internals. */
export function userMessageOf(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  // Storage failures surface from deep inside SQLite or the file system.
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return 'The disk is full, so the last change could not be saved. Free some space and try again; nothing already saved was lost.';
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS') {
    return "The app's data folder can't be written. Check its permissions (or set CCAL_DATA_DIR to a writable folder) and try again.";
  }
  return 'Something unexpected went wrong. Details are in the log; try again, and report it if it keeps happening.';
}
