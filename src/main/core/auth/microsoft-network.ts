// MSAL's network module over the app's injected fetch, instead of MSAL's own
// node:https client: every identity request goes through the same fetch (so it
// is counted, times out, and trusts the same certificates), and a failure reaches
// MSAL as an error that holds no token — MSAL turns it into network_error.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Fetch } from '../ports';
import { HttpFailure, networkCode } from './safe-cause';

/** Long enough for a slow sign-in server, short enough that a sync does not hang. */
const DEFAULT_TIMEOUT_MS = 30_000;

export function createMsalNetworkModule(fetchImpl: Fetch, onRequest?: (url: string) => void): INetworkModule {
  async function send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeoutMs: number | undefined): Promise<NetworkResponse<T>> {
    onRequest?.(url);
    const endpoint = endpointOf(url);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? options?.body : undefined,
        signal: AbortSignal.timeout(timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      const code = networkCode(error) ?? (error instanceof Error ? error.name : null);
      throw new HttpFailure(`${method} ${endpoint} failed (${code ?? 'no response'})`, { status: null, code, method, endpoint });
    }
    const text = await response.text();
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        // A proxy's or load balancer's HTML page: nothing MSAL can read.
        throw new HttpFailure(`${method} ${endpoint} answered HTTP ${response.status} with a body that is not JSON`, { status: response.status, code: null, method, endpoint });
      }
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: body as T };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options, undefined),
  };
}

function endpointOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'unknown endpoint';
  }
}
