// One sync run: poll Career Copilot, then for each calendar record what its change
// feed said (with the cursor, in one transaction), plan from the stored state a
// page at a time (plan-account.ts), pass the plan through the guard, write it
// atomically, and drain the outbox. Each step fails on its own: a Career Copilot
// outage still lets calendar changes be read and queued writes go out, and one
// calendar's failure does not stop another's.
// The caller runs it inside the WriteQueue (app.ts): no other writer is active.
import { AppError, CopilotAuthError, ProviderError, userMessageOf } from '../../../shared/errors';
import type { AccountView, Preferences } from '../../../shared/domain';
import type { CopilotClient } from '../copilot/copilot-types';
import type { Clock } from '../ports';
import type { CalendarProvider, ListingWindow } from '../providers/provider';
import { emptyStats, type RunOutcome, type RunStats } from '../store/runs-repo';
import type { Store } from '../store/store';
import { createLogger } from '../telemetry/logger';
import { drainOutbox } from './executor';
import { GUARD_KEY, type GuardApproval, type PendingGuard } from './guards';
import { ensureJob, refreshJobs } from './jobs';
import { decodeCursor, recordObservations } from './observe';
import { planAccount } from './plan-account';

const log = createLogger('sync');

export type SyncPhase = 'copilot' | 'calendar' | 'push' | 'done';

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
  accountId?: string;
}

export interface SyncOptions {
  trigger: string;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** A user command waits: stop taking new outbox work (the next run finishes it). */
  shouldYield?: () => boolean;
}

export interface AccountRunResult {
  accountId: string;
  ok: boolean;
  message: string | null;
  guard: string | null;
}

export interface SyncReport {
  runId: number;
  outcome: RunOutcome;
  stats: RunStats;
  copilot: { ok: boolean; message: string | null; signedIn: boolean };
  accounts: AccountRunResult[];
  rejected: { id: number | null; reason: string }[];
  /** Queued work left for the next run because a user command was waiting. */
  yielded: boolean;
}

export interface EngineDeps {
  store: Store;
  clock: Clock;
  /** Null when not signed in to Career Copilot. */
  copilot: CopilotClient | null;
  providerFor: (account: AccountView) => Promise<CalendarProvider>;
  random?: () => number;
  /** Applications planned at a time; PLAN_PAGE by default. */
  planPageSize?: number;
  onAccountAuthLost?: (accountId: string, message: string) => void;
}

const MONTH_MS = 30 * 24 * 3600_000;

export class SyncEngine {
  constructor(private readonly deps: EngineDeps) {}

