// The Microsoft identity platform (v2.0 endpoints) for one user and one public
// client app: OpenID metadata and instance discovery (what MSAL reads before
// anything else), /authorize with PKCE, consent and loopback redirect checks, and
// /token for authorization codes and refresh tokens, answering with the AADSTS
// codes Entra ID documents (AADSTS50173 for a revoked grant, AADSTS54005 for a
// code redeemed twice, AADSTS501481 for a PKCE mismatch …).
import { randomBytes } from 'node:crypto';
import { aadError, aadErrorPage } from './microsoft-errors';
import type { Json } from './microsoft-http';
import { guidFor, IdentityTokens, pkceMatches, type Grant } from './microsoft-identity-tokens';

export type IdentityReply =
  | { status: number; payload: Json | string; headers?: Record<string, string>; contentType?: string }
  | { redirect: string };

export interface IdentityConfig {
  clientId: string;
  tenantId: string;
  email: string;
  displayName: string;
  /** A personal Microsoft account (consumers tenant): Graph's /me has no `mail`. */
  personal: boolean;
  autoApprove: boolean;
  /** What the user (or their admin's policy) lets the app have; null grants what is asked. */
  grantableScopes: string[] | null;
  tokens: IdentityTokens;
  baseUrl: () => string;
}

/** Microsoft's fixed tenant id for personal accounts. */
const CONSUMERS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const GRAPH_PREFIX = 'https://graph.microsoft.com/';
/** The delegated Graph permissions this stand-in knows; any other name is AADSTS70011. */
const GRAPH_SCOPES = ['User.Read', 'User.ReadBasic.All', 'Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared', 'Mail.Read', 'Contacts.Read'];
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

interface PendingConsent {
  query: URLSearchParams;
  scopes: string[];
  redirectUri: string;
}

export class IdentityEndpoints {
  private readonly pending = new Map<string, PendingConsent>();

  constructor(private readonly config: IdentityConfig) {}

  get oid(): string {
    return guidFor(`oid:${this.config.email}`);
  }

  get homeTenant(): string {
    return this.config.personal ? CONSUMERS_TENANT : this.config.tenantId;
  }

  /** Tenants this authority answers for: the aliases and the user's own. */
  knowsTenant(tenant: string): boolean {
    return ['common', 'organizations', 'consumers', this.config.tenantId, CONSUMERS_TENANT].includes(tenant.toLowerCase());
  }

  openIdConfiguration(tenant: string): IdentityReply {
    this.requireTenant(tenant);
    const base = this.config.baseUrl();
    // As for login.microsoftonline.com/common: endpoints keep the alias, the issuer has a {tenantid} template.
    const issuerTenant = ['common', 'organizations', 'consumers'].includes(tenant) ? '{tenantid}' : tenant;
    return {
      status: 200,
      payload: {
        token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/${issuerTenant}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${base}/oidc/userinfo`,
        authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
        kerberos_endpoint: `${base}/${tenant}/kerberos`,
        tenant_region_scope: null,
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      },
    };
  }

  /** What MSAL asks when the authority is not in knownAuthorities. */
  instanceDiscovery(query: URLSearchParams): IdentityReply {
    const base = this.config.baseUrl();
    const host = new URL(base).host;
    const endpoint = query.get('authorization_endpoint');
    const tenant = endpoint ? (new URL(endpoint).pathname.split('/')[1] ?? 'common') : 'common';
    return {
      status: 200,
      payload: {
        tenant_discovery_endpoint: `${base}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    };
  }

  authorize(tenant: string, query: URLSearchParams): IdentityReply {
    this.requireTenant(tenant);
    const { clientId } = this.config;
    const requestedClient = query.get('client_id');
    if (!requestedClient) throw aadErrorPage(900144, "The request body must contain the following parameter: 'client_id'.");
    if (requestedClient !== clientId) {
      throw aadErrorPage(700016, `Application with identifier '${requestedClient}' was not found in the directory '${this.config.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
    }
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri) throw aadErrorPage(900144, "The request body must contain the following parameter: 'redirect_uri'.");
    if (!isRegisteredLoopback(redirectUri)) {
      throw aadErrorPage(50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`);
    }
    // From here on a failure is reported to the app through the redirect.
    const fail = (error: string, code: number, text: string): IdentityReply => this.redirectBack(query, redirectUri, { error, error_description: aadDescription(code, text) });
    const mode = query.get('response_mode') ?? 'query';
    if (!['query', 'fragment', 'form_post'].includes(mode)) return fail('invalid_request', 900144, `The provided value for the input parameter 'response_mode' is not valid.`);
    if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 700054, "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'.");
    const rawScope = query.get('scope');
    if (!rawScope) return fail('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
    const scopes = normaliseScopes(rawScope);
    if ('unknown' in scopes) return fail('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${scopes.unknown}' does not exist.`);
    // Entra ID accepts a public client's code without PKCE; this stand-in is stricter.
    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method') ?? 'plain';
    if (!challenge) return fail('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
    if (method !== 'S256' && method !== 'plain') return fail('invalid_request', 5000, "The code_challenge_method is not valid. Supported values are 'S256' and 'plain'.");

    const granted = this.grantable(scopes.scopes);
    if (!this.config.autoApprove) {
      const id = randomBytes(12).toString('base64url');
      this.pending.set(id, { query, scopes: granted, redirectUri });
      const base = this.config.baseUrl();
      const accept = `${base}/${tenant}/oauth2/v2.0/authorize/consent?request=${id}&choice=accept`;
      const deny = `${base}/${tenant}/oauth2/v2.0/authorize/consent?request=${id}&choice=deny`;
      return {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        payload: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Permissions requested</title></head><body><h1>Permissions requested</h1><p>${this.config.email}</p><ul>${granted.map((s) => `<li>${s}</li>`).join('')}</ul><a id="accept" href="${accept}">Accept</a> <a id="deny" href="${deny}">Cancel</a></body></html>`,
      };
    }
    return this.approve(query, redirectUri, granted);
  }

