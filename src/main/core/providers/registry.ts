// The provider registry: each calendar service is one module that brings its
// connect, disconnect (revoke) and factory; app.ts only composes. Nothing outside a
// provider's own folder knows which service an account is on, so disconnecting an
// Outlook account can never call Google's revoke endpoint.
import type { AccountView, ProviderKind } from '../../../shared/domain';
import { AppError, InvalidInputError } from '../../../shared/errors';
import type { AppConfig } from '../config';
import type { Clock, Fetch, Timers, UrlOpener } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { CalendarProvider } from './provider';

/** What every provider module may use; all side effects come in here. */
export interface ProviderContext {
  config: AppConfig;
  secrets: SecretStore;
  clock: Clock;
  timers: Timers;
  fetch: Fetch;
  openUrl: UrlOpener;
  random: () => number;
  /** Audit log, without secrets (token.refresh, revoke, …). */
  audit(accountId: string | null, action: string, outcome: 'ok' | 'failed' | 'info', detail: Record<string, unknown>): void;
  /** The grant stopped working (revoked, expired, scope removed): the account needs reconnecting. */
  onAuthLost(accountId: string, reason: string): void;
}

/** What the user asked for when connecting; each provider reads its own part. */
export interface ConnectRequest {
  /** Google: also ask for the calendar list, to pick a calendar other than the main one. */
  calendarList?: boolean;
  /** Google: the most private choice, a dedicated calendar under calendar.app.created. */
  dedicatedCalendar?: boolean;
  /** CalDAV: server, user name and app-specific password (the password goes to the SecretStore only). */
  caldav?: { serverUrl: string; username: string; password: string };
  /** Called with the consent URL, so a headless CLI can print it. */
  onConsentUrl(url: string): void;
  signal?: AbortSignal;
}

export interface ConnectedAccount {
  /** '<kind>:<email or user@host>' — the key of the account everywhere. */
  accountId: string;
  email: string;
  /** The person's name, where the service's sign-in tells it (shown on the account's card). */
  displayName?: string | null;
  /** What the service granted, which can be less than asked. */
  scopes: string[];
  /** The calendar to write to at first (the user's main one). */
  calendarId: string;
  /** Make and use a dedicated calendar right after connecting. */
  wantsDedicatedCalendar?: boolean;
}

export interface ProviderModule {
  readonly kind: ProviderKind;
  /** How the UI and the CLI name the service, e.g. "Google Calendar". */
  readonly label: string;
  /** Null when the config lets this provider connect; otherwise what to set, in plain words. */
  notConfigured(config: AppConfig): string | null;
  /**
   * Runs the service's sign-in and stores the secrets. A failure after the
   * service granted access (say the account's name could not be read) revokes
   * what was granted and deletes what was stored before it throws.
   */
  connect(ctx: ProviderContext, request: ConnectRequest): Promise<ConnectedAccount>;
  /** Revokes the grant where the service allows it, and always deletes the account's secrets. */
  disconnect(ctx: ProviderContext, account: AccountView): Promise<{ revoked: boolean }>;
  /** The CalendarProvider for a connected account (one per account, kept by the caller). */
  create(ctx: ProviderContext, account: AccountView): CalendarProvider;
}

/**
 * A provider as the registry keeps it: its kind and how to load it. Modules load
 * on first use, so a `ccal --help` or a Google-only user never pays for MSAL,
 * the Graph client or tsdav at start-up.
 */
export interface ProviderEntry {
  readonly kind: ProviderKind;
  load(): Promise<ProviderModule>;
}

export class ProviderRegistry {
  private readonly entries = new Map<ProviderKind, ProviderEntry>();
  private readonly loaded = new Map<ProviderKind, Promise<ProviderModule>>();

  constructor(entries: readonly (ProviderEntry | ProviderModule)[]) {
    for (const e of entries) {
      if (this.entries.has(e.kind)) throw new Error(`provider ${e.kind} registered twice`);
      this.entries.set(e.kind, 'load' in e ? e : { kind: e.kind, load: async () => e });
    }
  }

  kinds(): ProviderKind[] {
    return [...this.entries.keys()];
  }

  has(kind: ProviderKind): boolean {
    return this.entries.has(kind);
  }

  async get(kind: ProviderKind): Promise<ProviderModule> {
    const entry = this.entries.get(kind);
    if (!entry) throw new InvalidInputError(`${kind} calendars are not supported by this version.`);
    return this.load(entry);
  }

  /** The module for a stored account; an account of an unknown kind is a configuration problem, not a crash. */
  async forAccount(account: AccountView): Promise<ProviderModule> {
    const entry = this.entries.get(account.provider);
    if (!entry) throw new AppError('config_invalid', `${account.provider} calendars are not supported by this version; disconnect ${account.email} or update the app.`);
    return this.load(entry);
  }

  private load(entry: ProviderEntry): Promise<ProviderModule> {
    let m = this.loaded.get(entry.kind);
    if (!m) {
      m = entry.load();
      this.loaded.set(entry.kind, m);
    }
    return m;
  }
}
