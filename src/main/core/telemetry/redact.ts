// Last line of defence for free-form text (log lines, error messages, audit
// details): anything shaped like a credential is replaced before it is written.

const WHOLE_MATCH: RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // Authorization headers
  /\bBasic\s+(?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{12,}={0,2}/g, // Basic credentials (CalDAV app passwords)
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWTs
  /\bya29\.[A-Za-z0-9._-]+/g, // Google access tokens
  /\b1\/\/[A-Za-z0-9._-]{10,}/g, // Google refresh tokens
];

/** `key=value` / `"key": "value"` pairs whose value is a secret; the key is kept. */
const KEYED = /\b((?:access|refresh|id)_token|code_verifier|client_secret|password|token)(["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi;

/** `authorization: <scheme> <credentials>` in quoted headers: the key is kept. */
const AUTHORIZATION = /\b(authorization["']?\s*[:=]\s*["']?)(?:(?:Basic|Bearer|Digest|Negotiate|NTLM)\s+)?[^"'\s,})]+/gi;

/** `scheme://user:password@host`: the user info goes, the host stays. */
const URL_USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@:]+:[^\s/?#@]+@/gi;

export function scrubSecrets(text: string): string {
  let out = text.replace(URL_USER_INFO, '$1[redacted]@');
  for (const pattern of WHOLE_MATCH) out = out.replace(pattern, '[redacted]');
  out = out.replace(AUTHORIZATION, '$1[redacted]');
  return out.replace(KEYED, (_match, key: string, sep: string) => `${key}${sep}[redacted]`);
}
