// Runs against the real Secret Service (gnome-keyring under dbus-run-session, see
// the command in the brief); each run uses its own service name and cleans up.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore, DEFAULT_KEYCHAIN_SERVICE } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';

const execFileAsync = promisify(execFile);
const service = `ccal-test-${randomUUID()}`;
const store = new KeychainSecretStore({ service });
const keys = [SecretKeys.copilotToken, SecretKeys.providerTokens('google:a@example.com'), 'unicode'];

afterAll(async () => {
  for (const key of keys) await store.delete(key);
});

describe('KeychainSecretStore (real keychain)', () => {
  it('defaults to the app service name', () => {
    expect(new KeychainSecretStore().service).toBe(DEFAULT_KEYCHAIN_SERVICE);
    expect(store.service).toBe(service);
  });

  it('returns null for a missing key', async () => {
    expect(await store.get(`missing-${randomUUID()}`)).toBeNull();
  });

  it('sets, gets, overwrites and deletes', async () => {
    const key = SecretKeys.providerTokens('google:a@example.com');
    const value = JSON.stringify({ refresh_token: '1//secret-refresh', access_token: 'ya29.secret' });
    await store.set(key, value);
    expect(await store.get(key)).toBe(value);
    await store.set(key, 'second');
    expect(await store.get(key)).toBe('second');
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    // Deleting what is not there is fine.
    await store.delete(key);
  });

  it('keeps keys apart and stores non-ASCII text intact', async () => {
    await store.set(SecretKeys.copilotToken, 'jwt-value');
    await store.set('unicode', 'päss wörd ✓ 🔑');
    expect(await store.get('unicode')).toBe('päss wörd ✓ 🔑');
    expect(await store.get(SecretKeys.copilotToken)).toBe('jwt-value');
    // Another service name does not see them.
    expect(await new KeychainSecretStore({ service: `${service}-other` }).get(SecretKeys.copilotToken)).toBeNull();
  });

  it('reports an unreachable keychain as secrets_unavailable, without the value', async () => {
    // The DBus connection is shared inside a process, so the unreachable bus is
    // tried in a child process of its own.
    const script = `
      const m = await import(${JSON.stringify(new URL('../../src/main/core/secrets/keychain-secret-store.ts', import.meta.url).pathname)});
      const e = await new m.KeychainSecretStore({ service: 'ccal-unreachable' }).set('k', 'do-not-leak-this').catch((e) => e);
      const g = await new m.KeychainSecretStore({ service: 'ccal-unreachable' }).get('k').catch((e) => e);
      console.log(JSON.stringify([e, g].map((x) => ({ name: x?.name, code: x?.code, retryable: x?.retryable, message: x?.message, cause: String(x?.cause?.message) }))));
    `;
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ccal-test-bus' },
    });
    const results = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as { name: string; code: string; retryable: boolean; message: string; cause: string }[];
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result).toMatchObject({ name: 'SecretsUnavailableError', code: 'secrets_unavailable', retryable: true });
      expect(result.message).toMatch(/keychain is locked or unavailable/);
      expect(result.message + result.cause).not.toContain('do-not-leak-this');
      expect(result.cause).toMatch(/^keychain: /);
    }
  });
});
