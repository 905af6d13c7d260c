// Composition root: builds the CalendarCore from its parts. The CLI, the Electron
// main process and the web host all drive this same object; every side effect
// comes in through `CoreDeps`.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppState, Alert, AuditEntryView, ContractEvents, ContractResults, Metrics, RequestArgs, SyncSummary } from '../../shared/contract';
import { PreferencesPatch, type AccountView, type CalendarItem, type ConflictView, type ItemView, type Preferences } from '../../shared/domain';
import { AppError, InvalidInputError, userMessageOf } from '../../shared/errors';
import type { AppConfig } from './config';
import { connectGoogle, disconnectGoogle } from './auth/google-oauth';
import { GOOGLE_CALENDAR_LIST_SCOPE, GOOGLE_PRIVATE_SCOPES, type GoogleConfig } from './auth/google-config';
import { createCopilotClient } from './copilot/copilot-client';
import { CopilotPush } from './copilot/copilot-push';
import type { CopilotClient } from './copilot/copilot-types';
import type { Clock, Fetch, Timers, UrlOpener } from './ports';
import type { CalendarProvider } from './providers/provider';
import { createGoogleProvider } from './providers/google/google-provider';
import { SyncLoop } from './scheduler/sync-loop';
import { SecretKeys, type SecretStore } from './secrets/secret-store';
import { Store } from './store/store';
import { resolveConflict, conflictView } from './sync/conflicts';
import { SyncEngine, type SyncProgress, type SyncReport } from './sync/engine';
import { summarize } from './sync/summary';
import { GUARD_KEY } from './sync/guards';
import { moveToCalendar } from './sync/move-calendar';
import { currentAlerts, failureNotification } from './telemetry/alerts';
import { computeMetrics } from './telemetry/metrics';

export interface CoreDeps {
  config: AppConfig;
  secrets: SecretStore;
  clock: Clock;
  timers: Timers;
  fetch: Fetch;
  openUrl: UrlOpener;
  random?: () => number;
}

const COPILOT_USER_KEY = 'copilot:user';

export class CalendarCore {
  readonly store: Store;
  private readonly events = new EventEmitter();
  private readonly copilotClient: CopilotClient;
  private readonly engine: SyncEngine;
  private readonly providers = new Map<string, CalendarProvider>();
  private loop: SyncLoop | null = null;
  /** Career Copilot's WebSocket: a change there syncs now, not at the next interval. */
  private push: CopilotPush | null = null;
  private syncing = false;

  constructor(private readonly deps: CoreDeps) {
    mkdirSync(deps.config.dataDir, { recursive: true, mode: 0o700 });
    this.store = Store.open(join(deps.config.dataDir, 'calendar.db'));
    this.copilotClient = createCopilotClient({ baseUrl: deps.config.copilot.baseUrl, fetch: deps.fetch, secrets: deps.secrets, timers: deps.timers });
    this.engine = new SyncEngine({
      store: this.store,
      clock: deps.clock,
      copilot: this.copilotClient,
      providerFor: (account) => this.providerFor(account),
      random: deps.random,
      onAccountAuthLost: (accountId, message) => this.emitAlert({ id: `reauth-${accountId}`, level: 'error', message, action: 'reconnect', accountId }),
    });
  }

