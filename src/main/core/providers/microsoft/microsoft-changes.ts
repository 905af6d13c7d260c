// listChanges for Outlook: a calendarView/delta round over the engine's window,
// all @odata.nextLink pages followed, the @odata.deltaLink kept as the cursor.
// Two things the delta feed does not give are filled in afterwards:
// - the tag: delta does not support $expand, so events whose tag we do not know
//   yet are read again with $expand of our extended property (in $batch requests
//   of 20); what we learn is remembered per event id, so a quiet round costs one
//   request and a round after a user's move costs one too;
// - real deletions: Graph reports an event that moved out of the window as
//   `@removed` just like a deleted one (microsoft-graph-docs #6599), so each
//   removal of one of ours is checked by id — only a 404 is a deletion.
import { z } from 'zod';
import { ProviderError } from '../../../../shared/errors';
import type { Clock } from '../../ports';
import type { ChangePage, ListingWindow, RemoteChange } from '../provider';
import { runSteps, stepError } from './microsoft-batch';
import { GraphRemovedJson, microsoftBadResponse, parseGraphEvent, sourceTagOf, toRemoteEvent, type GraphEventJson } from './microsoft-event-mapping';
import { PREFER_UTC, type GraphCalls } from './microsoft-graph-calls';
import { decodeCursor, encodeCursor, EXPAND_SOURCE_PROPERTY, sameWindow } from './microsoft-ids';
import type { GraphRequestExecutor } from './microsoft-request-executor';

/** What we know of each event id: its tag, or null for an event the app did not create. */
export class TagCache {
  private readonly tags = new Map<string, string | null>();

  constructor(private readonly limit = 50_000) {}

  get(remoteId: string): string | null | undefined {
    return this.tags.get(remoteId);
  }

  set(remoteId: string, tag: string | null): void {
    this.tags.delete(remoteId);
    this.tags.set(remoteId, tag);
    // Oldest first out; a forgotten id only costs one read next time.
    if (this.tags.size > this.limit) this.tags.delete(this.tags.keys().next().value as string);
  }

  delete(remoteId: string): void {
    this.tags.delete(remoteId);
  }
}

export interface ChangeListingDeps {
  calls: GraphCalls;
  executor: GraphRequestExecutor;
  clock: Clock;
  tags: TagCache;
  pageSize: number;
}

const DeltaPage = z
  .object({
    value: z.array(z.unknown()),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  })
  .loose();

type Entry = { removed: true } | { removed: false; event: GraphEventJson };

export const deltaPath = (calendarId: string): string => (calendarId === 'default' ? '/me/calendarView/delta' : `/me/calendars/${encodeURIComponent(calendarId)}/calendarView/delta`);
export const eventPath = (remoteId: string): string => `/me/events/${encodeURIComponent(remoteId)}`;
export const expandedEventPath = (remoteId: string): string => `${eventPath(remoteId)}?$expand=${EXPAND_SOURCE_PROPERTY}`;

export async function listCalendarChanges(deps: ChangeListingDeps, calendarId: string, cursorText: string | null, window: ListingWindow, signal?: AbortSignal): Promise<ChangePage> {
  const cursor = decodeCursor(cursorText);
  // A cursor from another window, calendar or Graph host (the config changed) starts a new round.
  if (cursor && cursor.calendarId === calendarId && sameWindow(cursor.window, window) && cursor.deltaLink.startsWith(`${deps.calls.origin}/`)) {
    try {
      const round = await readRound(deps, cursor.deltaLink, signal);
      return await finish(deps, calendarId, window, round, false, signal);
    } catch (error) {
      // The delta token expired (410 SyncStateNotFound): Graph's answer is a new full round.
      if (!(error instanceof ProviderError && error.code === 'sync_token_expired')) throw error;
    }
  }
  const first = `${deltaPath(calendarId)}?startDateTime=${encodeURIComponent(window.start)}&endDateTime=${encodeURIComponent(window.end)}`;
  const round = await readRound(deps, first, signal);
  return finish(deps, calendarId, window, round, true, signal);
}

