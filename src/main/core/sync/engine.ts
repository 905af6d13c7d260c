// One sync run: poll Career Copilot, list each calendar's changes, plan, write the
// plan atomically, then drain the outbox. Each step fails on its own: a Career
// Copilot outage still lets calendar changes be read and queued writes go out, and
// one calendar's failure does not stop another's.
import { AppError, CopilotAuthError, ProviderError, userMessageOf } from '../../../shared/errors';
import type { AccountView, CalendarItem } from '../../../shared/domain';
import type { CopilotClient } from '../copilot/copilot-types';
import { itemsForApplication, vanished } from '../copilot/to-items';
import type { Clock } from '../ports';
import type { CalendarProvider, ChangePage, RemoteEvent } from '../providers/provider';
import { emptyStats, type RunOutcome, type RunStats } from '../store/runs-repo';
import type { Store } from '../store/store';
import { createLogger } from '../telemetry/logger';
import { drainOutbox } from './executor';
import { plan, type Plan } from './planner';
import { jobInfo } from './jobs';
import { checkGuard, GUARD_KEY } from './guards';

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
  /** The user approved the deletes a guard stopped last time. */
  allowDeletes?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
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
}

export interface EngineDeps {
  store: Store;
  clock: Clock;
  /** Null when not signed in to Career Copilot. */
  copilot: CopilotClient | null;
  providerFor: (account: AccountView) => CalendarProvider;
  random?: () => number;
  onAccountAuthLost?: (accountId: string, message: string) => void;
}

export class SyncEngine {
  private running: Promise<SyncReport> | null = null;

  constructor(private readonly deps: EngineDeps) {}

