// The log is where the user is sent ("details are in the log"), so an error must
// arrive there readable — name, message, stack, code, the cause chain — and still
// without any secret. Written through a real pino file destination, read back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { configureLogging, createLogger } from '../../src/main/core/telemetry/logger';

// Shaped like the real thing so the text patterns, not only key names, must catch them.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXNlY3JldA';
const ACCESS = 'ya29.a0AfH6SMBplantedAccessToken';
const REFRESH = '1//0gPlantedRefreshToken1234567';
const PASSWORD = 'hunter2-planted-password';
const BASIC = Buffer.from(`user@example.com:${PASSWORD}`).toString('base64');

let dir: string;
let file: string;
const log = createLogger('logger-test');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccal-log-'));
  file = join(dir, 'test.log');
  configureLogging(pino.destination({ dest: file, sync: true }), 'debug');
});

afterEach(() => {
  configureLogging(null);
  rmSync(dir, { recursive: true, force: true });
});

function written(): { text: string; lines: Record<string, unknown>[] } {
  const text = readFileSync(file, 'utf8');
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { text, lines };
}

function onlyLine(): Record<string, unknown> {
  const { lines } = written();
  expect(lines).toHaveLength(1);
  return lines[0] as Record<string, unknown>;
}

function expectNoSecret(text: string): void {
  for (const secret of [JWT, ACCESS, REFRESH, PASSWORD, BASIC]) expect(text).not.toContain(secret);
}

describe('error logging', () => {
  it('logs an error with its name, message, stack, code and cause', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const error = new AppError('provider_unavailable', 'Google Calendar could not be reached. Check your connection; the app will retry.', {
      cause: root,
      retryable: true,
    });

    log.error({ err: error }, 'sync failed');

    const line = onlyLine();
    expect(line.msg).toBe('sync failed');
    expect(line.module).toBe('logger-test');
    const err = line.err as Record<string, unknown>;
    expect(err.name).toBe('AppError');
    expect(err.message).toBe(error.message);
    expect(err.code).toBe('provider_unavailable');
    expect(err.retryable).toBe(true);
    expect(String(err.stack)).toContain('logger.test.ts');
    const cause = err.cause as Record<string, unknown>;
    expect(cause.name).toBe('Error');
    expect(cause.message).toBe('connect ECONNREFUSED 127.0.0.1:443');
    expect(cause.code).toBe('ECONNREFUSED');
    expect(cause.syscall).toBe('connect');
    expect(String(cause.stack)).toContain('ECONNREFUSED');
  });

  it('follows a cause chain several levels deep, and a cause that is not an Error', () => {
    const error = new Error('outer', { cause: new TypeError('middle', { cause: 'innermost reason' }) });
    log.warn({ err: error }, 'chain');
    const err = onlyLine().err as Record<string, unknown>;
    const middle = err.cause as Record<string, unknown>;
    expect(middle.name).toBe('TypeError');
    expect(middle.message).toBe('middle');
    expect(middle.cause).toBe('innermost reason');
  });

  it('survives a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    log.error({ err: a }, 'cycle');
    const err = onlyLine().err as Record<string, unknown>;
    expect((err.cause as Record<string, unknown>).message).toBe('b');
    expect(JSON.stringify(err)).toContain('[circular]');
  });

  it('redacts tokens planted in the message and the cause', () => {
    const cause = new Error(`POST https://oauth2.googleapis.com/token?access_token=${ACCESS} failed: refresh_token=${REFRESH}`);
    const error = new Error(`request failed with Authorization: Bearer ${JWT}`, { cause });
    log.error({ err: error }, 'token refresh failed');

    const { text } = written();
    expectNoSecret(text);
    const err = onlyLine().err as Record<string, unknown>;
    expect(err.message).toContain('[redacted]');
    expect(String(err.stack)).not.toContain(JWT);
    expect((err.cause as Record<string, unknown>).message).toContain('access_token=[redacted]');
  });

  it('drops the request an HTTP error carries (headers, body) and redacts secret-named fields', () => {
    const error = Object.assign(new Error('Request failed with status code 401'), {
      status: 401,
      config: { url: 'https://www.googleapis.com/calendar/v3/calendars', headers: { Authorization: `Bearer ${ACCESS}` }, data: `refresh_token=${REFRESH}` },
      response: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      access_token: ACCESS,
    });
    log.error({ err: error, request: { headers: { authorization: `Basic ${BASIC}` } }, nested: { deeper: { password: PASSWORD } } }, 'http');

    const { text } = written();
    expectNoSecret(text);
    const line = onlyLine();
    const err = line.err as Record<string, unknown>;
    expect(err.status).toBe(401);
    expect(err.config).toBeUndefined();
    expect(err.response).toBeUndefined();
    expect(err.access_token).toBe('[redacted]');
    expect((line.nested as { deeper: { password: string } }).deeper.password).toBe('[redacted]');
  });

  it('redacts Basic credentials, URL user info and tokens in free text', () => {
    const error = new Error(`PROPFIND https://user:${PASSWORD}@caldav.example.com/dav/ answered 401 (authorization: Basic ${BASIC})`);
    log.error(error);
    log.info({ url: `https://example.com/cb?access_token=${ACCESS}&state=abc` }, 'got %s', `token=${JWT}`);

    const { text, lines } = written();
    expectNoSecret(text);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.msg).toContain('[redacted]');
    expect(lines[1]?.url).toBe('https://example.com/cb?access_token=[redacted]&state=abc');
  });

  it('logs an error passed as the only argument with its message as the line', () => {
    log.error(new RangeError(`bad value ${JWT}`));
    const line = onlyLine();
    expect(line.msg).toBe('bad value [redacted]');
    expect((line.err as Record<string, unknown>).name).toBe('RangeError');
    expectNoSecret(written().text);
  });

  it('keeps plain values as they were', () => {
    const at = new Date('2026-03-29T01:30:00.000Z');
    log.info({ attempt: 2, ok: false, none: null, at, list: [1, 'two'] }, 'plain');
    const line = onlyLine();
    expect(line).toMatchObject({ attempt: 2, ok: false, none: null, at: '2026-03-29T01:30:00.000Z', list: [1, 'two'] });
  });
});