/** Every page of a round; any failed page fails the whole listing. */
async function readRound(deps: ChangeListingDeps, firstUrl: string, signal?: AbortSignal): Promise<{ entries: Map<string, Entry>; deltaLink: string }> {
  const entries = new Map<string, Entry>();
  const prefer = `${PREFER_UTC}, odata.maxpagesize=${deps.pageSize}`;
  let url = firstUrl;
  for (;;) {
    const parsed = DeltaPage.safeParse(await deps.calls.get(url, { signal, headers: { Prefer: prefer } }));
    if (!parsed.success) throw microsoftBadResponse('a delta page without a value list', parsed.error);
    for (const item of parsed.data.value) {
      const removed = GraphRemovedJson.safeParse(item);
      const entry: Entry = removed.success ? { removed: true } : { removed: false, event: parseGraphEvent(item) };
      const id = removed.success ? removed.data.id : (entry as { event: GraphEventJson }).event.id;
      // The same event can appear on several pages of a round: the last word counts.
      entries.delete(id);
      entries.set(id, entry);
    }
    const next = parsed.data['@odata.nextLink'];
    const delta = parsed.data['@odata.deltaLink'];
    if (next) url = next;
    else if (delta) return { entries, deltaLink: delta };
    else throw microsoftBadResponse('a delta page with neither a nextLink nor a deltaLink');
  }
}

async function finish(deps: ChangeListingDeps, calendarId: string, window: ListingWindow, round: { entries: Map<string, Entry>; deltaLink: string }, full: boolean, signal?: AbortSignal): Promise<ChangePage> {
  const { tags } = deps;
  const toRead = [...round.entries].filter(([id, e]) => (e.removed ? tags.get(id) !== null : tags.get(id) === undefined)).map(([id]) => id);
  const read = await readEvents(deps, toRead, signal);
  const changes: RemoteChange[] = [];
  for (const [id, entry] of round.entries) {
    const fresh = read.get(id);
    if (fresh === null) {
      // Read back and gone: a real deletion (or deleted right after the round).
      tags.delete(id);
      changes.push({ type: 'removed', remoteId: id });
      continue;
    }
    let event: GraphEventJson | null = entry.removed ? null : entry.event;
    if (fresh !== undefined) {
      tags.set(id, sourceTagOf(fresh));
      event = fresh; // a removal that still exists moved out of the window: report where it is now
    }
    const tag = tags.get(id);
    if (event && tag) changes.push({ type: 'upsert', event: toRemoteEvent(event, tag) });
  }
  return { changes, nextCursor: encodeCursor({ calendarId, window, deltaLink: round.deltaLink }), full, window };
}

/** Each event read with its tag; null for one that is gone. One GET, or $batch of 20. */
async function readEvents(deps: ChangeListingDeps, ids: string[], signal?: AbortSignal): Promise<Map<string, GraphEventJson | null>> {
  const out = new Map<string, GraphEventJson | null>();
  if (ids.length === 1) {
    const id = ids[0] as string;
    try {
      out.set(id, parseGraphEvent(await deps.calls.get(expandedEventPath(id), { signal })));
    } catch (error) {
      if (!(error instanceof ProviderError && error.code === 'provider_not_found')) throw error;
      out.set(id, null);
    }
    return out;
  }
  if (ids.length === 0) return out;
  const steps = ids.map((id, i) => ({ id: String(i + 1), method: 'GET' as const, path: expandedEventPath(id) }));
  const answers = await runSteps(deps.calls, deps.executor, deps.clock, steps, signal);
  ids.forEach((id, i) => {
    const answer = answers.get(String(i + 1));
    if (!answer) throw microsoftBadResponse('a $batch answer missing a step');
    if (answer.status === 200) out.set(id, parseGraphEvent(answer.body));
    else {
      const error = stepError(answer, deps.clock, 'events');
      if (error.code !== 'provider_not_found') throw error;
      out.set(id, null);
    }
  });
  return out;
}
