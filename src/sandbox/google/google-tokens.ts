// Grants, authorization codes, access and refresh tokens, in memory. Tokens are
// opaque random strings with Google's visible prefixes (ya29. and 1//) so code
// that redacts by prefix is exercised. A revocation removes the user's whole
// authorization of the client, as Google's revoke endpoint does.
import { createHash, randomBytes } from 'node:crypto';

export interface Grant {
  clientId: string;
  email: string;
  scopes: ReadonlySet<string>;
  refreshToken: string | null;
  revoked: boolean;
}

interface AccessRecord {
  grant: Grant;
  expiresAt: number;
  expired: boolean;
}

export interface CodeRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  offline: boolean;
  email: string;
}

interface CodeRecord extends CodeRequest {
  expiresAt: number;
  used: boolean;
}

/** Google's authorization codes live about ten minutes. */
const CODE_TTL_MS = 10 * 60_000;

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class TokenStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, Grant>();
  private readonly grants: Grant[] = [];

  constructor(private readonly ttlSeconds: number) {}

  get accessTtlSeconds(): number {
    return this.ttlSeconds;
  }

  issueCode(request: CodeRequest): string {
    const code = `4/0sandbox${random(32)}`;
    this.codes.set(code, { ...request, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** The code's request, once; null when unknown, used or expired. */
  takeCode(code: string): CodeRequest | null {
    const record = this.codes.get(code);
    if (!record || record.used || record.expiresAt < Date.now()) return null;
    record.used = true;
    return record;
  }

  /** Scopes the user has already granted this client (for include_granted_scopes). */
  grantedScopes(clientId: string, email: string): string[] {
    const out = new Set<string>();
    for (const g of this.grants) if (!g.revoked && g.clientId === clientId && g.email === email) g.scopes.forEach((s) => out.add(s));
    return [...out];
  }

  createGrant(clientId: string, email: string, scopes: string[], offline: boolean): Grant {
    const grant: Grant = { clientId, email, scopes: new Set(scopes), refreshToken: offline ? `1//sandbox.${random(48)}` : null, revoked: false };
    this.grants.push(grant);
    if (grant.refreshToken) this.refresh.set(grant.refreshToken, grant);
    return grant;
  }

  issueAccessToken(grant: Grant): string {
    const token = `ya29.sandbox.${random(64)}`;
    this.access.set(token, { grant, expiresAt: Date.now() + this.ttlSeconds * 1000, expired: false });
    return token;
  }

  grantForRefreshToken(token: string): Grant | null {
    const grant = this.refresh.get(token);
    return grant && !grant.revoked ? grant : null;
  }

  /** The live grant behind a bearer token, or null when unknown, expired or revoked. */
  grantForAccessToken(token: string): Grant | null {
    const record = this.access.get(token);
    if (!record || record.expired || record.grant.revoked || record.expiresAt <= Date.now()) return null;
    return record.grant;
  }

  /** Revoking any of the user's tokens ends the client's whole authorization. */
  revoke(token: string): boolean {
    const grant = this.refresh.get(token) ?? this.access.get(token)?.grant;
    if (!grant || grant.revoked) return false;
    for (const g of this.grants) if (g.clientId === grant.clientId && g.email === grant.email) g.revoked = true;
    return true;
  }

  /** Every grant, oldest first, without its tokens. */
  views(): { clientId: string; email: string; scopes: string[]; offline: boolean; revoked: boolean }[] {
    return this.grants.map((g) => ({ clientId: g.clientId, email: g.email, scopes: [...g.scopes], offline: g.refreshToken !== null, revoked: g.revoked }));
  }

  revokeAll(): void {
    for (const g of this.grants) g.revoked = true;
  }

  expireAccessTokens(): void {
    for (const record of this.access.values()) record.expired = true;
  }
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** A stable numeric subject id for an email, shaped like Google's 21-digit sub. */
export function subjectFor(email: string): string {
  const hex = createHash('sha256').update(email).digest('hex').slice(0, 15);
  return `1${BigInt(`0x${hex}`).toString().padStart(20, '0').slice(0, 20)}`;
}
