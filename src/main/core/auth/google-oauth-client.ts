// Builds the google-auth-library OAuth2Client every Google part uses: our
// endpoints, proactive refresh five minutes before expiry, and no hidden retries —
// gaxios retries token and API calls on its own by default, which would bypass the
// rate limiter and make the request count lie. Our retry loop is the only one.
import { OAuth2Client, gaxios } from 'google-auth-library';
import type { Fetch } from '../ports';
import { createHttpFetch } from '../net/http-fetch';
import type { GoogleConfig } from './google-config';

export const EAGER_REFRESH_MS = 5 * 60_000;

export interface GoogleOAuthClientOptions {
  redirectUri?: string;
  /** Called once per HTTP request actually sent (token, userinfo and API calls alike). */
  onHttpRequest?: (url: string) => void;
  /** The network; by default the transport below (tests may count or fail requests with their own). */
  fetch?: Fetch;
}

/** A request that hangs this long is treated like a dropped connection (and the API's retry loop retries it). */
export const GOOGLE_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Shared by every Google client: keep-alive sockets per origin, a deadline per
 * request, and responses that do not outlive their request (http-fetch.ts says
 * why this is not the built-in fetch, nor gaxios's `timeout` option).
 */
const transport = createHttpFetch({ timeoutMs: GOOGLE_REQUEST_TIMEOUT_MS });

export function createGoogleOAuthClient(config: GoogleConfig, options: GoogleOAuthClientOptions = {}): OAuth2Client {
  const network = options.fetch ?? transport;
  const send: typeof fetch = (input, init) => {
    options.onHttpRequest?.(urlOf(input));
    return network(input, init);
  };
  const client = new OAuth2Client({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: options.redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: config.authUrl,
      oauth2TokenUrl: config.tokenUrl,
      oauth2RevokeUrl: config.revokeUrl,
    },
    eagerRefreshThresholdMillis: EAGER_REFRESH_MS,
    // A 401/403 must reach our loop: it refreshes once on 401 and must not refresh
    // on a 403 rate limit.
    forceRefreshOnFailure: false,
    transporterOptions: { fetchImplementation: send, retry: false },
  });
  // The library sets `retry: true` per token request, overriding transporter
  // defaults; an interceptor runs after that and has the last word.
  client.transporter.interceptors.request.add({
    resolved: async (prepared: gaxios.GaxiosOptionsPrepared) => {
      prepared.retry = false;
      prepared.retryConfig = { ...prepared.retryConfig, retry: 0, noResponseRetries: 0 };
      return prepared;
    },
  });
  return client;
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}
