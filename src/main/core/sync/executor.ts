// Performs queued writes (the outbox) and records each result in the same
// transaction that acknowledges the entry — compare-and-set against the row it
// sent, so a newer decision is never erased by an older write's answer. Every
// write is idempotent on the remote side (create keys, revisions on update and
// delete, absolute values), so an entry retried after a crash converges.
import { AppError, CopilotAuthError, ProviderError, userMessageOf } from '../../../shared/errors';
import type { CalendarItem, Preferences } from '../../../shared/domain';
import type { CopilotClient } from '../copilot/copilot-types';
import type { Clock } from '../ports';
import type { CalendarProvider, EventDraft, RemoteEvent } from '../providers/provider';
import { backoffDelay } from '../scheduler/backoff';
import type { Link } from '../store/links-repo';
import { CopilotPutPayload, ProviderOpPayload, type OutboxEntry } from '../store/outbox-repo';
import type { RunStats } from '../store/runs-repo';
import type { Store } from '../store/store';
import { createLogger } from '../telemetry/logger';
import { isWanted, itemFor } from './desired';
import { buildDraft, createKey, draftHash, draftTimeState, remoteTimeState } from './draft';
import { ensureJob } from './jobs';
import { seen } from './observe';

const log = createLogger('executor');
/** After this many permanent failures an entry is parked (kept and shown as failed, retried on request). */
const MAX_PERMANENT_ATTEMPTS = 5;
/** Failures of a kind nobody classified are retried, but not forever: then parked and shown. */
const MAX_UNKNOWN_ATTEMPTS = 8;

export interface ExecutorDeps {
  store: Store;
  clock: Clock;
  copilot: CopilotClient | null;
  /** Accounts whose writes may go out this run. */
  providers: ReadonlyMap<string, CalendarProvider>;
  stats: RunStats;
  concurrency?: number;
  random?: () => number;
  onProgress?: (done: number, total: number) => void;
  onAccountAuthLost?: (accountId: string, message: string) => void;
  /** A user command waits: finish what is in flight, take nothing new. */
  shouldYield?: () => boolean;
  signal?: AbortSignal;
  /**
   * A write found the calendar other than planned (the old event of a move gone,
   * an event changed or gone under an update or delete) and recorded what it saw
   * for the planner: the engine plans that account again in the same run.
   */
  onObservation?: (accountId: string) => void;
  /** An event was created or changed in this account's calendar. */
  onWrote?: (accountId: string) => void;
}

/** Entries read from the outbox at a time: a big first sync never holds its whole queue. */
const OUTBOX_PAGE = 100;