  async run(options: SyncOptions): Promise<SyncReport> {
    const { store, clock } = this.deps;
    const stats = emptyStats();
    const runId = store.runs.start(options.trigger, clock.now().toISOString());
    const copilot = this.deps.copilot;
    const report: SyncReport = { runId, outcome: 'ok', stats, copilot: { ok: true, message: null, signedIn: copilot !== null }, accounts: [], rejected: [], yielded: false };
    const copilotBefore = copilot?.requestCount() ?? 0;
    /** Accounts whose listing worked this run: their queued writes go out. */
    const writable = new Map<string, CalendarProvider>();
    const used = new Map<string, { provider: CalendarProvider; before: number }>();

    try {
      options.onProgress?.({ phase: 'copilot', done: 0, total: 1 });
      if (copilot) await this.pollCopilot(copilot, report, options.signal);
      else report.copilot = { ok: false, message: 'Not signed in to Career Copilot. Sign in to start syncing.', signedIn: false };
      options.onProgress?.({ phase: 'copilot', done: 1, total: 1 });

      const all = store.accounts.all();
      // An account waiting to be reconnected is not synced, and the run does not pass for complete.
      for (const a of all.filter((x) => x.status === 'needs_reauth')) {
        report.accounts.push({ accountId: a.id, ok: false, message: a.lastError ?? `Reconnect ${a.email} to keep it in sync.`, guard: null });
      }
      const accounts = all.filter((a) => a.status === 'connected' || a.status === 'error');
      const prefs = store.preferences.get();
      let listed = 0;
      for (const account of accounts) {
        options.onProgress?.({ phase: 'calendar', done: listed, total: accounts.length, accountId: account.id });
        const provider = await this.deps.providerFor(account);
        used.set(account.id, { provider, before: provider.requestCount() });
        const result = await this.syncAccount(account, provider, prefs, options, stats);
        report.accounts.push(result);
        // Writes go out only where the listing just worked; a failed one is retried next run.
        if (result.ok) writable.set(account.id, provider);
        listed++;
      }
      options.onProgress?.({ phase: 'calendar', done: listed, total: accounts.length });

      const replan = new Set<string>();
      const wrote = new Set<string>();
      const drain = (): Promise<boolean> =>
        drainOutbox({
          store,
          clock,
          copilot,
          providers: writable,
          stats,
          random: this.deps.random,
          signal: options.signal,
          shouldYield: options.shouldYield,
          onAccountAuthLost: this.deps.onAccountAuthLost,
          onObservation: (accountId) => replan.add(accountId),
          onWrote: (accountId) => wrote.add(accountId),
          onProgress: (done, total) => options.onProgress?.({ phase: 'push', done, total }),
        });
      report.yielded = await drain();
      // What a write found (the old event of a move gone, an event changed under an
      // update) is decided in this run, once, rather than a sync later.
      const again = report.accounts.filter((r) => r.ok && replan.has(r.accountId));
      if (!report.yielded && again.length > 0) {
        for (const r of again) {
          const account = store.accounts.get(r.accountId);
          if (account) r.guard = this.planWithGuard(account, prefs, stats) ?? r.guard;
        }
        replan.clear();
        report.yielded = await drain();
      }
      // A change feed that can leave out what was written after its cursor is read
      // once more, so the cursor stored is newer than our writes (provider.ts, listAfterWrites).
      const relist = report.accounts.filter((r) => r.ok && wrote.has(r.accountId) && writable.get(r.accountId)?.capabilities.listAfterWrites);
      if (!report.yielded && relist.length > 0) {
        for (const r of relist) {
          const account = store.accounts.get(r.accountId);
          const provider = writable.get(r.accountId);
          if (!account || !provider) continue;
          const again = await this.syncAccount(account, provider, prefs, options, stats);
          // A failed listing plans nothing, so the first plan's safety stop still stands.
          if (again.ok) r.guard = again.guard;
          else {
            Object.assign(r, { ok: false, message: again.message });
            writable.delete(r.accountId);
          }
        }
        report.yielded = await drain();
      }
      for (const r of report.accounts) {
        if (r.ok && store.accounts.get(r.accountId)?.status === 'connected') store.accounts.markSynced(r.accountId, clock.now().toISOString());
      }
    } catch (error) {
      report.outcome = 'failed';
      stats.errors.push(userMessageOf(error));
      if (!(error instanceof AppError)) log.error({ err: error }, 'sync run failed unexpectedly');
      throw error;
    } finally {
      stats.requests.copilot = (copilot?.requestCount() ?? 0) - copilotBefore;
      stats.requests.provider = [...used.values()].reduce((n, u) => n + u.provider.requestCount() - u.before, 0);
      if (report.outcome !== 'failed') report.outcome = outcomeOf(report);
      store.runs.finish(runId, report.outcome, stats, clock.now().toISOString());
      // Retention and roll-ups, at most once a day, so a year of minute syncs stays fast.
      store.maintenance(clock.now());
      log.info({ runId, outcome: report.outcome, created: stats.created, updated: stats.updated, deleted: stats.deleted, pulled: stats.pulled, failures: stats.failures, requests: stats.requests }, 'sync run finished');
      options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    }
    return report;
  }

  private async pollCopilot(copilot: CopilotClient, report: SyncReport, signal?: AbortSignal): Promise<void> {
    const { store, clock } = this.deps;
    try {
      // Jobs first, so each page of applications finds its jobs stored.
      await refreshJobs(store, copilot, clock, signal);
      const nowIso = clock.now().toISOString();
      // An application with a write of ours on its way keeps the version we sent
      // until Career Copilot answers it (an edit made in the app, or a calendar move).
      const sending = store.outbox.sendingApplicationIds();
      const storedJobs = new Set<number>();
      const unknownJobs = new Set<number>();
      // Each page is stored as it is read (its own transaction), so no listing is held
      // in memory: what a shifted or failed listing stored is still Career Copilot's data.
      const listing = await copilot.readApplications((page) => {
        store.tx(() => {
          for (const app of page) {
            if (!sending.has(app.id)) store.applications.put(app, nowIso);
            const jobId = app.job_id;
            if (!storedJobs.has(jobId) && !unknownJobs.has(jobId)) (store.jobs.get(jobId) ? storedJobs : unknownJobs).add(jobId);
          }
        });
      }, signal);
      for (const jobId of unknownJobs) await ensureJob(store, copilot, jobId, clock, signal);
      report.rejected = listing.rejected;
      report.stats.rejected = listing.rejected.length;
      const unreadable = new Set(listing.rejected.map((r) => r.id));
      store.tx(() => {
        // A record we could not read must not look like a deleted one; with an
        // unreadable id anywhere, no absence means anything this time.
        if (!unreadable.has(null)) {
          for (const id of store.applications.ids()) if (!listing.listed.has(id) && !unreadable.has(id)) store.applications.markGone(id);
        }
        this.reportSkipped(listing.rejected, nowIso);
      });
    } catch (error) {
      // Reported once, through report.copilot; stats.errors is for the calendar side.
      report.copilot = { ok: false, message: userMessageOf(error), signedIn: !(error instanceof CopilotAuthError) };
      store.audit.record({ at: clock.now().toISOString(), accountId: null, action: 'copilot.poll', outcome: 'failed', detail: { error: error instanceof AppError ? error.code : 'unexpected' } });
      if (!(error instanceof AppError)) throw error;
    }
  }

