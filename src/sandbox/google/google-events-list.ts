// events.list: full listings with Google's filters, and incremental listings
// from a sync token (everything written since, deleted events included as bare
// 'cancelled' tombstones). Each listing copies its result when it starts; page tokens point
// into that copy, so writes during paging neither skip nor repeat items, and the
// final nextSyncToken is the sequence at the start, so those writes come back in
// the next incremental listing.
import { onTheWire, type CalendarStore, type ListingSnapshot, type StoredCalendar, type StoredEvent } from './google-calendar-store';
import { apiError, fullSyncRequired, invalid } from './google-errors';
import { parseQueryInstant } from './google-event-time';
import type { GoogleWireEvent } from './google-types';

/** Parameters Google refuses next to a syncToken, because they would make the client's state inconsistent. */
const NOT_WITH_SYNC_TOKEN = ['privateExtendedProperty', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin', 'q', 'orderBy', 'iCalUID'];

const DEFAULT_PAGE = 250;
const MAX_PAGE = 2500;

/** `pageCap`: the most events a page holds on this server (Google: at most 2500, and possibly fewer than maxResults). */
export function listEvents(store: CalendarStore, cal: StoredCalendar, query: URLSearchParams, pageCap = MAX_PAGE): Record<string, unknown> {
  const pageToken = query.get('pageToken');
  if (pageToken) {
    const snapshot = store.page(pageToken);
    if (!snapshot || snapshot.calendarId !== cal.id) throw invalid('Invalid page token value.', 'pageToken');
    if (snapshot.syncGeneration !== null && snapshot.syncGeneration !== store.syncGeneration) throw fullSyncRequired();
    return respond(store, cal, snapshot);
  }

  const pageSize = Math.min(readPageSize(query.get('maxResults')), Math.max(1, pageCap));
  const syncToken = query.get('syncToken');
  let items: StoredEvent[];
  if (syncToken) {
    for (const name of NOT_WITH_SYNC_TOKEN) {
      if (query.has(name)) throw invalid(`The parameter ${name} cannot be used together with syncToken.`, name);
    }
    const since = store.resolveSyncToken(cal, syncToken);
    if (since === null) throw fullSyncRequired();
    items = [...cal.events.values()].filter((e) => e.changeSeq > since).sort((a, b) => a.changeSeq - b.changeSeq);
  } else {
    items = fullListing(cal, query);
  }
  const snapshot: ListingSnapshot = {
    calendarId: cal.id,
    items: items.map((e) => onTheWire(e.resource)),
    offset: 0,
    pageSize,
    seq: cal.seq,
    syncGeneration: syncToken ? store.syncGeneration : null,
  };
  return respond(store, cal, snapshot);
}

function readPageSize(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalid(`Invalid value '${raw}'. Values must be within the range: [1, 2500]`, 'maxResults');
  // Google documents that a page never exceeds 2500 events; larger values are capped, not refused.
  return Math.min(n, MAX_PAGE);
}

function fullListing(cal: StoredCalendar, query: URLSearchParams): StoredEvent[] {
  const timeMin = parseQueryInstant(query.get('timeMin'), 'timeMin');
  const timeMax = parseQueryInstant(query.get('timeMax'), 'timeMax');
  const updatedMin = parseQueryInstant(query.get('updatedMin'), 'updatedMin');
  if (timeMin !== null && timeMax !== null && timeMax <= timeMin) throw apiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { location: 'timeMax', locationType: 'parameter' });
  const showDeleted = query.get('showDeleted') === 'true';
  const singleEvents = query.get('singleEvents') === 'true';
  const orderBy = query.get('orderBy');
  if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated') throw invalid(`Invalid value for: ${orderBy} is not a valid value`, 'orderBy');
  if (orderBy === 'startTime' && !singleEvents) throw invalid('The requested ordering is not available for the particular query.', 'orderBy');
  const privateProps = query.getAll('privateExtendedProperty').map((p) => readProperty(p, 'privateExtendedProperty'));
  const sharedProps = query.getAll('sharedExtendedProperty').map((p) => readProperty(p, 'sharedExtendedProperty'));
  const q = query.get('q')?.toLowerCase() ?? null;
  const iCalUID = query.get('iCalUID');

  const matches = (e: StoredEvent): boolean => {
    const r = e.resource;
    const updated = Date.parse(r.updated);
    if (r.status === 'cancelled') {
      // updatedMin shows what was deleted since, whatever showDeleted says.
      const deletedSince = updatedMin !== null && updated >= updatedMin;
      if (!showDeleted && !deletedSince) return false;
    }
    if (updatedMin !== null && updated < updatedMin) return false;
    if (timeMin !== null && e.endMs <= timeMin) return false;
    if (timeMax !== null && e.startMs >= timeMax) return false;
    if (iCalUID !== null && r.iCalUID !== iCalUID) return false;
    if (!privateProps.every(([k, v]) => r.extendedProperties?.private?.[k] === v)) return false;
    if (!sharedProps.every(([k, v]) => r.extendedProperties?.shared?.[k] === v)) return false;
    if (q !== null && ![r.summary, r.description, r.location].some((t) => t?.toLowerCase().includes(q))) return false;
    return true;
  };

  const items = [...cal.events.values()].filter(matches);
  if (orderBy === 'startTime') items.sort((a, b) => a.startMs - b.startMs || a.order - b.order);
  else if (orderBy === 'updated') items.sort((a, b) => a.changeSeq - b.changeSeq);
  else items.sort((a, b) => a.order - b.order);
  return items;
}

function readProperty(raw: string, name: string): [string, string] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw invalid(`Invalid value for: ${name}`, name);
  return [raw.slice(0, eq), raw.slice(eq + 1)];
}

function respond(store: CalendarStore, cal: StoredCalendar, snapshot: ListingSnapshot): Record<string, unknown> {
  const end = snapshot.offset + snapshot.pageSize;
  const items: GoogleWireEvent[] = snapshot.items.slice(snapshot.offset, end);
  const body: Record<string, unknown> = {
    kind: 'calendar#events',
    etag: store.nextEtag(),
    summary: cal.summary,
    ...(cal.description !== undefined ? { description: cal.description } : {}),
    updated: cal.updated,
    timeZone: cal.timeZone,
    accessRole: 'owner',
    defaultReminders: cal.primary ? [{ method: 'popup', minutes: 10 }] : [],
  };
  if (end < snapshot.items.length) body.nextPageToken = store.savePage({ ...snapshot, offset: end });
  else body.nextSyncToken = store.issueSyncToken(cal, snapshot.seq);
  body.items = items;
  return body;
}
