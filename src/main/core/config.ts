// Where the app's data lives and which services it talks to. Read from a JSON file
// and the environment, validated with zod, so the same binary talks to the real
// services or to the sandbox (DESIGN §6: every endpoint is configurable).
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { GOOGLE_PRODUCTION_ENDPOINTS } from './auth/google-config';
import { MICROSOFT_PRODUCTION_ENDPOINTS } from './auth/microsoft-config';

/** MSAL and the Graph client only talk https. */
const httpsUrl = z.url().refine((v) => v.startsWith('https://'), 'must be an https:// address');

export const AppConfig = z.object({
  dataDir: z.string().min(1),
  keychainService: z.string().min(1).default('career-copilot-calendar'),
  syncIntervalSeconds: z.number().int().min(15).max(3600).default(60),
  copilot: z.object({ baseUrl: z.url() }),
  google: z.object({
    clientId: z.string().default(''),
    clientSecret: z.string().optional(),
    authUrl: z.url().default(GOOGLE_PRODUCTION_ENDPOINTS.authUrl),
    tokenUrl: z.url().default(GOOGLE_PRODUCTION_ENDPOINTS.tokenUrl),
    revokeUrl: z.url().default(GOOGLE_PRODUCTION_ENDPOINTS.revokeUrl),
    userinfoUrl: z.url().default(GOOGLE_PRODUCTION_ENDPOINTS.userinfoUrl),
    apiRoot: z.url().default(GOOGLE_PRODUCTION_ENDPOINTS.apiRoot),
    requestsPerMinute: z.number().int().min(1).max(10_000).optional(),
    maxConcurrent: z.number().int().min(1).max(32).optional(),
  }),
  microsoft: z
    .object({
      clientId: z.string().default(''),
      authority: httpsUrl.default(MICROSOFT_PRODUCTION_ENDPOINTS.authority),
      graphRoot: httpsUrl.default(MICROSOFT_PRODUCTION_ENDPOINTS.graphRoot),
      maxConcurrent: z.number().int().min(1).max(4).optional(),
      requestsPer10Minutes: z.number().int().min(1).max(10_000).optional(),
      useBatch: z.boolean().optional(),
      deltaPageSize: z.number().int().min(1).max(1000).optional(),
    })
    .prefault({}),
});
export type AppConfig = z.infer<typeof AppConfig>;

/**
 * The pages the app may hand to the system browser for a sign-in: Google's
 * consent page and the Microsoft authority (MSAL builds its authorize URL on the
 * authority's origin). CalDAV has none: its password is typed into the app.
 */
export function signInPages(config: AppConfig): string[] {
  return [config.google.authUrl, config.microsoft.authority];
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CCAL_DATA_DIR) return env.CCAL_DATA_DIR;
  const base = env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'career-copilot-calendar');
}

export function defaultConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CCAL_CONFIG) return env.CCAL_CONFIG;
  const base = env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'career-copilot-calendar', 'config.json');
}

/** File first, then CCAL_* environment variables on top. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file = defaultConfigFile(env)): AppConfig {
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (cause) {
      throw new AppError('config_invalid', `The configuration file ${file} is not valid JSON. Fix or remove it and try again.`, { cause });
    }
  }
  const fileGoogle = (fromFile.google ?? {}) as Record<string, unknown>;
  const fileCopilot = (fromFile.copilot ?? {}) as Record<string, unknown>;
  const fileMicrosoft = (fromFile.microsoft ?? {}) as Record<string, unknown>;
  const pick = (...values: (string | undefined)[]): string | undefined => values.find((v) => v !== undefined && v !== '');
  const merged = {
    ...fromFile,
    dataDir: pick(env.CCAL_DATA_DIR, fromFile.dataDir as string | undefined) ?? defaultDataDir(env),
    keychainService: pick(env.CCAL_KEYCHAIN_SERVICE, fromFile.keychainService as string | undefined),
    copilot: { ...fileCopilot, baseUrl: pick(env.CCAL_COPILOT_URL, fileCopilot.baseUrl as string | undefined) ?? 'https://api.careercopilot.example/api/v1' },
    google: {
      ...fileGoogle,
      clientId: pick(env.CCAL_GOOGLE_CLIENT_ID, fileGoogle.clientId as string | undefined),
      clientSecret: pick(env.CCAL_GOOGLE_CLIENT_SECRET, fileGoogle.clientSecret as string | undefined),
      authUrl: pick(env.CCAL_GOOGLE_AUTH_URL, fileGoogle.authUrl as string | undefined),
      tokenUrl: pick(env.CCAL_GOOGLE_TOKEN_URL, fileGoogle.tokenUrl as string | undefined),
      revokeUrl: pick(env.CCAL_GOOGLE_REVOKE_URL, fileGoogle.revokeUrl as string | undefined),
      userinfoUrl: pick(env.CCAL_GOOGLE_USERINFO_URL, fileGoogle.userinfoUrl as string | undefined),
      apiRoot: pick(env.CCAL_GOOGLE_API_ROOT, fileGoogle.apiRoot as string | undefined),
    },
    microsoft: {
      ...fileMicrosoft,
      clientId: pick(env.CCAL_MICROSOFT_CLIENT_ID, fileMicrosoft.clientId as string | undefined),
      authority: pick(env.CCAL_MICROSOFT_AUTHORITY, fileMicrosoft.authority as string | undefined),
      graphRoot: pick(env.CCAL_MICROSOFT_GRAPH_ROOT, fileMicrosoft.graphRoot as string | undefined),
    },
  };
  const parsed = AppConfig.safeParse(merged);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('config_invalid', `The configuration is not valid (${where}). Fix ${file} or the CCAL_* variables.`, { cause: parsed.error });
  }
  return parsed.data;
}
