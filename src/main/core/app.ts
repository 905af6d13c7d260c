// Composition root: builds the CalendarCore from its parts. The CLI, the Electron
// main process and the web host all drive this same object; every side effect
// comes in through `CoreDeps`. Everything that changes the store goes through the
// one WriteQueue (sync runs and user commands alike, across processes too).
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type { AppState, Alert, AuditEntryView, ContractEvents, ContractResults, Metrics, PendingDeletes, PreferencesPreview, RequestArgs, SyncSummary } from '../../shared/contract';
import { Preferences, PreferencesPatch, type AccountView, type ConflictView, type ItemView } from '../../shared/domain';
import { AppError, InvalidInputError, userMessageOf } from '../../shared/errors';
import type { AppConfig } from './config';
import { createCopilotClient } from './copilot/copilot-client';
import { CopilotPush } from './copilot/copilot-push';
import { patchFromTiming } from './copilot/to-items';
import type { CopilotClient } from './copilot/copilot-types';
import type { Clock, Fetch, Timers, UrlOpener } from './ports';
import { builtInProviders } from './providers/built-in';
import type { CalendarProvider } from './providers/provider';
import { ProviderRegistry, type ProviderContext, type ProviderEntry, type ProviderModule } from './providers/registry';
import { SyncLoop } from './scheduler/sync-loop';
import { SecretKeys, type SecretStore } from './secrets/secret-store';
import type { LeaseHolder } from './store/lease-repo';
import { withoutRemote } from './store/links-repo';
import { ensurePrivateDir } from './store/private-files';
import { isKnownZone } from './time/known-zone';
import { Store } from './store/store';
import { resolveConflict, conflictView } from './sync/conflicts';
import { itemFor } from './sync/desired';
import { SyncEngine, type SyncProgress, type SyncReport } from './sync/engine';
import { GUARD_KEY, deletionKey, type GuardApproval, type PendingGuard } from './sync/guards';
import { moveToCalendar } from './sync/move-calendar';
import { summarize } from './sync/summary';
import { itemViews, pendingDeletes, previewPreferences } from './sync/views';
import { WriteQueue } from './sync/write-queue';
import { currentAlerts, failureNotification } from './telemetry/alerts';
import { computeMetrics } from './telemetry/metrics';
import { join } from 'node:path';

export interface CoreDeps {
  config: AppConfig;
  secrets: SecretStore;
  clock: Clock;
  timers: Timers;
  fetch: Fetch;
  openUrl: UrlOpener;
  random?: () => number;
  /** The computer's IANA zone, used on first run; Intl's by default. */
  systemTimeZone?: string;
  /** Provider modules (or lazy entries); the built-in ones by default. */
  providers?: readonly (ProviderModule | ProviderEntry)[];
  /** Told when another process holds the data folder and this one waits. */
  onWaitingForOtherProcess?: (holder: LeaseHolder) => void;
  /** Applications planned at a time (plan-account.ts); tests make it small so every run plans several pages. */
  planPageSize?: number;
}

const COPILOT_USER_KEY = 'copilot:user';
/** The account's display name (a small fact beside the accounts table, like the dedicated calendar id). */
const ACCOUNT_NAME_KEY = (accountId: string): string => `account-name:${accountId}`;

export class CalendarCore {
  readonly store: Store;
  private readonly events = new EventEmitter();
  private readonly copilotClient: CopilotClient;
  private readonly registry: ProviderRegistry;
  private readonly ctx: ProviderContext;
  private readonly queue: WriteQueue;
  private readonly engine: SyncEngine;
  private readonly providers = new Map<string, CalendarProvider>();
  private loop: SyncLoop | null = null;
  /** Career Copilot's WebSocket: a change there syncs now, not at the next interval. */
  private push: CopilotPush | null = null;
  private syncing = false;
  /** The connect waiting in the browser, if any. */
  private connecting: AbortController | null = null;

