// Performs queued writes (the outbox) and records each result in the same
// transaction that removes the entry. Every write is idempotent on the remote side
// (client-chosen event ids, If-Match, PUT of absolute values), so an entry retried
// after a crash converges instead of duplicating.
import { AppError, CopilotAuthError, ProviderError, userMessageOf } from '../../../shared/errors';
import type { CalendarItem, Preferences } from '../../../shared/domain';
import type { CopilotClient } from '../copilot/copilot-types';
import { itemsForApplication } from '../copilot/to-items';
import type { Clock } from '../ports';
import type { CalendarProvider, RemoteEvent } from '../providers/provider';
import { backoffDelay } from '../scheduler/backoff';
import type { Link } from '../store/links-repo';
import { CopilotPutPayload, ProviderOpPayload, type OutboxEntry } from '../store/outbox-repo';
import type { RunStats } from '../store/runs-repo';
import type { Store } from '../store/store';
import { createLogger } from '../telemetry/logger';
import { buildDraft, draftHash, draftTimeState, isWanted, remoteTimeState } from './draft';
import { jobInfo } from './jobs';

const log = createLogger('executor');
/** After this many permanent failures an entry is parked (kept and shown, retried on request). */
const MAX_PERMANENT_ATTEMPTS = 5;

export interface ExecutorDeps {
  store: Store;
  clock: Clock;
  copilot: CopilotClient | null;
  providers: ReadonlyMap<string, CalendarProvider>;
  stats: RunStats;
  concurrency?: number;
  random?: () => number;
  onProgress?: (done: number, total: number) => void;
  onAccountAuthLost?: (accountId: string, message: string) => void;
  signal?: AbortSignal;
}

/** Entries read from the outbox at a time: a big first sync never holds its whole queue. */
const OUTBOX_PAGE = 100;

export async function drainOutbox(deps: ExecutorDeps): Promise<void> {
  const { store, clock } = deps;
  const blockedAccounts = new Set<string>();
  let copilotBlocked = deps.copilot === null;
  // What was due when the run started; entries rescheduled by this run wait for the next.
  const startedAt = clock.now().toISOString();
  const runnable = (accountId: string | null, copilot: boolean): boolean => (accountId && !copilot ? deps.providers.has(accountId) : true);
  const total = store.outbox.dueCounts(startedAt).reduce((n, c) => n + (runnable(c.accountId, c.copilot) ? c.count : 0), 0);
  let done = 0;
  deps.onProgress?.(0, total);
  let page: OutboxEntry[] = [];
  let afterId = 0;
  let exhausted = false;
  // Workers share one cursor; SQLite reads are synchronous, so no two take the same page.
  const next = (): OutboxEntry | undefined => {
    while (page.length === 0 && !exhausted) {
      const batch = store.outbox.dueAfter(startedAt, afterId, OUTBOX_PAGE);
      exhausted = batch.length < OUTBOX_PAGE;
      afterId = batch.at(-1)?.id ?? afterId;
      page = batch.filter((e) => runnable(e.accountId, e.op === 'copilot_put'));
    }
    return page.shift();
  };

  const worker = async (): Promise<void> => {
    for (let entry = next(); entry; entry = next()) {
      if (deps.signal?.aborted) return;
      const isCopilot = entry.op === 'copilot_put';
      if ((isCopilot && copilotBlocked) || (!isCopilot && entry.accountId && blockedAccounts.has(entry.accountId))) continue;
      try {
        await perform(deps, entry);
        audit(deps, entry, 'ok', {});
      } catch (error) {
        if (error instanceof CopilotAuthError) copilotBlocked = true;
        if (error instanceof ProviderError && error.code === 'provider_auth' && entry.accountId) {
          blockedAccounts.add(entry.accountId);
          store.accounts.setStatus(entry.accountId, 'needs_reauth', error.userMessage);
          deps.onAccountAuthLost?.(entry.accountId, error.userMessage);
        }
        handleFailure(deps, entry, error);
      }
      deps.onProgress?.(++done, total);
    }
  };
  const workers = Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, () => worker());
  await Promise.all(workers);
}

