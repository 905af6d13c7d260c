// The @microsoft/microsoft-graph-client Client every Microsoft call goes
// through, with our own middleware chain instead of the default one:
// - the access token is handed per request (AuthenticationHandlerOptions), so a
//   sign-in failure is ours to classify before Graph is asked anything;
// - no RetryHandler: it would retry a 429 inside one concurrency slot and
//   without pausing the account, and hide the retries from the request count;
//   our executor does both (DESIGN §5 "a rate-limit answer pauses the whole account");
// - the last handler sends with the injected fetch, counts the request, and turns
//   a dropped connection into an error the classifier can name.
// customHosts must name the configured Graph host, or the client would not send
// the token to it (it only trusts graph.microsoft.com and its national clouds).
import { AuthenticationHandler, AuthenticationHandlerOptions, Client, TelemetryHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { networkCode } from '../../auth/safe-cause';
import { splitGraphRoot } from '../../auth/microsoft-config';
import type { Fetch } from '../../ports';

/** A request that got no HTTP answer (refused, reset, timed out). */
export class GraphNetworkError extends Error {
  readonly code: string;
  constructor(cause: unknown) {
    const code = networkCode(cause) ?? (cause instanceof Error ? cause.name : 'network');
    super(`no answer from Microsoft Graph (${code})`);
    this.name = 'GraphNetworkError';
    this.code = code;
  }
}

class FetchHandler implements Middleware {
  constructor(
    private readonly fetchImpl: Fetch,
    private readonly onRequest: (url: string) => void,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    this.onRequest(url);
    try {
      context.response = await this.fetchImpl(context.request, context.options);
    } catch (error) {
      if (context.options?.signal?.aborted) throw error;
      throw new GraphNetworkError(error);
    }
  }
}

export interface GraphClientHandle {
  client: Client;
  /** https://graph.microsoft.com */
  origin: string;
  version: string;
  /** The per-request option that puts `token` on the request. */
  withToken(token: string): AuthenticationHandlerOptions;
}

export function createGraphClient(graphRoot: string, fetchImpl: Fetch, onRequest: (url: string) => void): GraphClientHandle {
  const { origin, hostname, version } = splitGraphRoot(graphRoot);
  const noToken = {
    getAccessToken: (): Promise<string> => Promise.reject(new Error('a Graph request was made without an access token')),
  };
  const client = Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(noToken), new TelemetryHandler(), new FetchHandler(fetchImpl, onRequest)],
    baseUrl: origin,
    defaultVersion: version,
    customHosts: new Set([hostname]),
  });
  return {
    client,
    origin,
    version,
    withToken: (token) => new AuthenticationHandlerOptions({ getAccessToken: () => Promise.resolve(token) }),
  };
}
