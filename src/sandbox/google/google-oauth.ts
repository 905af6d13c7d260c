// Google's OAuth 2.0 endpoints for installed apps: the consent URL
// (accounts.google.com/o/oauth2/v2/auth), the token, revoke and OpenID userinfo
// endpoints. Validation follows Google's documented loopback + PKCE flow; the
// only strictness beyond Google is that PKCE S256 is required (the app must use it).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { authPageError, escapeHtml, oauthError, SandboxFailure } from './google-errors';
import { normaliseScopes, SCOPES } from './google-scopes';
import { s256, subjectFor, type CodeRequest, type Grant, type TokenStore } from './google-tokens';

export type Reply = { status: number; payload?: unknown; contentType?: 'application/json' | 'text/html'; headers?: Record<string, string> } | { redirect: string };

export interface OAuthConfig {
  clientId: string;
  email: string;
  autoApprove: boolean;
  tokens: TokenStore;
  /** Base of the sandbox, for the consent page's own links. */
  baseUrl: () => string;
}

interface PendingConsent {
  request: CodeRequest;
  state: string | null;
}

const NO_STORE = { 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' };

export class OAuthEndpoints {
  private readonly pending = new Map<string, PendingConsent>();
  private readonly idTokenKey = randomBytes(32);

  constructor(private readonly config: OAuthConfig) {}

  /** GET /o/oauth2/v2/auth: validate, then redirect with a code or show the consent page. */
  authorize(query: URLSearchParams): Reply {
    const get = (k: string): string | null => query.get(k);
    const clientId = get('client_id');
    if (!clientId) throw authPageError(400, 'invalid_request', 'Missing required parameter: client_id');
    if (clientId !== this.config.clientId) throw authPageError(401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = get('redirect_uri');
    if (!redirectUri) throw authPageError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (!isLoopbackRedirect(redirectUri)) {
      throw authPageError(400, 'redirect_uri_mismatch', "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. Desktop clients must redirect to http://127.0.0.1:<port> or http://localhost:<port>.");
    }
    const responseType = get('response_type');
    if (!responseType) throw authPageError(400, 'invalid_request', 'Missing required parameter: response_type');
    if (responseType !== 'code') throw authPageError(400, 'unsupported_response_type', `Invalid response_type: ${responseType}`);
    const rawScope = get('scope');
    if (!rawScope || rawScope.trim() === '') throw authPageError(400, 'invalid_request', 'Missing required parameter: scope');
    const scopes = normaliseScopes(rawScope);
    if ('unknown' in scopes) throw authPageError(400, 'invalid_scope', `Some requested scopes were invalid. {invalid=[${scopes.unknown}]}`);
    const challenge = get('code_challenge');
    const method = get('code_challenge_method');
    if (!challenge) throw authPageError(400, 'invalid_request', 'Missing required parameter: code_challenge');
    if (method !== 'S256') throw authPageError(400, 'invalid_request', `Invalid code_challenge_method: ${method ?? '(none)'}; this client must use S256.`);
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) throw authPageError(400, 'invalid_request', 'Invalid code_challenge.');
    const accessType = get('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') throw authPageError(400, 'invalid_request', `Invalid access_type: ${accessType}`);

    const granted = new Set(scopes.scopes);
    if (get('include_granted_scopes') === 'true') {
      for (const s of this.config.tokens.grantedScopes(clientId, this.config.email)) granted.add(s);
    }
    const request: CodeRequest = { clientId, redirectUri, codeChallenge: challenge, scopes: [...granted], offline: accessType === 'offline', email: this.config.email };
    const state = get('state');
    if (this.config.autoApprove) return { redirect: this.approve(request, state) };

    const id = randomBytes(16).toString('hex');
    this.pending.set(id, { request, state });
    const base = `${this.config.baseUrl()}/o/oauth2/v2/auth/decision?request=${id}`;
    const list = request.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign in - Google Accounts (sandbox)</title></head><body><h1>Career Copilot Calendar wants to access your Google Account</h1><p>${escapeHtml(this.config.email)}</p><ul>${list}</ul><p><a id="allow" href="${base}&amp;allow=1">Allow</a> <a id="deny" href="${base}&amp;allow=0">Deny</a></p></body></html>`;
    return { status: 200, payload: html, contentType: 'text/html' };
  }

  /** GET /o/oauth2/v2/auth/decision: the consent page's Allow and Deny links. */
  decide(query: URLSearchParams): Reply {
    const id = query.get('request') ?? '';
    const pending = this.pending.get(id);
    if (!pending) throw authPageError(400, 'invalid_request', 'This sign-in request has expired or was already used.');
    this.pending.delete(id);
    if (query.get('allow') === '1') return { redirect: this.approve(pending.request, pending.state) };
    const url = new URL(pending.request.redirectUri);
    url.searchParams.set('error', 'access_denied');
    if (pending.state !== null) url.searchParams.set('state', pending.state);
    return { redirect: url.toString() };
  }

  private approve(request: CodeRequest, state: string | null): string {
    const code = this.config.tokens.issueCode(request);
    const url = new URL(request.redirectUri);
    // Google's order: state, code, scope, then authuser and prompt.
    if (state !== null) url.searchParams.set('state', state);
    url.searchParams.set('code', code);
    url.searchParams.set('scope', request.scopes.join(' '));
    url.searchParams.set('authuser', '0');
    url.searchParams.set('prompt', 'consent');
    return url.toString();
  }

  /** POST /token */
  token(form: URLSearchParams, headers: IncomingHttpHeaders): Reply {
    const clientId = form.get('client_id') ?? basicClientId(headers.authorization);
    if (!clientId) throw oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
    if (clientId !== this.config.clientId) throw oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(form, clientId);
    if (grantType === 'refresh_token') return this.refresh(form, clientId);
    throw oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  private exchangeCode(form: URLSearchParams, clientId: string): Reply {
    const code = form.get('code');
    if (!code) throw oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const redirectUri = form.get('redirect_uri');
    if (!redirectUri) throw oauthError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    // The code is spent even when the rest of the request is wrong, as at Google.
    const request = this.config.tokens.takeCode(code);
    if (!request) throw oauthError(400, 'invalid_grant', code.startsWith('4/') ? 'Bad Request' : 'Malformed auth code.');
    if (request.clientId !== clientId) throw oauthError(400, 'invalid_grant', 'Unauthorized');
    if (request.redirectUri !== redirectUri) throw oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = form.get('code_verifier');
    if (!verifier) throw oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (!safeEqual(s256(verifier), request.codeChallenge)) throw oauthError(400, 'invalid_grant', 'Invalid code verifier.');

    const grant = this.config.tokens.createGrant(clientId, request.email, request.scopes, request.offline);
    const body: Record<string, unknown> = this.tokenBody(grant);
    if (grant.refreshToken) body.refresh_token = grant.refreshToken;
    return { status: 200, payload: body, headers: NO_STORE };
  }

  private refresh(form: URLSearchParams, clientId: string): Reply {
    const token = form.get('refresh_token');
    if (!token) throw oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = this.config.tokens.grantForRefreshToken(token);
    if (!grant) throw oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    if (grant.clientId !== clientId) throw oauthError(401, 'unauthorized_client', 'Unauthorized');
    return { status: 200, payload: this.tokenBody(grant), headers: NO_STORE };
  }

  private tokenBody(grant: Grant): Record<string, unknown> {
    const body: Record<string, unknown> = {
      access_token: this.config.tokens.issueAccessToken(grant),
      expires_in: this.config.tokens.accessTtlSeconds,
      scope: [...grant.scopes].join(' '),
      token_type: 'Bearer',
    };
    // Google adds an ID token only when openid was granted.
    if (grant.scopes.has(SCOPES.openid)) body.id_token = this.idToken(grant);
    return body;
  }

  /** An HS256 JWT with a per-sandbox key: well-formed, but not verifiable against Google's certs. */
  private idToken(grant: Grant): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { iss: 'https://accounts.google.com', azp: grant.clientId, aud: grant.clientId, sub: subjectFor(grant.email), iat: now, exp: now + 3600 };
    if (grant.scopes.has(SCOPES.userinfoEmail)) Object.assign(claims, { email: grant.email, email_verified: true });
    const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT', kid: 'sandbox' })}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.idTokenKey).update(unsigned).digest('base64url')}`;
  }

  /** POST /revoke, token in the query or the form body. */
  revoke(query: URLSearchParams, form: URLSearchParams): Reply {
    const token = query.get('token') ?? form.get('token');
    if (!token) throw oauthError(400, 'invalid_request', 'Bad Request');
    if (!this.config.tokens.revoke(token)) throw oauthError(400, 'invalid_token', 'Token expired or revoked');
    return { status: 200, payload: {} };
  }

  /** GET /v1/userinfo (OpenID Connect). */
  userinfo(bearer: string | null): Reply {
    const grant = bearer ? this.config.tokens.grantForAccessToken(bearer) : null;
    if (!grant) {
      throw new SandboxFailure(401, { error: 'invalid_request', error_description: 'Invalid Credentials' }, 'application/json', { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
    }
    const canSee = grant.scopes.has(SCOPES.openid) || grant.scopes.has(SCOPES.userinfoEmail) || grant.scopes.has(SCOPES.userinfoProfile);
    if (!canSee) {
      throw new SandboxFailure(403, { error: 'insufficient_scope', error_description: 'Request had insufficient authentication scopes.' }, 'application/json', { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"' });
    }
    const body: Record<string, unknown> = { sub: subjectFor(grant.email) };
    if (grant.scopes.has(SCOPES.userinfoEmail)) Object.assign(body, { email: grant.email, email_verified: true });
    return { status: 200, payload: body };
  }
}

/** Desktop clients may only redirect to a loopback address over http (any port). */
function isLoopbackRedirect(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.hash === '' && url.username === '';
}

function basicClientId(header: string | undefined): string | null {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return decodeURIComponent(colon === -1 ? decoded : decoded.slice(0, colon)) || null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
