// What a value becomes in the log: plain JSON with every secret removed. Errors
// are written as their name, message, stack, code, other plain fields and cause
// chain (JSON.stringify would write an Error as `{}`), but never the objects an
// HTTP library hangs on them (config, request, response), which carry the
// Authorization header, form bodies with refresh tokens and token-bearing URLs.
import { scrubSecrets } from './redact';

const CENSOR = '[redacted]';
const MAX_DEPTH = 10;

/** Keys whose value is a secret wherever they appear, however deep. */
const SECRET_KEY = /^(?:access_?token|refresh_?token|id_?token|token|password|passwd|secret|client_?secret|code_?verifier|authorization|cookie|set-cookie|api_?key)$/i;

/** A deep copy of `value` fit for a log line: JSON-shaped, secrets censored. */
export function loggable(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorFields(value, depth, seen);
    // Dates, URLs and the like log as JSON.stringify would write them.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk((toJSON as () => unknown).call(value), depth + 1, seen);
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? CENSOR : walk(v, depth + 1, seen);
    return out;
  } finally {
    // Only the current path counts as a cycle; a value logged twice side by side is not one.
    seen.delete(value);
  }
}

function errorFields(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: scrubSecrets(error.message) };
  if (typeof error.stack === 'string') out.stack = scrubSecrets(error.stack);
  // Own plain fields: code, status, errno, syscall, retryable… Objects are left out on purpose (see above).
  for (const [key, v] of Object.entries(error)) {
    if (key in out || key === 'cause') continue;
    if (SECRET_KEY.test(key)) out[key] = CENSOR;
    else if (typeof v === 'string') {
      if (v !== error.message) out[key] = scrubSecrets(v); // AppError.userMessage repeats the message
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[key] = v;
  }
  if (error instanceof AggregateError) out.errors = error.errors.map((e: unknown) => walk(e, depth + 1, seen));
  if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1, seen);
  return out;
}