  consent(query: URLSearchParams): IdentityReply {
    const pending = this.pending.get(query.get('request') ?? '');
    if (!pending) throw aadErrorPage(900561, 'The endpoint only accepts POST requests or the request has expired.');
    this.pending.delete(query.get('request') ?? '');
    if (query.get('choice') !== 'accept') {
      return this.redirectBack(pending.query, pending.redirectUri, { error: 'access_denied', error_description: aadDescription(65004, 'User declined to consent to access the app.') });
    }
    return this.approve(pending.query, pending.redirectUri, pending.scopes);
  }

  token(tenant: string, form: URLSearchParams): IdentityReply {
    this.requireTenant(tenant);
    const clientId = form.get('client_id');
    if (!clientId) throw aadError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId !== this.config.clientId) throw aadError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.config.tenantId}'.`);
    switch (form.get('grant_type')) {
      case 'authorization_code':
        return this.redeemCode(form);
      case 'refresh_token':
        return this.redeemRefreshToken(form);
      case null:
        throw aadError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
      default:
        throw aadError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
  }

  private redeemCode(form: URLSearchParams): IdentityReply {
    const code = form.get('code');
    if (!code) throw aadError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code'.");
    const record = this.config.tokens.takeCode(code);
    if (record === 'used') throw aadError(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
    if (record === 'unknown') throw aadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
    if (form.get('redirect_uri') !== record.redirectUri) throw aadError(400, 'invalid_grant', 500117, 'The reply uri specified in the request does not match the reply uri used in the authorization request.');
    const verifier = form.get('code_verifier');
    if (!verifier) throw aadError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code_verifier'.");
    if (!pkceMatches(record.codeChallengeMethod, record.codeChallenge, verifier)) throw aadError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    const grant = this.config.tokens.createGrant(record.clientId, this.config.email, record.scopes);
    return this.tokenReply(grant, form.get('client_info') === '1', record.nonce);
  }

  private redeemRefreshToken(form: URLSearchParams): IdentityReply {
    const token = form.get('refresh_token');
    if (!token) throw aadError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'refresh_token'.");
    const grant = this.config.tokens.grantForRefreshToken(token);
    if (grant === null) throw aadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    if (grant === 'revoked') {
      const issued = new Date().toISOString();
      throw aadError(400, 'invalid_grant', 50173, `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${issued}'.`);
    }
    if (grant.clientId !== form.get('client_id')) throw aadError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
    const asked = normaliseScopes(form.get('scope') ?? '');
    if ('unknown' in asked) throw aadError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${asked.unknown}' does not exist.`);
    const missing = asked.scopes.filter((s) => !OIDC_SCOPES.includes(s) && !grant.scopes.has(s));
    if (missing.length > 0) {
      throw aadError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${grant.clientId}'. Send an interactive authorization request for this user and resource.`);
    }
    return this.tokenReply(grant, form.get('client_info') === '1', null);
  }

  private tokenReply(grant: Grant, clientInfo: boolean, nonce: string | null): IdentityReply {
    const { tokens } = this.config;
    const graph = [...grant.scopes].filter((s) => !OIDC_SCOPES.includes(s));
    const tid = this.homeTenant;
    const body: Json = {
      token_type: 'Bearer',
      // Entra lists the Graph permissions and the OpenID ones, never offline_access.
      scope: [...graph, ...['profile', 'openid', 'email'].filter((s) => grant.scopes.has(s))].join(' '),
      expires_in: tokens.accessTtlSeconds,
      ext_expires_in: tokens.accessTtlSeconds,
      access_token: tokens.issueAccessToken(grant, { oid: this.oid, tid, upn: this.config.email, name: this.config.displayName, appid: grant.clientId }),
    };
    if (grant.scopes.has('offline_access')) body.refresh_token = tokens.issueRefreshToken(grant);
    if (grant.scopes.has('openid')) body.id_token = this.idToken(grant, nonce);
    if (clientInfo) body.client_info = Buffer.from(JSON.stringify({ uid: this.oid, utid: tid })).toString('base64url');
    return { status: 200, payload: body, headers: NO_STORE };
  }

  private idToken(grant: Grant, nonce: string | null): string {
    const now = Math.floor(Date.now() / 1000);
    const tid = this.homeTenant;
    const claims: Json = {
      aud: grant.clientId,
      iss: `${this.config.baseUrl()}/${tid}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: this.config.displayName,
      oid: this.oid,
      preferred_username: this.config.email,
      sub: guidFor(`sub:${grant.clientId}:${this.config.email}`).replace(/-/g, ''),
      tid,
      ver: '2.0',
    };
    if (grant.scopes.has('email')) claims.email = this.config.email;
    if (nonce) claims.nonce = nonce;
    return this.config.tokens.idToken(claims);
  }

  private approve(query: URLSearchParams, redirectUri: string, scopes: string[]): IdentityReply {
    const code = this.config.tokens.issueCode({
      clientId: this.config.clientId,
      redirectUri,
      codeChallenge: query.get('code_challenge') ?? '',
      codeChallengeMethod: query.get('code_challenge_method') === 'S256' ? 'S256' : 'plain',
      scopes,
      nonce: query.get('nonce'),
    });
    const params: Record<string, string> = { code };
    if (query.get('client_info') === '1') params.client_info = Buffer.from(JSON.stringify({ uid: this.oid, utid: this.homeTenant })).toString('base64url');
    params.session_state = randomBytes(16).toString('hex');
    return this.redirectBack(query, redirectUri, params);
  }

  private redirectBack(query: URLSearchParams, redirectUri: string, params: Record<string, string>): IdentityReply {
    const all = new URLSearchParams(params);
    const state = query.get('state');
    if (state !== null) all.set('state', state);
    const mode = query.get('response_mode') ?? 'query';
    if (mode === 'form_post') {
      const inputs = [...all].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}"/>`).join('');
      return { status: 200, contentType: 'text/html; charset=utf-8', payload: `<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${redirectUri}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script>document.forms[0].submit();</script></body></html>` };
    }
    const url = new URL(redirectUri);
    if (mode === 'fragment') url.hash = all.toString();
    else for (const [k, v] of all) url.searchParams.set(k, v);
    return { redirect: url.href };
  }

  private grantable(requested: string[]): string[] {
    const allowed = this.config.grantableScopes;
    if (allowed === null) return requested;
    return requested.filter((s) => OIDC_SCOPES.includes(s) || allowed.includes(s));
  }

  private requireTenant(tenant: string): void {
    if (!this.knowsTenant(tenant)) {
      throw aadError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
  }
}

