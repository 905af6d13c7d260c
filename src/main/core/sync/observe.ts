// Records what a calendar listing said, apart from any decision (docs/DESIGN.md,
// "Observation apart from decisions"): every change is written into the links'
// `seen_*` columns in the same transaction as the new cursor, so whatever a guard
// later holds back is still known next run, and nothing a listing said is lost when
// the cursor moves on. Changes are matched to links by remote id, because a deleted
// event may arrive as a bare id (Google tombstones, Graph @removed, CalDAV 404 hrefs).
import type { ChangePage, ListingWindow, RemoteEvent } from '../providers/provider';
import { newLink, type Link } from '../store/links-repo';
import type { Store } from '../store/store';
import { remoteTimeState } from './draft';
import { endInstant } from './desired';

export interface ObserveResult {
  changed: number;
  removed: number;
  adopted: number;
}

/** The stored cursor: the provider's, plus the window it was made under. */
export interface StoredCursor {
  cursor: string;
  window: ListingWindow | null;
}

export function decodeCursor(raw: string | null): StoredCursor | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as { c?: unknown; w?: { start?: unknown; end?: unknown } | null };
    if (typeof parsed.c === 'string') {
      const w = parsed.w && typeof parsed.w.start === 'string' && typeof parsed.w.end === 'string' ? { start: parsed.w.start, end: parsed.w.end } : null;
      return { cursor: parsed.c, window: w };
    }
  } catch {
    // A cursor stored before windows existed is the provider's own string.
  }
  return { cursor: raw, window: null };
}

export function encodeCursor(c: StoredCursor): string {
  return JSON.stringify({ c: c.cursor, w: c.window });
}

export function recordObservations(store: Store, accountId: string, calendarId: string, page: ChangePage, nowIso: string): ObserveResult {
  const result: ObserveResult = { changed: 0, removed: 0, adopted: 0 };
  store.tx(() => {
    const listed = new Set<string>();
    for (const change of page.changes) {
      if (change.type === 'removed') {
        const link = store.links.byRemoteId(accountId, change.remoteId);
        if (link && !link.seenGone) {
          store.links.put({ ...link, seenGone: true });
          result.removed++;
        }
        continue;
      }
      const e = change.event;
      listed.add(e.remoteId);
      if (store.links.isDetached(accountId, e.remoteId)) continue; // "keep both": the user's own now
      const link = store.links.byRemoteId(accountId, e.remoteId);
      if (link) {
        store.links.put(seen(link, e));
        result.changed++;
        continue;
      }
      if (!e.sourceId) continue; // not ours
      const bySource = store.links.get(accountId, e.sourceId);
      if (bySource && bySource.remoteId === null && bySource.calendarId === calendarId) {
        // Our create got through but its answer was lost: this is that event.
        store.links.put(seen({ ...bySource, remoteId: e.remoteId }, e));
        result.changed++;
      } else if (!bySource) {
        // Ours, but we have no record (a rebuilt database): the planner adopts it.
        store.links.put(seen({ ...newLink(accountId, e.sourceId, calendarId), remoteId: e.remoteId, state: 'synced' }, e));
        result.adopted++;
      }
      // Another event with our tag while the link has its own (a copy the user made) is not ours to manage.
    }
    if (page.full) {
      for (const link of store.links.forAccount(accountId)) {
        if (link.calendarId !== calendarId || link.remoteId === null || link.seenGone || listed.has(link.remoteId)) continue;
        if (page.window && !inWindow(link, page.window)) continue; // outside the listing: not deleted
        store.links.put({ ...link, seenGone: true });
        result.removed++;
      }
    }
    store.cursors.set(accountId, calendarId, encodeCursor({ cursor: page.nextCursor, window: page.window }), nowIso);
  });
  return result;
}

/** The link with the calendar's latest word on its event. */
export function seen(link: Link, e: RemoteEvent): Link {
  return { ...link, revision: e.revision, remoteUpdated: e.updated, seenRemoteHash: remoteTimeState(e), seenTiming: e.timing, seenTitle: e.title, seenGone: false, webLink: e.webLink ?? link.webLink };
}

/** Whether the event we last knew could have been listed in `w` (unknown times count as inside). */
function inWindow(link: Link, w: ListingWindow): boolean {
  const t = link.seenTiming;
  if (!t) return true;
  const end = endInstant(t);
  const start = t.type === 'timed' ? Date.parse(t.startUtc) : end - 48 * 3600_000;
  return end > Date.parse(w.start) && start < Date.parse(w.end);
}
