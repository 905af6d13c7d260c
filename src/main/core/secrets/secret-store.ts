// Where secrets live: the OS keychain (keychain-secret-store.ts) or, in Electron,
// safeStorage-encrypted blobs (src/main/electron). Nothing else ever holds a token.

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Keys used by the app. One place, so a disconnect can delete them all. */
export const SecretKeys = {
  copilotToken: 'copilot:jwt',
  providerTokens: (accountId: string) => `provider:${accountId}:tokens`,
} as const;