  constructor(private readonly deps: CoreDeps) {
    ensurePrivateDir(deps.config.dataDir);
    this.store = Store.open(join(deps.config.dataDir, 'calendar.db'));
    this.firstRunPreferences();
    this.copilotClient = createCopilotClient({ baseUrl: deps.config.copilot.baseUrl, fetch: deps.fetch, secrets: deps.secrets, timers: deps.timers });
    this.registry = new ProviderRegistry(deps.providers ?? builtInProviders());
    this.ctx = {
      config: deps.config,
      secrets: deps.secrets,
      clock: deps.clock,
      timers: deps.timers,
      fetch: deps.fetch,
      openUrl: deps.openUrl,
      random: deps.random ?? Math.random,
      audit: (accountId, action, outcome, detail) => this.audit(accountId, action, outcome, detail),
      onAuthLost: (accountId, reason) => {
        this.store.accounts.setStatus(accountId, 'needs_reauth', reason);
        this.emitAlert({ id: `reauth-${accountId}`, level: 'error', message: reason, action: 'reconnect', accountId });
      },
    };
    this.queue = new WriteQueue({
      store: this.store,
      clock: deps.clock,
      timers: deps.timers,
      self: { pid: process.pid, host: hostname() },
      isAlive: (h) => h.host !== hostname() || processAlive(h.pid),
      onWaiting: deps.onWaitingForOtherProcess,
    });
    this.engine = new SyncEngine({
      store: this.store,
      clock: deps.clock,
      copilot: this.copilotClient,
      providerFor: (account) => this.providerFor(account),
      random: deps.random,
      planPageSize: deps.planPageSize,
      onAccountAuthLost: (accountId, message) => this.emitAlert({ id: `reauth-${accountId}`, level: 'error', message, action: 'reconnect', accountId }),
    });
  }