  /** Runs once; a call while a run is in progress joins it instead of overlapping. */
  syncOnce(options: SyncOptions): Promise<SyncReport> {
    if (!this.running) {
      this.running = this.run(options).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async run(options: SyncOptions): Promise<SyncReport> {
    const { store, clock } = this.deps;
    const stats = emptyStats();
    const runId = store.runs.start(options.trigger, clock.now().toISOString());
    const report: SyncReport = { runId, outcome: 'ok', stats, copilot: { ok: true, message: null, signedIn: this.deps.copilot !== null }, accounts: [], rejected: [] };
    const copilot = this.deps.copilot;
    const copilotBefore = copilot?.requestCount() ?? 0;
    const providers = new Map<string, CalendarProvider>();
    const providerBefore = new Map<string, number>();

    try {
      options.onProgress?.({ phase: 'copilot', done: 0, total: 1 });
      if (copilot) await this.pollCopilot(copilot, report, options.signal);
      else report.copilot = { ok: false, message: 'Not signed in to Career Copilot. Run "ccal signin" to start syncing.', signedIn: false };
      options.onProgress?.({ phase: 'copilot', done: 1, total: 1 });

      const accounts = store.accounts.all().filter((a) => a.status === 'connected' || a.status === 'error');
      let listed = 0;
      for (const account of accounts) {
        options.onProgress?.({ phase: 'calendar', done: listed, total: accounts.length, accountId: account.id });
        const provider = this.deps.providerFor(account);
        providers.set(account.id, provider);
        providerBefore.set(account.id, provider.requestCount());
        report.accounts.push(await this.syncAccount(account, provider, options));
        listed++;
      }
      options.onProgress?.({ phase: 'calendar', done: listed, total: accounts.length });

      await drainOutbox({
        store,
        clock,
        copilot,
        providers: new Map([...providers].filter(([id]) => store.accounts.get(id)?.status === 'connected')),
        stats,
        random: this.deps.random,
        signal: options.signal,
        onAccountAuthLost: this.deps.onAccountAuthLost,
        onProgress: (done, total) => options.onProgress?.({ phase: 'push', done, total }),
      });
      for (const r of report.accounts) {
        if (r.ok && store.accounts.get(r.accountId)?.status === 'connected') store.accounts.markSynced(r.accountId, clock.now().toISOString());
      }
    } catch (error) {
      report.outcome = 'failed';
      stats.errors.push(userMessageOf(error));
      if (!(error instanceof AppError)) log.error({ err: String(error) }, 'sync run failed unexpectedly');
      throw error;
    } finally {
      stats.requests.copilot = (copilot?.requestCount() ?? 0) - copilotBefore;
      stats.requests.provider = [...providers].reduce((n, [id, p]) => n + p.requestCount() - (providerBefore.get(id) ?? 0), 0);
      if (report.outcome !== 'failed') report.outcome = outcomeOf(report);
      store.runs.finish(runId, report.outcome, stats, clock.now().toISOString());
      log.info({ runId, outcome: report.outcome, created: stats.created, updated: stats.updated, deleted: stats.deleted, pulled: stats.pulled, failures: stats.failures, requests: stats.requests }, 'sync run finished');
      options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    }
    return report;
  }

  private async pollCopilot(copilot: CopilotClient, report: SyncReport, signal?: AbortSignal): Promise<void> {
    const { store, clock } = this.deps;
    try {
      const listing = await copilot.listApplications(signal);
      const prefs = store.preferences.get();
      const now = clock.now();
      const items: CalendarItem[] = [];
      for (const app of listing.applications) {
        const job = await jobInfo(store, copilot, app.job_id, clock, signal);
        items.push(...itemsForApplication(app, job, prefs, now));
      }
      report.rejected = listing.rejected;
      report.stats.rejected = listing.rejected.length;
      report.stats.itemsSeen = items.length;
      for (const r of listing.rejected) {
        store.audit.record({ at: now.toISOString(), accountId: null, action: 'copilot.skipped_record', outcome: 'failed', detail: { applicationId: r.id, reason: r.reason } });
      }
      // Items of an application we could not read are kept as they were: a bad
      // record must not look like a deleted one.
      const unreadable = new Set(listing.rejected.map((r) => r.id));
      const anyUnknown = unreadable.has(null);
      const present = new Set(items.map((i) => i.sourceId));
      const gone = anyUnknown ? [] : store.items.all().filter((i) => !present.has(i.sourceId) && !unreadable.has(i.applicationId)).map(vanished);
      store.tx(() => {
        store.items.upsertMany([...items, ...gone], now.toISOString());
      });
    } catch (error) {
      // Reported once, through report.copilot; stats.errors is for the calendar side.
      report.copilot = { ok: false, message: userMessageOf(error), signedIn: !(error instanceof CopilotAuthError) };
      store.audit.record({ at: clock.now().toISOString(), accountId: null, action: 'copilot.poll', outcome: 'failed', detail: { error: error instanceof AppError ? error.code : 'unexpected' } });
      if (!(error instanceof AppError)) throw error;
    }
  }

  private async syncAccount(account: AccountView, provider: CalendarProvider, options: SyncOptions): Promise<AccountRunResult> {
    const { store, clock } = this.deps;
    const result: AccountRunResult = { accountId: account.id, ok: true, message: null, guard: null };
    const cursor = store.cursors.get(account.id, account.calendarId);
    let page: ChangePage;
    try {
      page = await provider.listChanges(account.calendarId, cursor, options.signal);
    } catch (error) {
      // A failed listing is never an empty calendar: plan nothing for this account.
      return this.accountFailed(account, error, result);
    }
    const now = clock.now();
    const prefs = store.preferences.get();
    const links = new Map(store.links.forAccount(account.id).map((l) => [l.sourceId, l]));
    const remote = tagged(page.events, links, (id) => store.links.isDetached(account.id, id));
    const pending = new Set(store.outbox.all().filter((e) => e.accountId === account.id || e.op === 'copilot_put').map((e) => e.sourceId));
    const items = new Map(store.items.all().map((i) => [i.sourceId, i]));
    const thePlan = plan({ accountId: account.id, calendarId: account.calendarId, now, prefs, items, links, remote, full: page.full, pending });

    const guard = checkGuard(thePlan, prefs, options.allowDeletes === true || store.kv.get<boolean>(GUARD_KEY(account.id, 'approved')) === true);
    if (guard) {
      result.guard = guard.message;
      store.kv.set(GUARD_KEY(account.id, 'pending'), { message: guard.message, at: now.toISOString() });
    } else {
      store.kv.delete(GUARD_KEY(account.id, 'pending'));
      store.kv.delete(GUARD_KEY(account.id, 'approved'));
    }
    const applied = guard ? withoutDeletes(thePlan) : thePlan;
    const nowIso = now.toISOString();
    store.tx(() => {
      for (const l of applied.links) store.links.put(l);
      for (const op of applied.ops) {
        store.outbox.enqueue({ op: op.op, accountId: op.op === 'copilot_put' ? null : account.id, sourceId: op.sourceId, payload: op.payload, now: nowIso });
      }
      for (const c of applied.conflicts) store.conflicts.open({ accountId: account.id, sourceId: c.sourceId, copilot: c.copilot, calendar: c.calendar, explanation: c.explanation, now: nowIso });
      for (const id of applied.detach) store.links.detach(account.id, id);
      for (const n of applied.notes) store.audit.record({ at: nowIso, accountId: account.id, action: 'sync.note', outcome: 'info', detail: { sourceId: n.sourceId, note: n.note } });
      // The cursor moves only with the decisions it fed; a guard that held back
      // inbound deletions keeps the old cursor so they are seen again.
      if (!(guard && guard.inbound)) store.cursors.set(account.id, account.calendarId, page.nextCursor, nowIso);
    });
    this.deps.store.audit.record({ at: nowIso, accountId: account.id, action: 'calendar.list', outcome: 'ok', detail: { events: page.events.length, full: page.full } });
    return result;
  }

  private accountFailed(account: AccountView, error: unknown, result: AccountRunResult): AccountRunResult {
    const { store, clock } = this.deps;
    const message = userMessageOf(error);
    const status = error instanceof ProviderError && error.code === 'provider_auth' ? 'needs_reauth' : error instanceof ProviderError && error.code === 'provider_permission' ? 'needs_reauth' : 'error';
    store.accounts.setStatus(account.id, status, message);
    if (status === 'needs_reauth') this.deps.onAccountAuthLost?.(account.id, message);
    store.audit.record({ at: clock.now().toISOString(), accountId: account.id, action: 'calendar.list', outcome: 'failed', detail: { error: error instanceof AppError ? error.code : 'unexpected', message } });
    if (!(error instanceof AppError)) log.error({ err: String(error) }, 'calendar listing failed unexpectedly');
    return { ...result, ok: false, message };
  }
}

/** Our events from a listing, keyed by source id; detached and foreign ones dropped. */
function tagged(events: readonly RemoteEvent[], links: ReadonlyMap<string, { remoteId: string | null }>, isDetached: (remoteId: string) => boolean): Map<string, RemoteEvent> {
  const out = new Map<string, RemoteEvent>();
  for (const e of events) {
    if (!e.sourceId || isDetached(e.remoteId)) continue;
    const link = links.get(e.sourceId);
    // Another event carrying our tag (a copy the user made) is not ours to manage.
    if (link?.remoteId && link.remoteId !== e.remoteId) continue;
    out.set(e.sourceId, e);
  }
  return out;
}

/** The plan minus every deletion, in both directions (a guard stopped them). */
function withoutDeletes(p: Plan): Plan {
  const deleting = new Set(p.ops.filter((o) => o.op === 'delete').map((o) => o.sourceId));
  const inboundGone = new Set(p.links.filter((l) => l.state === 'remote_deleted' || (l.state === 'removed' && !deleting.has(l.sourceId))).map((l) => l.sourceId));
  const skip = new Set([...deleting, ...inboundGone]);
  return {
    ...p,
    ops: p.ops.filter((o) => !skip.has(o.sourceId)),
    links: p.links.filter((l) => !skip.has(l.sourceId)),
    conflicts: p.conflicts,
    notes: p.notes.filter((n) => !skip.has(n.sourceId)),
  };
}

function outcomeOf(r: SyncReport): RunOutcome {
  if (r.accounts.some((a) => a.guard)) return 'stopped';
  if (!r.copilot.ok || r.accounts.some((a) => !a.ok) || r.stats.failures > 0) return 'partial';
  return 'ok';
}
