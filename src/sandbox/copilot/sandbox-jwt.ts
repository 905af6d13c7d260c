// Real HS256 JWTs (RFC 7519) signed with node:crypto, like the backend's python-jose,
// so a client that inspects or mangles tokens meets the same bytes it would in
// production. Each token carries a serial number (jti) so expireTokens() can
// invalidate everything issued so far while new sign-ins keep working.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface JwtClaims {
  sub: string;
  email: string;
  iat: number;
  exp: number;
  jti: string;
}

const b64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

export class JwtIssuer {
  private readonly secret = randomBytes(32);
  private serial = 0;
  /** Tokens with a serial below this are treated as expired. */
  private firstValidSerial = 0;

  constructor(private readonly ttlSeconds: number) {}

  issue(userId: number, email: string, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const claims: JwtClaims = { sub: String(userId), email, iat, exp: iat + this.ttlSeconds, jti: String(this.serial++) };
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string, nowMs: number): JwtClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [head, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let claims: unknown;
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== 'HS256') return null;
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isClaims(claims)) return null;
    if (claims.exp <= Math.floor(nowMs / 1000)) return null;
    if (Number(claims.jti) < this.firstValidSerial) return null;
    return claims;
  }

  expireAll(): void {
    this.firstValidSerial = this.serial;
  }

  private sign(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}

function isClaims(value: unknown): value is JwtClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.sub === 'string' && typeof c.email === 'string' && typeof c.iat === 'number' && typeof c.exp === 'number' && typeof c.jti === 'string';
}