  /** On the very first run the zone is the computer's, not UTC: a naive 10:00 interview must land at 10:00. */
  private firstRunPreferences(): void {
    if (this.store.preferences.isStored()) return;
    const zone = this.deps.systemTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.store.preferences.update({ timeZone: zone && isKnownZone(zone) ? zone : 'UTC' });
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

  private async providerFor(account: AccountView): Promise<CalendarProvider> {
    const existing = this.providers.get(account.id);
    if (existing) return existing;
    const provider = (await this.registry.forAccount(account)).create(this.ctx, account);
    this.providers.set(account.id, provider);
    return provider;
  }

  private audit(accountId: string | null, action: string, outcome: 'ok' | 'failed' | 'info', detail: Record<string, unknown>): void {
    this.store.audit.record({ at: this.deps.clock.now().toISOString(), accountId, action, outcome, detail });
  }

  private async signedIn(): Promise<boolean> {
    return (await this.deps.secrets.get(SecretKeys.copilotToken)) !== null;
  }

  /** Runs a command that changes the store in the one queue, then tells the UI. */
  private async command<T>(job: () => Promise<T> | T, opts: { sync?: boolean } = {}): Promise<T> {
    const result = await this.queue.run(async () => job());
    await this.changed();
    if (opts.sync) this.loop?.trigger();
    return result;
  }

  // ---- requests of the contract -------------------------------------------------

  async getState(): Promise<AppState> {
    const signedIn = await this.signedIn();
    const user = this.store.kv.get<{ email: string }>(COPILOT_USER_KEY);
    const last = this.store.runs.last();
    return {
      copilot: { signedIn, email: signedIn ? (user?.email ?? null) : null, baseUrl: this.deps.config.copilot.baseUrl },
      accounts: this.store.accounts.all().map((a) => this.named(a)),
      preferences: this.store.preferences.get(),
      outbox: this.store.outbox.counts(this.deps.clock.now().toISOString()),
      openConflicts: this.store.conflicts.openOnes().length,
      lastRun: last ? { startedAt: last.startedAt, finishedAt: last.finishedAt, outcome: last.outcome } : null,
      alerts: currentAlerts(this.store, signedIn),
      syncing: this.syncing,
      nextSyncAt: nextAt(this.loop),
    };
  }

  async signIn(args: RequestArgs<'signIn'>): Promise<ContractResults['signIn']> {
    try {
      const user = await this.copilotClient.login(args.email, args.password);
      await this.command(() => this.store.kv.set(COPILOT_USER_KEY, { email: user.email, id: user.id }), { sync: true });
      this.audit(null, 'copilot.signin', 'ok', { email: user.email });
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
    await this.command(() => this.store.kv.delete(COPILOT_USER_KEY));
    // With the token gone the push channel closes and waits for the next sign-in.
    this.push?.reconnectNow();
    this.audit(null, 'copilot.signout', 'ok', {});
    return null;
  }

  async connect(args: RequestArgs<'connect'>, signal?: AbortSignal): Promise<AccountView> {
    const module = await this.registry.get(args.provider);
    const missing = module.notConfigured(this.deps.config);
    if (missing) throw new AppError('config_invalid', missing);
    // One sign-in at a time; Cancel (cancelConnect) stops the one waiting in the browser.
    this.connecting?.abort();
    const cancel = new AbortController();
    this.connecting = cancel;
    signal = signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal;
    try {
      // The consent page can take minutes: nothing is held while the user is in the browser.
      const result = await module.connect(this.ctx, {
        calendarList: args.calendarList,
        dedicatedCalendar: args.dedicatedCalendar,
        caldav: args.caldav,
        onConsentUrl: (url) => this.emit('consentUrl', { provider: args.provider, url }),
        signal,
      });
      const account = await this.command(async () => {
        this.store.accounts.upsert({ id: result.accountId, provider: module.kind, email: result.email, scopes: result.scopes, calendarId: result.calendarId, now: this.deps.clock.now().toISOString() });
        if (result.displayName) this.store.kv.set(ACCOUNT_NAME_KEY(result.accountId), result.displayName);
        else this.store.kv.delete(ACCOUNT_NAME_KEY(result.accountId));
        this.providers.delete(result.accountId);
        this.audit(result.accountId, 'connect', 'ok', { provider: module.kind, scopes: result.scopes });
        if (result.wantsDedicatedCalendar) await this.useDedicatedCalendar(result.accountId);
        const saved = this.store.accounts.get(result.accountId);
        if (!saved) throw new AppError('store_io', 'The account could not be saved. Try connecting again.');
        return this.named(saved);
      }, { sync: true });
      return account;
    } catch (error) {
      this.audit(null, 'connect', 'failed', { provider: args.provider, error: error instanceof AppError ? error.code : 'unexpected', cancelled: cancel.signal.aborted });
      if (cancel.signal.aborted) throw new AppError('oauth_failed', `Connecting was cancelled. Nothing was saved; connect again whenever you like.`, { cause: error });
      throw error;
    } finally {
      if (this.connecting === cancel) this.connecting = null;
    }
  }

  async cancelConnect(): Promise<{ cancelled: boolean }> {
    const pending = this.connecting;
    pending?.abort();
    return { cancelled: pending !== null };
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
    const created = existing ? { id: existing } : await (await this.providerFor(account)).createCalendar('Career Copilot', this.store.preferences.get().timeZone);
    this.store.kv.set(key, created.id);
    const { moved } = moveToCalendar(this.store, account, created.id, this.deps.clock.now());
    this.audit(accountId, 'calendar.target', 'ok', { to: created.id, dedicated: true, moved });
  }

  async disconnect(args: RequestArgs<'disconnect'>): Promise<ContractResults['disconnect']> {
    return this.command(async () => {
      const account = this.requireAccount(args.accountId);
      let removedEvents = 0;
      if (args.removeEvents && account.status === 'connected') {
        const provider = await this.providerFor(account);
        for (const link of this.store.links.forAccount(account.id)) {
          if (!link.remoteId || link.seenGone || link.state === 'removed' || link.state === 'remote_deleted') continue;
          await provider.deleteEvent(link.calendarId, link.remoteId, null);
          removedEvents++;
        }
      }
      // Only this account's own service is asked to revoke (never another provider's endpoint).
      const { revoked } = await (await this.registry.forAccount(account)).disconnect(this.ctx, account);
      this.store.tx(() => {
        this.store.outbox.removeForAccount(account.id);
        this.store.cursors.clear(account.id);
        this.store.accounts.remove(account.id);
        this.store.kv.delete(GUARD_KEY(account.id, 'pending'));
        this.store.kv.delete(GUARD_KEY(account.id, 'approved'));
        this.store.kv.delete(`dedicated-calendar:${account.id}`);
        this.store.kv.delete(ACCOUNT_NAME_KEY(account.id));
      });
      this.providers.delete(account.id);
      this.audit(account.id, 'disconnect', 'ok', { revoked, removedEvents });
      this.audit(account.id, 'revoke', revoked ? 'ok' : 'failed', {});
      return { revoked, removedEvents };
    });
  }

  private parsePreferences(input: PreferencesPatch): PreferencesPatch {
    const parsed = PreferencesPatch.safeParse(input);
    if (!parsed.success) {
      throw new InvalidInputError(`Those preferences are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`, parsed.error);
    }
    if (parsed.data.timeZone !== undefined && !isKnownZone(parsed.data.timeZone)) {
      throw new InvalidInputError(`"${parsed.data.timeZone}" is not a time zone this computer knows. Use an IANA name such as Europe/Berlin.`);
    }
    return parsed.data;
  }

  async setPreferences(input: PreferencesPatch): Promise<Preferences> {
    const patch = this.parsePreferences(input);
    return this.command(() => {
      const before = this.store.preferences.get();
      const prefs = this.store.preferences.update(patch);
      this.audit(null, 'preferences', 'info', { changed: Object.keys(patch), ...(patch.timeZone && patch.timeZone !== before.timeZone ? { timeZone: { from: before.timeZone, to: patch.timeZone } } : {}) });
      return prefs;
    }, { sync: true });
  }

  async previewPreferences(input: PreferencesPatch): Promise<PreferencesPreview> {
    const patch = this.parsePreferences(input);
    const current = this.store.preferences.get();
    const next = Preferences.parse({ ...current, ...patch, kinds: { ...current.kinds, ...patch.kinds } });
    return previewPreferences(this.store, next);
  }

  async setCalendar(args: RequestArgs<'setCalendar'>): Promise<AccountView> {
    return this.command(() => {
      const account = this.requireAccount(args.accountId);
      if (account.calendarId !== args.calendarId) {
        const { moved } = moveToCalendar(this.store, account, args.calendarId, this.deps.clock.now());
        this.audit(account.id, 'calendar.target', 'ok', { from: account.calendarId, to: args.calendarId, moved });
      }
      return this.named(this.requireAccount(account.id));
    }, { sync: true });
  }

  async listCalendars(accountId: string): Promise<{ id: string; name: string; primary: boolean; canWrite: boolean }[]> {
    return (await this.providerFor(this.requireAccount(accountId))).listCalendars();
  }

  async syncNow(args: RequestArgs<'syncNow'> = {}, onProgress?: (p: SyncProgress) => void, signal?: AbortSignal): Promise<SyncSummary> {
    if (args.allowDeletes) {
      await this.command(() => {
        for (const p of pendingDeletes(this.store)) this.approve(p.accountId, p.guardId);
      });
    }
    return summarize(await this.runSync('manual', onProgress, signal));
  }

  async pendingDeletes(): Promise<PendingDeletes[]> {
    return pendingDeletes(this.store);
  }

  /** "Remove them" approves exactly the list the user saw; "Keep them" keeps those events in the calendar. */
  async decideDeletes(args: RequestArgs<'decideDeletes'>): Promise<null> {
    await this.command(() => {
      const pending = this.store.kv.get<PendingGuard>(GUARD_KEY(args.accountId, 'pending'));
      if (!pending || pending.guardId !== args.guardId) {
        throw new InvalidInputError('The list of events to delete has changed since it was shown. Look at the new list and choose again.');
      }
      if (args.approve) this.approve(args.accountId, args.guardId);
      else this.keep(args.accountId, pending);
      this.audit(args.accountId, 'guard.decide', 'info', { approve: args.approve, events: pending.deletions.length });
    }, { sync: true });
    return null;
  }

  private approve(accountId: string, guardId: string): void {
    const pending = this.store.kv.get<PendingGuard>(GUARD_KEY(accountId, 'pending'));
    if (!pending || pending.guardId !== guardId) return;
    const approval: GuardApproval = { guardId, keys: pending.deletions.map(deletionKey) };
    this.store.tx(() => {
      this.store.kv.set(GUARD_KEY(accountId, 'approved'), approval);
      this.store.kv.delete(GUARD_KEY(accountId, 'pending'));
    });
  }

  /** Keeps the events: ours stay in the calendar unmanaged ("kept"); ones gone from the calendar are put back. */
  private keep(accountId: string, pending: PendingGuard): void {
    this.store.tx(() => {
      for (const d of pending.deletions) {
        const link = this.store.links.get(accountId, d.sourceId);
        if (!link) continue;
        if (d.direction === 'outbound') {
          this.store.links.put({ ...link, state: 'kept' });
        } else {
          this.store.links.put({ ...withoutRemote(link), state: 'pending', generation: link.generation + 1 });
          this.store.outbox.enqueue({ op: 'create', accountId, sourceId: d.sourceId, payload: {}, now: this.deps.clock.now().toISOString() });
        }
      }
      this.store.kv.delete(GUARD_KEY(accountId, 'pending'));
    });
  }

  async retryFailed(): Promise<{ requeued: number }> {
    return this.command(() => {
      const requeued = this.store.outbox.retryAll(this.deps.clock.now().toISOString());
      for (const a of this.store.accounts.all()) if (a.status === 'error') this.store.accounts.setStatus(a.id, 'connected', null);
      return { requeued };
    }, { sync: true });
  }

  async listItems(): Promise<ItemView[]> {
    return itemViews(this.store);
  }

  /** An interview time or follow-up date changed in the app: shown at once, queued for Career Copilot (and from there the calendars). */
  async editItem(args: RequestArgs<'editItem'>): Promise<ItemView> {
    await this.command(() => {
      const prefs = this.store.preferences.get();
      const item = itemFor(this.store, prefs, args.sourceId);
      if (!item) throw new InvalidInputError('That item is not in Career Copilot any more.');
      if (item.kind === 'reminder') throw new InvalidInputError('A prep block follows its interview: change the interview time instead.');
      const patch = patchFromTiming(item.kind, args.timing, item.timing, prefs.timeZone);
      const app = this.store.applications.get(item.applicationId);
      if (!patch || !app) throw new InvalidInputError('That change cannot be made to this item.');
      const nowIso = this.deps.clock.now().toISOString();
      this.store.tx(() => {
        this.store.applications.put({ ...app.record, ...patch }, nowIso);
        this.store.outbox.enqueue({ op: 'copilot_put', accountId: null, sourceId: item.sourceId, payload: { applicationId: item.applicationId, patch, remoteHash: null, remoteId: null, etag: null, accountId: null }, now: nowIso });
      });
      this.audit(null, 'item.edit', 'info', { sourceId: item.sourceId, fields: Object.keys(patch) });
    }, { sync: true });
    const view = itemViews(this.store).find((v) => v.sourceId === args.sourceId);
    if (!view) throw new InvalidInputError('That item is not in Career Copilot any more.');
    return view;
  }

  async setItemSync(args: RequestArgs<'setItemSync'>): Promise<null> {
    await this.command(() => {
      const excluded = new Set(this.store.preferences.get().excludedItems);
      if (args.enabled) excluded.delete(args.sourceId);
      else excluded.add(args.sourceId);
      this.store.preferences.update({ excludedItems: [...excluded].sort() });
      this.audit(null, 'item.sync', 'info', { sourceId: args.sourceId, enabled: args.enabled });
    }, { sync: true });
    return null;
  }

  async listConflicts(): Promise<ConflictView[]> {
    return this.store.conflicts.openOnes().map((c) => conflictView(c, this.store));
  }

  async resolveConflict(args: RequestArgs<'resolveConflict'>): Promise<null> {
    await this.command(() => {
      resolveConflict(this.store, args, this.deps.clock.now());
      this.audit(null, 'conflict.resolve', 'ok', { id: args.id, choice: args.choice, remember: args.remember });
    }, { sync: true });
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

  // ---- running -----------------------------------------------------------------

  /** Syncs about once a minute until stop(). */
  start(): void {
    this.loop ??= new SyncLoop({
      run: async (trigger) => {
        const report = await this.runSync(trigger);
        return { healthy: report.outcome === 'ok' || report.outcome === 'stopped' || report.yielded };
      },
      intervalMs: this.deps.config.syncIntervalSeconds * 1000,
      timers: this.deps.timers,
      random: this.deps.random,
      now: () => this.deps.clock.now().getTime(),
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

  private async runSync(trigger: string, onProgress?: (p: SyncProgress) => void, signal?: AbortSignal): Promise<SyncReport> {
    const report = await this.queue.run(async () => {
      this.syncing = true;
      await this.changed();
      const conflictsBefore = new Set(this.store.conflicts.openOnes().map((c) => c.id));
      try {
        const signedIn = await this.signedIn();
        const r = await this.engine.run({
          trigger,
          signal,
          shouldYield: () => this.queue.hasWaiting(),
          onProgress: (p) => {
            onProgress?.(p);
            this.emit('syncProgress', p);
          },
        });
        if (!signedIn) r.copilot = { ok: false, message: 'Not signed in to Career Copilot. Sign in to start syncing.', signedIn: false };
        for (const c of this.store.conflicts.openOnes()) {
          if (!conflictsBefore.has(c.id)) {
            r.stats.conflicts++;
            this.emit('conflictRaised', conflictView(c, this.store));
          }
        }
        const notice = failureNotification(this.store, this.deps.clock.now());
        if (notice) this.emitAlert(notice);
        return r;
      } finally {
        this.syncing = false;
      }
    });
    await this.changed();
    // Work left behind for a waiting command goes out right after it.
    if (report.yielded) this.loop?.trigger();
    return report;
  }

  private named(account: AccountView): AccountView {
    return { ...account, displayName: this.store.kv.get<string>(ACCOUNT_NAME_KEY(account.id)) };
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

function nextAt(loop: SyncLoop | null): string | null {
  const at = loop?.nextRunAt() ?? null;
  return at === null ? null : new Date(at).toISOString();
}


/** Whether a process of this machine still runs (signal 0 checks without touching it). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createCalendarCore(deps: CoreDeps): CalendarCore {
  return new CalendarCore(deps);
}