/** Sends what is due. Returns true when it stopped early for a waiting command. */
export async function drainOutbox(deps: ExecutorDeps): Promise<boolean> {
  const { store, clock } = deps;
  const blockedAccounts = new Set<string>();
  let copilotBlocked = deps.copilot === null;
  let yielded = false;
  // What was due when the run started; entries rescheduled by this run wait for the next.
  const startedAt = clock.now().toISOString();
  const runnable = (accountId: string | null, copilot: boolean): boolean => (accountId && !copilot ? deps.providers.has(accountId) : true);
  const total = store.outbox.dueCounts(startedAt).reduce((n, c) => n + (runnable(c.accountId, c.copilot) ? c.count : 0), 0);
  let done = 0;
  deps.onProgress?.(0, total);
  let page: number[] = [];
  let afterId = 0;
  let exhausted = false;
  // Workers share one cursor; SQLite reads are synchronous, so no two take the same entry.
  const next = (): OutboxEntry | undefined => {
    for (;;) {
      if (page.length === 0) {
        if (exhausted) return undefined;
        page = store.outbox.dueIdsAfter(startedAt, afterId, OUTBOX_PAGE);
        exhausted = page.length < OUTBOX_PAGE;
        afterId = page.at(-1) ?? afterId;
        continue;
      }
      const entry = store.outbox.due(startedAt, page.shift() as number);
      if (entry && runnable(entry.accountId, entry.op === 'copilot_put')) return entry;
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (deps.signal?.aborted) return;
      if (deps.shouldYield?.()) {
        yielded = true;
        return;
      }
      const entry = next();
      if (!entry) return;
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
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, () => worker()));
  return yielded;
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
  const { store } = deps;
  const provider = deps.providers.get(entry.accountId ?? '');
  const link = store.links.get(entry.accountId ?? '', entry.sourceId);
  if (!provider || !link) {
    store.outbox.ack(entry);
    return;
  }
  const prefs = store.preferences.get();
  const item = itemFor(store, prefs, entry.sourceId);
  const payload = ProviderOpPayload.parse(entry.payload);
  if (entry.op === 'delete' || !item || !isWanted(item, prefs)) {
    // A move of an item no longer wanted: nothing to create, but the old event still goes.
    const old = payload.moveFrom ?? payload.deleteOld;
    if (old) await provider.deleteEvent(old.calendarId, old.remoteId, null, deps.signal);
    return deleteEvent(deps, entry, provider, link, item, payload.force === true);
  }

  const draft = buildDraft(item, prefs);
  if (entry.op === 'create' || !link.remoteId) {
    // The move was decided on what the app last saw: an old event the user deleted since is their deletion, not one to carry over.
    const moveFrom = payload.moveFrom;
    if (moveFrom && !(await provider.getEvent(moveFrom.calendarId, moveFrom.remoteId, deps.signal))) {
      commit(deps, entry, { ...link, remoteId: moveFrom.remoteId, revision: moveFrom.revision, seenGone: true, state: 'synced' });
      observed(deps, entry);
      return;
    }
    let event = await provider.createEvent(link.calendarId, draft, createKey(link.sourceId, link.generation), deps.signal);
    if (!sameContent(event, draft)) {
      // The key had an event already with other content (a retry after a crash that
      // followed a later edit, or an adopted event): bring it in line with ours.
      event = await provider.updateEvent(link.calendarId, event.remoteId, draft, event.revision, deps.signal);
    }
    // Moving to another calendar: the old event goes once the new one exists, so the item is never in neither.
    // The new one is recorded first: a crash between the two must not read the old one's absence as the user's deletion.
    const old = payload.moveFrom ?? payload.deleteOld;
    if (payload.moveFrom) {
      const recorded = agreed(link, event, item, draft, now(deps));
      store.tx(() => {
        if (store.outbox.setPayload(entry, { ...payload, moveFrom: undefined, deleteOld: { calendarId: payload.moveFrom?.calendarId, remoteId: payload.moveFrom?.remoteId } })) store.links.put(recorded);
      });
    }
    if (old) await provider.deleteEvent(old.calendarId, old.remoteId, null, deps.signal);
    commit(deps, entry, agreed(link, event, item, draft, now(deps)));
    deps.stats.created++;
    if (entry.accountId) deps.onWrote?.(entry.accountId);
  } else {
    const event = await updateWithPrecondition(deps, entry, provider, link, draft, payload.force === true);
    if (!event) return;
    commit(deps, entry, agreed(link, event, item, draft, now(deps)));
    deps.stats.updated++;
    if (entry.accountId) deps.onWrote?.(entry.accountId);
  }
  recordLatency(deps, entry);
}

async function deleteEvent(deps: ExecutorDeps, entry: OutboxEntry, provider: CalendarProvider, link: Link, item: CalendarItem | null, force: boolean): Promise<void> {
  if (link.remoteId) {
    try {
      await provider.deleteEvent(link.calendarId, link.remoteId, force ? null : link.revision, deps.signal);
    } catch (error) {
      if (!(error instanceof ProviderError && error.code === 'provider_precondition')) throw error;
      // Changed in the calendar since we looked: record what it is now and let the planner decide again.
      const fresh = await provider.getEvent(link.calendarId, link.remoteId, deps.signal);
      if (fresh) {
        commit(deps, entry, { ...seen(link, fresh), state: 'synced' });
        observed(deps, entry);
        return;
      }
    }
    deps.stats.deleted++;
  }
  commit(deps, entry, { ...link, state: 'removed', seenGone: link.remoteId !== null, baseSourceHash: item?.hash ?? link.baseSourceHash, lastSyncedAt: now(deps) });
  recordLatency(deps, entry);
}

/**
 * Update with the revision as precondition. On 412 (or 404): if the event is gone,
 * or was moved in the calendar meanwhile, record that and hand the link back to
 * the planner, which sees it next run (a deletion, a conflict, or both at the same
 * time); if only details changed there, or it already shows our write, write ours
 * again on the fresh revision. Never marks the link agreed without a new revision.
 */
async function updateWithPrecondition(deps: ExecutorDeps, entry: OutboxEntry, provider: CalendarProvider, link: Link, draft: EventDraft, force: boolean): Promise<RemoteEvent | null> {
  const remoteId = link.remoteId ?? '';
  try {
    return await provider.updateEvent(link.calendarId, remoteId, draft, force ? null : link.revision, deps.signal);
  } catch (error) {
    if (!(error instanceof ProviderError) || (error.code !== 'provider_precondition' && error.code !== 'provider_not_found')) throw error;
    const fresh = await provider.getEvent(link.calendarId, remoteId, deps.signal);
    if (!fresh) {
      commit(deps, entry, { ...link, seenGone: true, state: 'synced' });
      observed(deps, entry);
      return null;
    }
    const state = remoteTimeState(fresh);
    if (state === draftTimeState(draft) || state === link.baseRemoteHash) {
      return provider.updateEvent(link.calendarId, remoteId, draft, fresh.revision, deps.signal);
    }
    commit(deps, entry, { ...seen(link, fresh), state: 'synced' });
    observed(deps, entry);
    return null;
  }
}

