import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { createOAuthListener, type OAuthListener } from '../../src/main/core/auth/loopback-listener';

/** A raw GET so the test controls the Host header (fetch does not allow that). */
function get(url: string, options: { host?: string; method?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? target.host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const open: OAuthListener[] = [];
async function listen(timeoutMs = 10_000, path?: string): Promise<OAuthListener> {
  const listener = await createOAuthListener({ expectedState: 'state-123', timeoutMs, path });
  open.push(listener);
  return listener;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

describe('createOAuthListener', () => {
  it('binds 127.0.0.1 on a random port and resolves with the code of a good callback', async () => {
    const listener = await listen();
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    const res = await get(`${listener.redirectUri}?state=state-123&code=the-code&scope=email`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('You can close this tab and return to Career Copilot Calendar');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    await expect(listener.result).resolves.toEqual({ code: 'the-code' });
  });

  it('answers 409 to a second callback and keeps the first result', async () => {
    const listener = await listen();
    await get(`${listener.redirectUri}?state=state-123&code=first`);
    const second = await get(`${listener.redirectUri}?state=state-123&code=second`);
    expect(second.status).toBe(409);
    await expect(listener.result).resolves.toEqual({ code: 'first' });
  });

  it('rejects a mismatched state with 400', async () => {
    const listener = await listen();
    const res = await get(`${listener.redirectUri}?state=forged&code=evil`);
    expect(res.status).toBe(400);
    await expect(listener.result).rejects.toMatchObject({ code: 'oauth_failed' });
  });

  it('answers 400 to a wrong Host (DNS rebinding) and keeps waiting', async () => {
    const listener = await listen();
    const port = new URL(listener.redirectUri).port;
    for (const host of [`localhost:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`]) {
      const res = await get(`${listener.redirectUri}?state=state-123&code=x`, { host });
      expect(res.status).toBe(400);
    }
    const ok = await get(`${listener.redirectUri}?state=state-123&code=real`);
    expect(ok.status).toBe(200);
    await expect(listener.result).resolves.toEqual({ code: 'real' });
  });

  it('answers 404 off the callback path and 405 to other methods, and keeps waiting', async () => {
    const listener = await listen();
    const origin = new URL(listener.redirectUri).origin;
    expect((await get(`${origin}/favicon.ico`)).status).toBe(404);
    expect((await get(`${origin}/oauth2callback/extra?state=state-123&code=x`)).status).toBe(404);
    expect((await get(`${listener.redirectUri}?state=state-123&code=x`, { method: 'POST' })).status).toBe(405);
    expect((await get(`${listener.redirectUri}?state=state-123&code=ok`)).status).toBe(200);
    await expect(listener.result).resolves.toEqual({ code: 'ok' });
  });

  it('honours a custom path', async () => {
    const listener = await listen(10_000, '/cb');
    expect(listener.redirectUri).toMatch(/\/cb$/);
    expect((await get(`${listener.redirectUri}?state=state-123&code=c`)).status).toBe(200);
    await expect(listener.result).resolves.toEqual({ code: 'c' });
  });

  it('rejects with a plain message when the user declines', async () => {
    const listener = await listen();
    const res = await get(`${listener.redirectUri}?state=state-123&error=access_denied`);
    expect(res.status).toBe(200);
    const error = await listener.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'oauth_failed' });
    expect((error as AppError).userMessage).toMatch(/^You declined access in the browser/);
  });

  it('rejects a callback without a code', async () => {
    const listener = await listen();
    expect((await get(`${listener.redirectUri}?state=state-123`)).status).toBe(400);
    await expect(listener.result).rejects.toMatchObject({ code: 'oauth_failed' });
  });

  it('times out with a plain message', async () => {
    const listener = await listen(200);
    const error = await listener.result.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'oauth_failed' });
    expect((error as AppError).userMessage).toMatch(/^No answer from the browser within 1 second/);
    const minutes = await createOAuthListener({ expectedState: 's', timeoutMs: 120_000 });
    await minutes.close();
    expect(((await minutes.result.catch((e: unknown) => e)) as AppError).userMessage).toMatch(/cancelled/);
  });

  it('stops listening on close', async () => {
    const listener = await listen();
    await listener.close();
    await listener.close();
    await expect(get(`${listener.redirectUri}?state=state-123&code=x`)).rejects.toThrow();
    await expect(listener.result).rejects.toMatchObject({ code: 'oauth_failed' });
  });
});
