// The one-shot HTTP listener the browser is redirected to at the end of an
// installed-app OAuth consent (RFC 8252 §7.3). It binds 127.0.0.1 on a random port,
// answers exactly one callback, and checks everything a local attacker could fake:
// method, Host (DNS-rebinding), path and the `state` we generated.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors';

export interface OAuthListenerOptions {
  expectedState: string;
  timeoutMs: number;
  path?: string;
}

export interface OAuthListener {
  /** Where the provider should send the browser back to. */
  redirectUri: string;
  /** Settles once: the authorization code, or an AppError('oauth_failed'). */
  result: Promise<{ code: string }>;
  /** Stops listening and drops open connections. Safe to call twice. */
  close(): Promise<void>;
}

const APP_NAME = 'Career Copilot Calendar';

export async function createOAuthListener(options: OAuthListenerOptions): Promise<OAuthListener> {
  const path = options.path ?? '/oauth2callback';
  let settled = false;
  let resolveResult!: (value: { code: string }) => void;
  let rejectResult!: (reason: AppError) => void;
  const result = new Promise<{ code: string }>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may be busy opening the browser when a rejection lands; mark it
  // handled here so Node does not report it, the caller still sees it on await.
  result.catch(() => undefined);

  // Started before binding; the few milliseconds that takes do not matter.
  const timer = setTimeout(() => {
    settle(
      new AppError(
        'oauth_failed',
        `No answer from the browser within ${describeDuration(options.timeoutMs)}, so the sign-in was stopped. Click Connect to try again; if no browser opened, copy the link shown into one.`,
      ),
    );
  }, options.timeoutMs);
  // A pending sign-in must not keep a headless process alive on its own.
  timer.unref();

  const settle = (outcome: { code: string } | AppError): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (outcome instanceof AppError) rejectResult(outcome);
    else resolveResult(outcome);
  };

  const server = createServer((req, res) => handle(req, res));
  let expectedHost = '';

  function handle(req: IncomingMessage, res: ServerResponse): void {
    // Host must be exactly what we bound: a page on another origin that resolves
    // its own name to 127.0.0.1 (DNS rebinding) sends a different Host.
    if (req.headers.host !== expectedHost) {
      reply(res, 400, 'This address only accepts the sign-in answer from your browser.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    if (url.pathname !== path) {
      reply(res, 404, 'Nothing here.');
      return;
    }
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      reply(res, 405, 'Only the browser redirect is accepted here.');
      return;
    }
    if (settled) {
      reply(res, 409, `This sign-in was already completed. You can close this tab and return to ${APP_NAME}.`);
      return;
    }
    const params = url.searchParams;
    if (params.get('state') !== options.expectedState) {
      reply(res, 400, `This sign-in answer does not match the one ${APP_NAME} started. Go back to the app and try again.`);
      settle(
        new AppError(
          'oauth_failed',
          `The browser returned a sign-in answer that does not match the one ${APP_NAME} started, so it was ignored. Click Connect to try again.`,
        ),
      );
      return;
    }
    const error = params.get('error');
    if (error !== null) {
      reply(res, 200, `Access was not granted. You can close this tab and return to ${APP_NAME}.`);
      settle(
        error === 'access_denied'
          ? new AppError(
              'oauth_failed',
              'You declined access in the browser, so the calendar was not connected. Click Connect again and choose Allow to sync your events.',
            )
          : new AppError('oauth_failed', `The sign-in page reported a problem (${safeWord(error)}). Click Connect to try again.`),
      );
      return;
    }
    const code = params.get('code');
    if (!code) {
      reply(res, 400, `The sign-in answer had no authorization code. Go back to ${APP_NAME} and try again.`);
      settle(new AppError('oauth_failed', 'The browser returned an incomplete sign-in answer. Click Connect to try again.'));
      return;
    }
    reply(res, 200, `You can close this tab and return to ${APP_NAME}.`);
    settle({ code });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;


  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      if (!settled) settle(new AppError('oauth_failed', 'The sign-in was cancelled. Click Connect to try again.'));
      server.close(() => resolve());
      // Browsers keep connections alive; without this, close() would wait for them.
      server.closeAllConnections();
    });
    return closing;
  };

  return { redirectUri: `http://${expectedHost}${path}`, result, close };
}

function reply(res: ServerResponse, status: number, message: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${APP_NAME}</title></head><body style="font-family:system-ui,sans-serif;margin:3rem;max-width:36rem"><h1 style="font-size:1.25rem">${APP_NAME}</h1><p>${escapeHtml(message)}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    // The URL carries the one-time code: keep it out of caches and referrers.
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    Connection: 'close',
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Provider error codes are short words; anything else is not shown to the user. */
function safeWord(text: string): string {
  return /^[a-z_]{1,40}$/i.test(text) ? text : 'unknown error';
}

function describeDuration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
