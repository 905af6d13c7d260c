// Grants, authorization codes, access and refresh tokens, in memory, shaped as
// the Microsoft identity platform issues them: access tokens are JWTs (so code
// that redacts JWTs is exercised), refresh tokens opaque and rotated on every
// use while the older ones keep working, as Entra ID documents. A revocation
// (the user changed their password, an admin revoked sessions) kills every
// refresh token of the user at once; access tokens live on until they expire.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface Grant {
  clientId: string;
  email: string;
  scopes: ReadonlySet<string>;
  revoked: boolean;
  issuedAt: number;
}

export interface CodeRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256' | 'plain';
  scopes: string[];
  nonce: string | null;
}

interface CodeRecord extends CodeRequest {
  expiresAt: number;
  used: boolean;
}

interface AccessRecord {
  grant: Grant;
  expiresAt: number;
}

/** Entra authorization codes live about ten minutes and redeem once. */
const CODE_TTL_MS = 10 * 60_000;

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class IdentityTokens {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, Grant>();
  private readonly key = randomBytes(32);
  accessTtlSeconds: number;

  constructor(accessTtlSeconds: number) {
    this.accessTtlSeconds = accessTtlSeconds;
  }

  issueCode(request: CodeRequest): string {
    const code = `1.A${random(96)}`;
    this.codes.set(code, { ...request, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** 'used' and 'expired' answer with different AADSTS codes. */
  takeCode(code: string): CodeRequest | 'used' | 'unknown' {
    const record = this.codes.get(code);
    if (!record || record.expiresAt < Date.now()) return 'unknown';
    if (record.used) return 'used';
    record.used = true;
    return record;
  }

  createGrant(clientId: string, email: string, scopes: string[]): Grant {
    return { clientId, email, scopes: new Set(scopes), revoked: false, issuedAt: Date.now() };
  }

  issueRefreshToken(grant: Grant): string {
    const token = `0.A${random(160)}`;
    this.refresh.set(token, grant);
    return token;
  }

  grantForRefreshToken(token: string): Grant | 'revoked' | null {
    const grant = this.refresh.get(token);
    if (!grant) return null;
    return grant.revoked ? 'revoked' : grant;
  }

  issueAccessToken(grant: Grant, claims: Record<string, unknown>): string {
    const now = Math.floor(Date.now() / 1000);
    const body = { aud: '00000003-0000-0000-c000-000000000000', iat: now, nbf: now, exp: now + this.accessTtlSeconds, scp: [...grant.scopes].join(' '), uti: random(16), ver: '1.0', ...claims };
    const token = this.sign({ typ: 'JWT', nonce: random(24), alg: 'RS256', x5t: 'sandbox', kid: 'sandbox' }, body);
    this.access.set(token, { grant, expiresAt: Date.now() + this.accessTtlSeconds * 1000 });
    return token;
  }

  /** The grant behind a bearer token; why not when it is not usable. */
  grantForAccessToken(token: string): Grant | 'expired' | 'unknown' {
    const record = this.access.get(token);
    if (!record) return 'unknown';
    if (record.expiresAt <= Date.now()) return 'expired';
    return record.grant;
  }

  idToken(claims: Record<string, unknown>): string {
    return this.sign({ typ: 'JWT', alg: 'RS256', kid: 'sandbox' }, claims);
  }

  /** Every refresh token of every grant stops working (AADSTS50173). */
  revokeAll(): void {
    for (const grant of this.refresh.values()) grant.revoked = true;
  }

  expireAccessTokens(): void {
    for (const record of this.access.values()) record.expiresAt = 0;
  }

  /** Well-formed, but signed with a per-sandbox key rather than Microsoft's. */
  private sign(header: Record<string, unknown>, claims: Record<string, unknown>): string {
    const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${part(header)}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.key).update(unsigned).digest('base64url')}`;
  }
}

/** RFC 7636: S256 is BASE64URL(SHA256(verifier)); plain is the verifier itself. */
export function pkceMatches(method: 'S256' | 'plain', challenge: string, verifier: string): boolean {
  const computed = method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  return computed === challenge;
}

/** A stable GUID for a string (object ids, tenant ids). */
export function guidFor(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