async function perform(deps: ExecutorDeps, entry: OutboxEntry): Promise<void> {
  switch (entry.op) {
    case 'create':
    case 'update':
    case 'delete':
      return performCalendarWrite(deps, entry);
    case 'copilot_put':
      return performCopilotPut(deps, entry);
  }
}

async function performCalendarWrite(deps: ExecutorDeps, entry: OutboxEntry): Promise<void> {
  const { store, clock } = deps;
  const accountId = entry.accountId ?? '';
  const provider = deps.providers.get(accountId);
  const link = store.links.get(accountId, entry.sourceId);
  if (!provider || !link) {
    store.outbox.remove(entry.id);
    return;
  }
  const prefs = store.preferences.get();
  const item = store.items.get(entry.sourceId);
  const wanted = item !== null && isWanted(item, prefs, clock.now());
  const { force } = ProviderOpPayload.parse(entry.payload);
  const now = (): string => clock.now().toISOString();

  if (entry.op === 'delete' || !wanted) {
    if (link.remoteId) await provider.deleteEvent(link.calendarId, link.remoteId, null, deps.signal);
    store.tx(() => {
      store.links.put({ ...link, state: 'removed', lastSyncedAt: now() });
      store.outbox.remove(entry.id);
    });
    if (link.remoteId) deps.stats.deleted++;
    recordLatency(deps, entry);
    return;
  }
  if (!item) return;
  const draft = buildDraft(item, prefs, link.generation);
  let event: RemoteEvent;
  if (entry.op === 'create' || !link.remoteId) {
    event = await provider.createEvent(link.calendarId, draft, deps.signal);
    if (remoteTimeState(event) !== draftTimeState(draft) || event.cancelled) {
      // The id existed already with other content (a retry after a crash that
      // followed a later edit, or an adopted event): overwrite it with ours.
      event = await provider.updateEvent(link.calendarId, event.remoteId, draft, null, deps.signal);
    }
    deps.stats.created++;
  } else {
    const updated = await updateWithPrecondition(deps, provider, link, item, prefs, force === true);
    if (!updated) {
      store.tx(() => {
        store.links.put({ ...link, state: 'synced' });
        store.outbox.remove(entry.id);
      });
      return;
    }
    event = updated;
    deps.stats.updated++;
  }
  store.tx(() => {
    store.links.put(ackedLink(link, event, draftHash(draft), now()));
    store.outbox.remove(entry.id);
  });
  recordLatency(deps, entry);
}

/**
 * Update with If-Match. On 412: if the calendar already shows what we meant to
 * write (our own earlier write, acknowledged before a crash), take it; if only
 * details changed there, retry once with the fresh etag; if the time changed, give
 * the link back to the planner (returns null), which will see a conflict.
 */
async function updateWithPrecondition(
  deps: ExecutorDeps,
  provider: CalendarProvider,
  link: Link,
  item: CalendarItem,
  prefs: Preferences,
  force: boolean,
): Promise<RemoteEvent | null> {
  const draft = buildDraft(item, prefs, link.generation);
  const remoteId = link.remoteId ?? '';
  try {
    return await provider.updateEvent(link.calendarId, remoteId, draft, force ? null : link.etag, deps.signal);
  } catch (error) {
    if (!(error instanceof ProviderError) || (error.code !== 'provider_precondition' && error.code !== 'provider_not_found')) throw error;
    const fresh = await provider.getEvent(link.calendarId, remoteId, deps.signal);
    if (!fresh || fresh.cancelled) return null;
    if (remoteTimeState(fresh) === draftTimeState(draft) || remoteTimeState(fresh) === link.baseRemoteHash) {
      return provider.updateEvent(link.calendarId, remoteId, draft, fresh.etag, deps.signal);
    }
    return null;
  }
}

