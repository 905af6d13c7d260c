import type { SecretStore } from './secret-store';

/**
 * Secrets held only in this process's memory. Used by the demo when no system
 * keychain runs (its tokens are the sandbox's, worthless outside it) and by the
 * benchmark; never by a real session.
 */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}