  on<E extends keyof ContractEvents>(event: E, listener: (payload: ContractEvents[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  private emit<E extends keyof ContractEvents>(event: E, payload: ContractEvents[E]): void {
    this.events.emit(event, payload);
  }

  private emitAlert(alert: Alert): void {
    this.emit('alert', alert);
  }

  private googleConfig(): GoogleConfig {
    const g = this.deps.config.google;
    return { ...g, clientSecret: g.clientSecret };
  }

  private providerFor(account: AccountView): CalendarProvider {
    const existing = this.providers.get(account.id);
    if (existing) return existing;
    if (account.provider !== 'google') {
      throw new AppError('config_invalid', `${account.provider} calendars are not supported by this version yet.`);
    }
    const provider = createGoogleProvider({
      config: this.googleConfig(),
      secrets: this.deps.secrets,
      accountId: account.id,
      clock: this.deps.clock,
      timers: this.deps.timers,
      random: this.deps.random,
      onTokenRefreshed: () => this.audit(account.id, 'token.refresh', 'ok', {}),
      onAuthLost: (reason) => {
        this.store.accounts.setStatus(account.id, 'needs_reauth', reason);
        this.audit(account.id, 'token.refresh', 'failed', { reason });
      },
    });
    this.providers.set(account.id, provider);
    return provider;
  }

  private audit(accountId: string | null, action: string, outcome: 'ok' | 'failed' | 'info', detail: Record<string, unknown>): void {
    this.store.audit.record({ at: this.deps.clock.now().toISOString(), accountId, action, outcome, detail });
  }

  private async signedIn(): Promise<boolean> {
    return (await this.deps.secrets.get(SecretKeys.copilotToken)) !== null;
  }

  // ---- requests of the contract -------------------------------------------------

  async getState(): Promise<AppState> {
    const signedIn = await this.signedIn();
    const user = this.store.kv.get<{ email: string }>(COPILOT_USER_KEY);
    const last = this.store.runs.since('').at(-1) ?? null;
    return {
      copilot: { signedIn, email: signedIn ? (user?.email ?? null) : null, baseUrl: this.deps.config.copilot.baseUrl },
      accounts: this.store.accounts.all(),
      preferences: this.store.preferences.get(),
      outbox: this.store.outbox.counts(),
      openConflicts: this.store.conflicts.openOnes().length,
      lastRun: last ? { startedAt: last.startedAt, finishedAt: last.finishedAt, outcome: last.outcome } : null,
      alerts: currentAlerts(this.store, signedIn),
      syncing: this.syncing,
    };
  }

  async signIn(args: RequestArgs<'signIn'>): Promise<ContractResults['signIn']> {
    try {
      const user = await this.copilotClient.login(args.email, args.password);
      this.store.kv.set(COPILOT_USER_KEY, { email: user.email, id: user.id });
      this.audit(null, 'copilot.signin', 'ok', { email: user.email });
      await this.changed();
      this.loop?.trigger();
      this.push?.reconnectNow();
      return { email: user.email };
    } catch (error) {
      this.audit(null, 'copilot.signin', 'failed', { error: error instanceof AppError ? error.code : 'unexpected' });
      if (error instanceof AppError && error.code === 'copilot_unavailable') {
        // The client's message promises an automatic retry; a sign-in is not retried.
        throw new AppError('copilot_unavailable', `Career Copilot can't be reached at ${this.deps.config.copilot.baseUrl}. Check your connection (and the address in the settings), then sign in again.`, { cause: error, retryable: true });
      }
      throw error;
    }
  }

  async signOut(): Promise<null> {
    await this.copilotClient.logout();
    this.store.kv.delete(COPILOT_USER_KEY);
    // With the token gone the push channel closes and waits for the next sign-in.
    this.push?.reconnectNow();
    this.audit(null, 'copilot.signout', 'ok', {});
    await this.changed();
    return null;
  }

  async connect(args: RequestArgs<'connect'>, signal?: AbortSignal): Promise<AccountView> {
    if (args.provider !== 'google') throw new InvalidInputError(`${args.provider} calendars come in a later version; Google is available now.`);
    if (!this.deps.config.google.clientId) {
      throw new AppError('config_invalid', 'No Google client id is configured. Set google.clientId in the config file (or CCAL_GOOGLE_CLIENT_ID), or run "ccal demo" to try the app against the built-in sandbox.');
    }
    try {
      const result = await connectGoogle({
        config: this.googleConfig(),
        secrets: this.deps.secrets,
        openUrl: this.deps.openUrl,
        onConsentUrl: (url) => this.emit('consentUrl', { provider: 'google', url }),
        // Asked for only when the user wants to pick a calendar (incremental authorization).
        extraScopes: args.calendarList ? [GOOGLE_CALENDAR_LIST_SCOPE] : [],
        ...(args.dedicatedCalendar ? { baseScopes: GOOGLE_PRIVATE_SCOPES } : {}),
        signal,
      });
      this.store.accounts.upsert({ id: result.accountId, provider: 'google', email: result.email, scopes: result.scopes, calendarId: 'primary', now: this.deps.clock.now().toISOString() });
      this.providers.delete(result.accountId);
      this.audit(result.accountId, 'connect', 'ok', { provider: 'google', scopes: result.scopes });
      if (args.dedicatedCalendar) await this.useDedicatedCalendar(result.accountId);
      await this.changed();
      this.loop?.trigger();
      const account = this.store.accounts.get(result.accountId);
      if (!account) throw new AppError('store_io', 'The account could not be saved. Try connecting again.');
      return account;
    } catch (error) {
      this.audit(null, 'connect', 'failed', { provider: 'google', error: error instanceof AppError ? error.code : 'unexpected' });
      throw error;
    }
  }

  /**
   * Makes (once) a calendar for the app's events and sends them there. Existing
   * events move over; Google's incremental authorization keeps any broader scope
   * granted before, which the move needs to delete them from the old calendar.
   */
  private async useDedicatedCalendar(accountId: string): Promise<void> {
    const key = `dedicated-calendar:${accountId}`;
    const account = this.requireAccount(accountId);
    const existing = this.store.kv.get<string>(key);
    if (existing && account.calendarId === existing) return;
    const provider = this.providerFor(account);
    const created = existing ? { id: existing } : await provider.createCalendar('Career Copilot', this.store.preferences.get().timeZone);
    this.store.kv.set(key, created.id);
    const { moved } = await moveToCalendar(this.store, provider, account, created.id, this.deps.clock.now());
    this.audit(accountId, 'calendar.target', 'ok', { to: created.id, dedicated: true, moved });
  }

  async disconnect(args: RequestArgs<'disconnect'>): Promise<ContractResults['disconnect']> {
    const account = this.requireAccount(args.accountId);
    let removedEvents = 0;
    if (args.removeEvents && account.status === 'connected') {
      const provider = this.providerFor(account);
      for (const link of this.store.links.forAccount(account.id)) {
        if (!link.remoteId || link.state === 'removed' || link.state === 'remote_deleted') continue;
        await provider.deleteEvent(link.calendarId, link.remoteId, null);
        removedEvents++;
      }
    }
    const { revoked } = await disconnectGoogle({ config: this.googleConfig(), secrets: this.deps.secrets, accountId: account.id });
    this.store.tx(() => {
      this.store.outbox.removeForAccount(account.id);
      this.store.cursors.clear(account.id);
      this.store.accounts.remove(account.id);
      this.store.kv.delete(GUARD_KEY(account.id, 'pending'));
      this.store.kv.delete(`dedicated-calendar:${account.id}`);
    });
    this.providers.delete(account.id);
    this.audit(account.id, 'disconnect', 'ok', { revoked, removedEvents });
    this.audit(account.id, 'revoke', revoked ? 'ok' : 'failed', {});
    await this.changed();
    return { revoked, removedEvents };
  }

  async setPreferences(input: PreferencesPatch): Promise<Preferences> {
    const parsed = PreferencesPatch.safeParse(input);
    if (!parsed.success) {
      throw new InvalidInputError(`Those preferences are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`, parsed.error);
    }
    const patch = parsed.data;
    if (patch.timeZone !== undefined && !isValidZone(patch.timeZone)) {
      throw new InvalidInputError(`"${patch.timeZone}" is not a time zone this computer knows. Use an IANA name such as Europe/Berlin.`);
    }
    const prefs = this.store.preferences.update(patch);
    this.audit(null, 'preferences', 'info', { changed: Object.keys(patch) });
    await this.changed();
    this.loop?.trigger();
    return prefs;
  }

  async setCalendar(args: RequestArgs<'setCalendar'>): Promise<AccountView> {
    const account = this.requireAccount(args.accountId);
    if (account.calendarId !== args.calendarId) {
      const { moved } = await moveToCalendar(this.store, this.providerFor(account), account, args.calendarId, this.deps.clock.now());
      this.audit(account.id, 'calendar.target', 'ok', { from: account.calendarId, to: args.calendarId, moved });
      this.loop?.trigger();
    }
    await this.changed();
    return this.requireAccount(account.id);
  }

  async listCalendars(accountId: string): Promise<{ id: string; name: string; primary: boolean; canWrite: boolean }[]> {
    return this.providerFor(this.requireAccount(accountId)).listCalendars();
  }

  async syncNow(args: RequestArgs<'syncNow'> = {}, onProgress?: (p: SyncProgress) => void, signal?: AbortSignal): Promise<SyncSummary> {
    return summarize(await this.runSync('manual', args.allowDeletes === true, onProgress, signal));
  }

  async retryFailed(): Promise<{ requeued: number }> {
    const requeued = this.store.outbox.retryAll(this.deps.clock.now().toISOString());
    for (const a of this.store.accounts.all()) if (a.status === 'error') this.store.accounts.setStatus(a.id, 'connected', null);
    this.loop?.trigger();
    await this.changed();
    return { requeued };
  }

  async listItems(): Promise<ItemView[]> {
    const links = this.store.links.all();
    const startOf = (i: CalendarItem): string => (i.timing.type === 'timed' ? i.timing.startUtc : `${i.timing.date}T00:00:00Z`);
    const items = this.store.items.all().sort((a, b) => startOf(a).localeCompare(startOf(b)) || a.sourceId.localeCompare(b.sourceId));
    return items.map((i) => ({
      sourceId: i.sourceId,
      kind: i.kind,
      title: i.title,
      timing: i.timing,
      cancelled: i.cancelled,
      // STUB: integrator implements — the per-item switch (setItemSync) and the job's company and role.
      syncEnabled: true,
      location: i.location,
      notes: i.notes,
      company: null,
      role: null,
      links: links.filter((l) => l.sourceId === i.sourceId).map((l) => ({ accountId: l.accountId, state: l.state, remoteId: l.remoteId, lastSyncedAt: l.lastSyncedAt })),
    }));
  }

  async listConflicts(): Promise<ConflictView[]> {
    return this.store.conflicts.openOnes().map((c) => conflictView(c, this.store));
  }

  async resolveConflict(args: RequestArgs<'resolveConflict'>): Promise<null> {
    resolveConflict(this.store, args, this.deps.clock.now());
    this.audit(null, 'conflict.resolve', 'ok', { id: args.id, choice: args.choice, remember: args.remember });
    await this.changed();
    this.loop?.trigger();
    return null;
  }

  async listAudit(args: RequestArgs<'listAudit'> = {}): Promise<AuditEntryView[]> {
    return this.store.audit.list({ limit: args.limit ?? 200 });
  }

  async exportAudit(): Promise<{ jsonLines: string }> {
    return { jsonLines: this.store.audit.list({ limit: 1_000_000 }).reverse().map((e) => JSON.stringify(e)).join('\n') + '\n' };
  }

  async getMetrics(): Promise<Metrics> {
    return computeMetrics(this.store, this.deps.clock.now());
  }

  // STUB: integrator implements
  async previewPreferences(_patch: PreferencesPatch): Promise<ContractResults['previewPreferences']> {
    throw new AppError('config_invalid', 'Not available yet.');
  }

  // STUB: integrator implements
  async pendingDeletes(): Promise<ContractResults['pendingDeletes']> {
    throw new AppError('config_invalid', 'Not available yet.');
  }

  // STUB: integrator implements
  async decideDeletes(_args: RequestArgs<'decideDeletes'>): Promise<ContractResults['decideDeletes']> {
    throw new AppError('config_invalid', 'Not available yet.');
  }

  // STUB: integrator implements
  async editItem(_args: RequestArgs<'editItem'>): Promise<ContractResults['editItem']> {
    throw new AppError('config_invalid', 'Not available yet.');
  }

  // STUB: integrator implements
  async setItemSync(_args: RequestArgs<'setItemSync'>): Promise<ContractResults['setItemSync']> {
    throw new AppError('config_invalid', 'Not available yet.');
  }

  // ---- running -----------------------------------------------------------------

  /** Syncs about once a minute until stop(). */
  start(): void {
    this.loop ??= new SyncLoop({
      run: async (trigger) => {
        const report = await this.runSync(trigger, false);
        return { healthy: report.outcome === 'ok' || report.outcome === 'stopped' };
      },
      intervalMs: this.deps.config.syncIntervalSeconds * 1000,
      timers: this.deps.timers,
      random: this.deps.random,
    });
    this.loop.start();
    const d = this.deps;
    this.push ??= new CopilotPush({ baseUrl: d.config.copilot.baseUrl, secrets: d.secrets, timers: d.timers, random: d.random, onChange: () => this.loop?.trigger() });
    this.push.start();
  }

  async stop(): Promise<void> {
    await this.push?.stop();
    this.push = null;
    await this.loop?.stop();
    this.loop = null;
  }

  close(): void {
    this.store.close();
  }

  private async runSync(trigger: string, allowDeletes: boolean, onProgress?: (p: SyncProgress) => void, signal?: AbortSignal): Promise<SyncReport> {
    this.syncing = true;
    await this.changed();
    const conflictsBefore = new Set(this.store.conflicts.openOnes().map((c) => c.id));
    try {
      const signedIn = await this.signedIn();
      const report = await this.engine.syncOnce({
        trigger,
        allowDeletes,
        signal,
        onProgress: (p) => {
          onProgress?.(p);
          this.emit('syncProgress', p);
        },
      });
      if (!signedIn) report.copilot = { ok: false, message: 'Not signed in to Career Copilot. Sign in to start syncing.', signedIn: false };
      for (const c of this.store.conflicts.openOnes()) {
        if (!conflictsBefore.has(c.id)) {
          report.stats.conflicts++;
          this.emit('conflictRaised', conflictView(c, this.store));
        }
      }
      const notice = failureNotification(this.store, this.deps.clock.now());
      if (notice) this.emitAlert(notice);
      return report;
    } finally {
      this.syncing = false;
      await this.changed();
    }
  }

  private requireAccount(id: string): AccountView {
    const account = this.store.accounts.get(id);
    if (!account) throw new InvalidInputError(`No connected calendar account "${id}". Run "ccal status" to see the accounts.`);
    return account;
  }

  private async changed(): Promise<void> {
    if (this.events.listenerCount('stateChanged') === 0) return;
    try {
      this.emit('stateChanged', await this.getState());
    } catch (error) {
      this.emitAlert({ id: 'state', level: 'error', message: userMessageOf(error), action: null, accountId: null });
    }
  }
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function createCalendarCore(deps: CoreDeps): CalendarCore {
  return new CalendarCore(deps);
}