function ackedLink(link: Link, event: RemoteEvent, baseItemHash: string, now: string): Link {
  return {
    ...link,
    remoteId: event.remoteId,
    etag: event.etag,
    remoteUpdated: event.updated,
    baseItemHash,
    baseRemoteHash: remoteTimeState(event),
    state: 'synced',
    lastSyncedAt: now,
  };
}

async function performCopilotPut(deps: ExecutorDeps, entry: OutboxEntry): Promise<void> {
  const { store, clock } = deps;
  if (!deps.copilot) throw new CopilotAuthError();
  const payload = CopilotPutPayload.parse(entry.payload);
  const accountId = payload.accountId ?? null;
  const app = await deps.copilot.updateApplication(payload.applicationId, payload.patch, deps.signal);
  const prefs = store.preferences.get();
  const job = await jobInfo(store, deps.copilot, app.job_id, clock, deps.signal);
  const items = itemsForApplication(app, job, prefs, clock.now());
  const now = clock.now().toISOString();
  store.tx(() => {
    store.items.upsertMany(items, now);
    const link = accountId ? store.links.get(accountId, entry.sourceId) : null;
    if (link) {
      const item = items.find((i) => i.sourceId === entry.sourceId);
      const cleared = !item;
      store.links.put({
        ...link,
        baseItemHash: item && isWanted(item, prefs, clock.now()) ? draftHash(buildDraft(item, prefs, link.generation)) : link.baseItemHash,
        baseRemoteHash: payload.remoteHash ?? link.baseRemoteHash,
        etag: payload.etag ?? link.etag,
        state: cleared || link.state === 'remote_deleted' ? 'remote_deleted' : 'synced',
        lastSyncedAt: now,
      });
    }
    store.outbox.remove(entry.id);
  });
  deps.stats.pulled++;
}

function handleFailure(deps: ExecutorDeps, entry: OutboxEntry, error: unknown): void {
  const { store, clock } = deps;
  const appError = error instanceof AppError ? error : null;
  const authPause = error instanceof CopilotAuthError || (error instanceof ProviderError && error.code === 'provider_auth');
  const retryable = appError?.retryable ?? true;
  const attempts = entry.attempts + 1;
  const parked = !retryable && !authPause && attempts >= MAX_PERMANENT_ATTEMPTS;
  const retryAfterMs = error instanceof ProviderError ? error.retryAfterMs : null;
  const delay = authPause ? 0 : backoffDelay(attempts, { baseMs: 2_000, capMs: 15 * 60_000, retryAfterMs, random: deps.random ?? Math.random });
  const next = new Date(clock.now().getTime() + delay).toISOString();
  const message = userMessageOf(error);
  store.outbox.reschedule(entry.id, next, message, parked);
  deps.stats.failures++;
  if (deps.stats.errors.length < 20) deps.stats.errors.push(message);
  audit(deps, entry, 'failed', { error: appError?.code ?? 'unexpected', message, parked });
  if (!appError) log.error({ err: String(error), op: entry.op, sourceId: entry.sourceId }, 'unexpected failure in outbox entry');
}

function audit(deps: ExecutorDeps, entry: OutboxEntry, outcome: 'ok' | 'failed', detail: Record<string, unknown>): void {
  deps.store.audit.record({
    at: deps.clock.now().toISOString(),
    accountId: entry.accountId,
    action: entry.op === 'copilot_put' ? 'copilot.update' : `calendar.${entry.op}`,
    outcome,
    detail: { sourceId: entry.sourceId, attempt: entry.attempts + 1, ...detail },
  });
}

function recordLatency(deps: ExecutorDeps, entry: OutboxEntry): void {
  if (!entry.seenChangeAt) return;
  const ms = deps.clock.now().getTime() - Date.parse(entry.seenChangeAt);
  if (ms >= 0) deps.stats.latenciesMs.push(ms);
}
