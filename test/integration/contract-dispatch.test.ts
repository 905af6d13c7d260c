// Requests entering main are validated with the contract's zod schemas before the
// core sees them (the IPC handler and any other transport share this path).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CalendarCore } from '../../src/main/core/app';
import { AppConfig } from '../../src/main/core/config';
import { dispatchRequest, isRequestName } from '../../src/main/core/contract-dispatch';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { AppError } from '../../src/shared/errors';

const core = new CalendarCore({
  config: AppConfig.parse({ dataDir: mkdtempSync(join(tmpdir(), 'ccal-contract-')), copilot: { baseUrl: 'http://127.0.0.1:9/api/v1' }, google: { clientId: '' } }),
  secrets: new MemorySecretStore(),
  clock: systemClock,
  timers: systemTimers,
  fetch: globalThis.fetch.bind(globalThis),
  openUrl: async () => false,
});
afterAll(() => core.close());

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('contract dispatch', () => {
  it('knows only the contract request names', () => {
    expect(isRequestName('getState')).toBe(true);
    expect(isRequestName('constructor')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
    expect(isRequestName(42)).toBe(false);
  });

  it('answers getState without any secret in it', async () => {
    const state = await dispatchRequest(core, 'getState', {});
    expect(state.copilot.signedIn).toBe(false);
    expect(state.alerts.some((a) => a.action === 'signin')).toBe(true);
  });

  it.each([
    ['signIn', { email: 'a@b.c' }, /password/],
    ['signIn', { email: 'x'.repeat(10_000), password: 'p' }, /email/],
    ['setPreferences', { reminderMinutes: -5 }, /reminderMinutes/],
    ['setPreferences', { reminderStyle: 'carrier-pigeon' }, /reminderStyle/],
    ['resolveConflict', { id: 1, choice: 'keep_everything', remember: false }, /choice/],
    ['disconnect', { accountId: '' }, /accountId|removeEvents/],
    ['syncNow', { allowDeletes: 'yes please' }, /allowDeletes/],
  ] as const)('rejects malformed %s arguments with a clear message', async (name, args, mention) => {
    const error = await rejection(dispatchRequest(core, name, args));
    expect(error.code).toBe('invalid_input');
    expect(error.userMessage).toMatch(mention);
  });

  it('rejects a time zone the system does not know', async () => {
    const error = await rejection(dispatchRequest(core, 'setPreferences', { timeZone: 'Mars/Olympus_Mons' }));
    expect(error.userMessage).toMatch(/not a time zone/);
  });

  it('says plainly when a conflict does not exist', async () => {
    const error = await rejection(dispatchRequest(core, 'resolveConflict', { id: 999, choice: 'keep_copilot', remember: false }));
    expect(error.userMessage).toMatch(/no open conflict #999/);
  });

  it('explains how to connect when no Google client id is configured', async () => {
    const error = await rejection(dispatchRequest(core, 'connect', { provider: 'google' }));
    expect(error.code).toBe('config_invalid');
    expect(error.userMessage).toMatch(/ccal demo/);
  });

  it('keeps valid preferences', async () => {
    const prefs = await dispatchRequest(core, 'setPreferences', { reminderMinutes: 15, kinds: { follow_up: false } });
    expect(prefs.reminderMinutes).toBe(15);
    expect(prefs.kinds).toEqual({ interview: true, follow_up: false, reminder: true });
  });
});
