// SecretStore over the OS keychain (macOS Keychain, Windows Credential Manager,
// the Secret Service — gnome-keyring, KWallet — on Linux) via @napi-rs/keyring.
// Each secret is one keychain entry: service = the app, account = the key.
import { AsyncEntry, type LinuxStore } from '@napi-rs/keyring';
import { AppError } from '../../../shared/errors';
import type { SecretStore } from './secret-store';

export const DEFAULT_KEYCHAIN_SERVICE = 'career-copilot-calendar';

export interface KeychainSecretStoreOptions {
  /** Keychain service name; tests pass their own so they never touch real entries. */
  service?: string;
  /**
   * Linux only. Defaults to the Secret Service: the library would otherwise fall
   * back silently to the kernel keyring, which forgets everything at reboot, and a
   * user would be signed out for no visible reason.
   */
  linuxStore?: LinuxStore;
}

export class SecretsUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(
      'secrets_unavailable',
      'The system keychain is locked or unavailable, so your sign-in could not be read or saved. Unlock the keychain (on Linux, install and start gnome-keyring or another Secret Service), then retry.',
      { cause, retryable: true },
    );
  }
}

export class KeychainSecretStore implements SecretStore {
  readonly service: string;
  private readonly linuxStore: LinuxStore;

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    this.linuxStore = options.linuxStore ?? 'secret-service';
  }

  async get(key: string): Promise<string | null> {
    return this.withEntry(key, (entry) => entry.getPassword());
  }

  async set(key: string, value: string): Promise<void> {
    await this.withEntry(key, (entry) => entry.setPassword(value));
  }

  async delete(key: string): Promise<void> {
    // false means "nothing to delete", which is what the caller wanted anyway.
    await this.withEntry(key, (entry) => entry.deletePassword());
  }

  private async withEntry<T>(key: string, action: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    try {
      // The constructor itself throws when the pinned store is unreachable (no DBus).
      const entry = new AsyncEntry(this.service, key, { linux: { store: this.linuxStore } });
      return await action(entry);
    } catch (error) {
      throw new SecretsUnavailableError(safeCause(error));
    }
  }
}

/** Keychain errors describe the platform failure, never the secret; keep just that. */
function safeCause(error: unknown): Error {
  if (error instanceof Error) {
    const cause = new Error(`keychain: ${error.message}`);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(cause, { code });
    return cause;
  }
  return new Error(`keychain: ${String(error)}`);
}
