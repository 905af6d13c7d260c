// Last line of defence for free-form text (log lines, error messages, audit
// details): anything shaped like a credential is replaced before it is written.

const WHOLE_MATCH: RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // Authorization headers
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWTs
  /\bya29\.[A-Za-z0-9._-]+/g, // Google access tokens
  /\b1\/\/[A-Za-z0-9._-]{10,}/g, // Google refresh tokens
];

/** `key=value` / `"key": "value"` pairs whose value is a secret; the key is kept. */
const KEYED = /\b((?:access|refresh|id)_token|code_verifier|client_secret|password|token)(["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi;

export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of WHOLE_MATCH) out = out.replace(pattern, '[redacted]');
  return out.replace(KEYED, (_match, key: string, sep: string) => `${key}${sep}[redacted]`);
}