function observed(deps: ExecutorDeps, entry: OutboxEntry): void {
  if (entry.accountId) deps.onObservation?.(entry.accountId);
}

/** Both sides agree now: on what Career Copilot said, what we wrote, and what the calendar holds. */
function agreed(link: Link, event: RemoteEvent, item: CalendarItem, draft: EventDraft, at: string): Link {
  return { ...seen(link, event), remoteId: event.remoteId, baseSourceHash: item.hash, baseDraftHash: draftHash(draft), baseRemoteHash: remoteTimeState(event), state: 'synced', lastSyncedAt: at };
}

/**
 * Acknowledges `entry` and stores `link`, compare-and-set: if the entry was replaced
 * by a newer decision meanwhile, only what the calendar now says is kept and the
 * newer entry stays queued.
 */
function commit(deps: ExecutorDeps, entry: OutboxEntry, link: Link): void {
  const { store } = deps;
  store.tx(() => {
    if (store.outbox.ack(entry)) {
      store.links.put(link);
      return;
    }
    const current = store.links.get(link.accountId, link.sourceId);
    if (current && current.calendarId === link.calendarId) {
      store.links.put({ ...current, remoteId: link.remoteId, revision: link.revision, remoteUpdated: link.remoteUpdated, seenRemoteHash: link.seenRemoteHash, seenTiming: link.seenTiming, seenTitle: link.seenTitle, seenGone: link.seenGone });
    }
  });
}

async function performCopilotPut(deps: ExecutorDeps, entry: OutboxEntry): Promise<void> {
  const { store, clock } = deps;
  if (!deps.copilot) throw new CopilotAuthError();
  const payload = CopilotPutPayload.parse(entry.payload);
  const accountId = payload.accountId ?? null;
  const app = await deps.copilot.updateApplication(payload.applicationId, payload.patch, deps.signal);
  await ensureJob(store, deps.copilot, app.job_id, clock, deps.signal);
  const at = now(deps);
  store.tx(() => {
    store.applications.put(app, at);
    const acked = store.outbox.ack(entry);
    const link = accountId ? store.links.get(accountId, entry.sourceId) : null;
    if (!acked || !link) return;
    const prefs: Preferences = store.preferences.get();
    const item = itemFor(store, prefs, entry.sourceId);
    const wanted = item !== null && isWanted(item, prefs);
    store.links.put({
      ...link,
      baseSourceHash: item?.hash ?? link.baseSourceHash,
      baseDraftHash: item && wanted ? draftHash(buildDraft(item, prefs)) : link.baseDraftHash,
      baseRemoteHash: payload.remoteHash ?? link.baseRemoteHash,
      state: !item || link.state === 'remote_deleted' ? 'remote_deleted' : 'synced',
      lastSyncedAt: at,
    });
  });
  deps.stats.pulled++;
}

function handleFailure(deps: ExecutorDeps, entry: OutboxEntry, error: unknown): void {
  const { store, clock } = deps;
  const appError = error instanceof AppError ? error : null;
  const authPause = error instanceof CopilotAuthError || (error instanceof ProviderError && error.code === 'provider_auth');
  const attempts = entry.attempts + 1;
  const parked = !authPause && (appError ? !appError.retryable && attempts >= MAX_PERMANENT_ATTEMPTS : attempts >= MAX_UNKNOWN_ATTEMPTS);
  const retryAfterMs = error instanceof ProviderError ? error.retryAfterMs : null;
  const delay = authPause ? 0 : backoffDelay(attempts, { baseMs: 2_000, capMs: 15 * 60_000, retryAfterMs, random: deps.random ?? Math.random });
  const nextAt = new Date(clock.now().getTime() + delay).toISOString();
  const message = userMessageOf(error);
  store.outbox.reschedule(entry, nextAt, message, parked);
  deps.stats.failures++;
  if (deps.stats.errors.length < 20) deps.stats.errors.push(message);
  audit(deps, entry, 'failed', { error: appError?.code ?? 'unexpected', message, parked });
  if (!appError) log.error({ err: error, op: entry.op, sourceId: entry.sourceId }, 'unexpected failure in outbox entry');
}

function sameContent(event: RemoteEvent, draft: EventDraft): boolean {
  return remoteTimeState(event) === draftTimeState(draft) && event.title === draft.title;
}

function now(deps: ExecutorDeps): string {
  return deps.clock.now().toISOString();
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