  /** Each unreadable record once per change of it, so one bad record does not raise an alert every hour. */
  private reportSkipped(rejected: readonly { id: number | null; reason: string; fingerprint?: string }[], nowIso: string): void {
    const { store } = this.deps;
    const keys = new Set<string>();
    for (const r of rejected) {
      const key = r.id === null ? `anonymous:${r.fingerprint ?? r.reason}` : `application:${r.id}`;
      keys.add(key);
      if (store.skipped.noteIfChanged(key, `${r.fingerprint ?? ''}|${r.reason}`, nowIso)) {
        store.audit.record({ at: nowIso, accountId: null, action: 'copilot.skipped_record', outcome: 'failed', detail: { applicationId: r.id, reason: r.reason } });
      }
    }
    store.skipped.keepOnly(keys);
  }

  private async syncAccount(account: AccountView, provider: CalendarProvider, prefs: Preferences, options: SyncOptions, stats: RunStats): Promise<AccountRunResult> {
    const { store, clock } = this.deps;
    const result: AccountRunResult = { accountId: account.id, ok: true, message: null, guard: null };
    const window = provider.capabilities.windowedListing ? listingWindow(clock.now()) : null;
    const stored = decodeCursor(store.cursors.get(account.id, account.calendarId));
    // A cursor made under another window cannot be continued: list the new window whole.
    const cursor = stored && sameWindow(stored.window, window) ? stored.cursor : null;
    let page;
    try {
      page = await provider.listChanges(account.calendarId, cursor, window, options.signal);
    } catch (error) {
      // A failed listing is never an empty calendar: plan nothing for this account.
      return this.accountFailed(account, error, result);
    }
    const now = clock.now();
    const nowIso = now.toISOString();
    // What the calendar said is kept whatever is decided below, and the cursor moves with it.
    const observed = recordObservations(store, account.id, account.calendarId, page, nowIso);
    // A transient failure heals by itself on the next good listing.
    if (account.status === 'error') store.accounts.setStatus(account.id, 'connected', null);

    result.guard = this.planWithGuard(account, prefs, stats);
    store.audit.record({ at: nowIso, accountId: account.id, action: 'calendar.list', outcome: 'ok', detail: { changes: page.changes.length, full: page.full, ...observed } });
    return result;
  }

  /** Plans the account under the deletion guard; the guard's message when it stopped deletions. */
  private planWithGuard(account: AccountView, prefs: Preferences, stats: RunStats): string | null {
    const { store, clock } = this.deps;
    const approval = store.kv.get<GuardApproval>(GUARD_KEY(account.id, 'approved'));
    const { itemsSeen, guard, deletions } = planAccount(store, { accountId: account.id, calendarId: account.calendarId, now: clock.now(), prefs, approval }, this.deps.planPageSize);
    stats.itemsSeen = itemsSeen;
    if (guard.stop) {
      const previous = store.kv.get<PendingGuard>(GUARD_KEY(account.id, 'pending'));
      // The same list keeps its first time: the user's approval names it by id.
      store.kv.set(GUARD_KEY(account.id, 'pending'), previous?.guardId === guard.stop.guardId ? previous : guard.stop);
      return guard.stop.message;
    }
    store.kv.delete(GUARD_KEY(account.id, 'pending'));
    if (deletions > 0 || approval) store.kv.delete(GUARD_KEY(account.id, 'approved'));
    return null;
  }

  private accountFailed(account: AccountView, error: unknown, result: AccountRunResult): AccountRunResult {
    const { store, clock } = this.deps;
    const message = userMessageOf(error);
    const needsReauth = error instanceof ProviderError && (error.code === 'provider_auth' || error.code === 'provider_permission');
    store.accounts.setStatus(account.id, needsReauth ? 'needs_reauth' : 'error', message);
    if (needsReauth) this.deps.onAccountAuthLost?.(account.id, message);
    store.audit.record({ at: clock.now().toISOString(), accountId: account.id, action: 'calendar.list', outcome: 'failed', detail: { error: error instanceof AppError ? error.code : 'unexpected', message } });
    if (!(error instanceof AppError)) log.error({ err: error }, 'calendar listing failed unexpectedly');
    return { ...result, ok: false, message };
  }
}

/**
 * The window a windowed provider lists (Graph calendarView/delta): from a year
 * back to two years ahead, aligned to 30-day steps so it changes (and costs a full
 * listing) about once a month, not every run.
 */
export function listingWindow(now: Date): ListingWindow {
  const step = Math.floor(now.getTime() / MONTH_MS) * MONTH_MS;
  return { start: new Date(step - 12 * MONTH_MS).toISOString(), end: new Date(step + 25 * MONTH_MS).toISOString() };
}

function sameWindow(a: ListingWindow | null, b: ListingWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

function outcomeOf(r: SyncReport): RunOutcome {
  if (r.accounts.some((a) => a.guard)) return 'stopped';
  if (!r.copilot.ok || r.accounts.some((a) => !a.ok) || r.stats.failures > 0 || r.yielded) return 'partial';
  return 'ok';
}
