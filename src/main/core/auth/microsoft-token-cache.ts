// MSAL's token cache (accounts, ID, access and refresh tokens) persisted through
// an ICachePlugin into the SecretStore — the OS keychain — under the account's
// key, never a plain file (DESIGN §4). MSAL reads the cache before every token
// lookup and writes it after every change; the keychain is read once and then
// served from memory, and writes go out one after another in order.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';

export class SecretStoreCachePlugin implements ICachePlugin {
  /** undefined: not read yet; null: nothing stored. */
  private snapshot: string | null | undefined;
  private writing: Promise<void> = Promise.resolve();

  /** With a null key (while connecting, before the account is known) nothing leaves memory. */
  constructor(
    private readonly secrets: SecretStore,
    private key: string | null,
  ) {
    this.snapshot = key === null ? null : undefined;
  }

  static forAccount(secrets: SecretStore, accountId: string): SecretStoreCachePlugin {
    return new SecretStoreCachePlugin(secrets, SecretKeys.providerTokens(accountId));
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (this.snapshot === undefined && this.key !== null) this.snapshot = await this.secrets.get(this.key);
    if (this.snapshot) context.tokenCache.deserialize(this.snapshot);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const serialized = context.tokenCache.serialize();
    this.snapshot = serialized;
    const key = this.key;
    if (key === null) return;
    const write = this.writing.then(() => this.secrets.set(key, serialized));
    // The chain survives a failed write; the caller of this access still sees the failure.
    this.writing = write.catch(() => undefined);
    await write;
  }

  /** Once the account is known: keep the cache under its key from now on. */
  async persistAs(accountId: string): Promise<void> {
    this.key = SecretKeys.providerTokens(accountId);
    if (this.snapshot) await this.secrets.set(this.key, this.snapshot);
  }

  /** Read the keychain again on next access (a reconnect may have written a fresh cache). */
  forget(): void {
    if (this.key !== null) this.snapshot = undefined;
  }

  /** Resolves when every write so far is in the SecretStore. */
  flush(): Promise<void> {
    return this.writing;
  }
}
