// SecretStore over Electron's safeStorage (DESIGN §4): each value is encrypted with
// the OS-held key (Keychain on macOS, DPAPI on Windows, the Secret Service or
// KWallet on Linux) and kept as base64 in one JSON file in userData, mode 0600.
// The interface lives in core; only this implementation knows about Electron.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { ensurePrivateDir, tightenIfPresent } from '../core/store/private-files';

const FILE_NAME = 'secrets.json';

type SecretFile = Record<string, string>;

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string;
  // Writes are chained so two concurrent set() calls never lose each other's key.
  private queue: Promise<unknown> = Promise.resolve();
  private tightened = false;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, FILE_NAME);
  }

  async get(key: string): Promise<string | null> {
    await this.queue;
    const blob = (await this.read())[key];
    if (blob === undefined) return null;
    try {
      return safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch (cause) {
      // Another OS user or a reset keyring: the value is unreadable, not leaked.
      throw new AppError('secrets_unavailable', 'A saved sign-in could not be decrypted on this computer. Sign in or reconnect again.', {
        cause: new Error(`safeStorage: decrypt failed: ${cause instanceof Error ? cause.message : String(cause)}`),
      });
    }
  }

  async set(key: string, value: string): Promise<void> {
    await this.update((data) => {
      data[key] = safeStorage.encryptString(value).toString('base64');
    });
  }

  async delete(key: string): Promise<void> {
    await this.update((data) => {
      delete data[key];
    });
  }

  private update(change: (data: SecretFile) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const data = await this.read();
      change(data);
      await this.write(data);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<SecretFile> {
    let text: string;
    try {
      // A file an older version (or a copy by hand) left readable by others is
      // tightened the first time it is opened, not only when it is next written.
      if (!this.tightened) {
        tightenIfPresent(this.file);
        this.tightened = true;
      }
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppError('secrets_unavailable', "The app's saved sign-ins could not be read. Check the permissions of its data folder.", { cause: error });
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      // A torn or edited file holds nothing usable; the user signs in again.
      return {};
    }
  }

  private async write(data: SecretFile): Promise<void> {
    ensurePrivateDir(dirname(this.file));
    // Write-then-rename so a crash never leaves half a file; 0600 from creation,
    // and chmod again in case an older file had looser bits.
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(data), { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.file);
  }
}

/**
 * safeStorage when it really encrypts; otherwise the core's keychain store. On
 * Linux without a keyring safeStorage reports "available" with the basic_text
 * backend, which only obfuscates with a hard-coded key, so that counts as
 * unavailable too. Call after app 'ready' (safeStorage needs it).
 */
export function createDesktopSecretStore(userDataDir: string, keychainService: string): SecretStore {
  const weakLinuxBackend = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (safeStorage.isEncryptionAvailable() && !weakLinuxBackend) return new SafeStorageSecretStore(userDataDir);
  return new KeychainSecretStore({ service: keychainService });
}