function aadDescription(code: number, text: string): string {
  return `AADSTS${code}: ${text}\r\nTrace ID: ${randomBytes(16).toString('hex')}\r\nTimestamp: ${new Date().toISOString()}`;
}

/** Canonical Graph scope names (the resource prefix dropped), or the first unknown one. */
export function normaliseScopes(raw: string): { scopes: string[] } | { unknown: string } {
  const out = new Set<string>();
  for (const word of raw.split(/\s+/).filter(Boolean)) {
    const bare = word.startsWith(GRAPH_PREFIX) ? word.slice(GRAPH_PREFIX.length) : word;
    const oidc = OIDC_SCOPES.find((s) => s === bare.toLowerCase());
    const graph = GRAPH_SCOPES.find((s) => s.toLowerCase() === bare.toLowerCase());
    if (bare === '.default') continue; // "everything the app registration lists": nothing more here
    const known = oidc ?? graph;
    if (known === undefined) return { unknown: word };
    out.add(known);
  }
  return { scopes: [...out] };
}

/**
 * Public clients register http://127.0.0.1 (or http://localhost); Entra ignores the
 * port of a loopback redirect URI (RFC 8252 §7.3) but matches the rest. The sandbox's
 * app registration lists both, with path "/".
 */
function isRegisteredLoopback(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
}
