// The one shape Google tokens are kept in, in the SecretStore and nowhere else.
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { SecretKeys, type SecretStore } from '../secrets/secret-store';
import { parseJsonAs } from '../../../shared/parse-json';

export const StoredGoogleTokens = z.object({
  refresh_token: z.string().min(1),
  access_token: z.string().nullable().optional(),
  /** Epoch milliseconds when access_token stops working. */
  expiry_date: z.number().nullable().optional(),
  /** Space-separated scopes Google granted. */
  scope: z.string().nullable().optional(),
});
export type StoredGoogleTokens = z.infer<typeof StoredGoogleTokens>;

/** What Google (or google-auth-library's 'tokens' event) hands over; any field may be missing. */
export interface FreshGoogleTokens {
  refresh_token?: string | null;
  access_token?: string | null;
  expiry_date?: number | null;
  scope?: string | null;
}

/** Null when nothing is stored. A stored value that does not parse is treated as absent. */
export async function readGoogleTokens(secrets: SecretStore, accountId: string): Promise<StoredGoogleTokens | null> {
  const raw = await secrets.get(SecretKeys.providerTokens(accountId));
  return raw === null ? null : parseJsonAs(StoredGoogleTokens, raw);
}

export async function writeGoogleTokens(secrets: SecretStore, accountId: string, tokens: StoredGoogleTokens): Promise<void> {
  const record: StoredGoogleTokens = {
    refresh_token: tokens.refresh_token,
    access_token: tokens.access_token ?? null,
    expiry_date: tokens.expiry_date ?? null,
    scope: tokens.scope ?? null,
  };
  await secrets.set(SecretKeys.providerTokens(accountId), JSON.stringify(record));
}

/**
 * Google sends a refresh token only with a consent; a refresh answer carries just a
 * new access token. Keep what the fresh answer lacks.
 */
export function mergeGoogleTokens(current: StoredGoogleTokens | null, fresh: FreshGoogleTokens): StoredGoogleTokens {
  const refresh = fresh.refresh_token ?? current?.refresh_token;
  if (!refresh) {
    throw new AppError(
      'oauth_failed',
      'Google did not grant lasting access, so the calendar could not be connected. Click Connect and approve the request again.',
    );
  }
  return {
    refresh_token: refresh,
    access_token: fresh.access_token ?? current?.access_token ?? null,
    expiry_date: fresh.access_token ? (fresh.expiry_date ?? null) : (current?.expiry_date ?? null),
    scope: fresh.scope ?? current?.scope ?? null,
  };
}
