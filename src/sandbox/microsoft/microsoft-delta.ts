// calendarView/delta as Graph documents it: the first request names the window
// (startDateTime, endDateTime) and gets every event overlapping it, in pages of
// Prefer: odata.maxpagesize; each page links the next with $skiptoken and the
// last hands out a $deltatoken. Following the deltaLink later yields what changed
// since: live events in the window in full, and bare {id, @removed} entries for
// events deleted — and, as the real service does (microsoft-graph-docs #6599),
// for events that changed while outside the window. $select, $expand, $filter,
// $orderby, $search and $top are not supported on this resource. Expired tokens
// answer 410 SyncStateNotFound.
import { DateTime } from 'luxon';
import { badRequest, syncStateNotFound, unsupportedDeltaQuery } from './microsoft-errors';
import type { Json, Preferences } from './microsoft-http';
import type { DeltaPoint, DeltaSnapshot, Mailbox } from './microsoft-mailbox';
import { renderEvent, type RenderOptions } from './microsoft-event-json';

export interface DeltaRequest {
  calendarId: string;
  /** The resource path the links repeat, e.g. /me/calendarView/delta. */
  path: string;
  query: URLSearchParams;
  prefer: Preferences;
  render: Omit<RenderOptions, 'timeZone' | 'expand'>;
}

const UNSUPPORTED = ['$select', '$expand', '$filter', '$orderby', '$search', '$top', '$skip', '$count'];

export function calendarViewDelta(mailbox: Mailbox, base: string, req: DeltaRequest, defaultPageSize: number, maxPageSize: number): Json {
  const { query } = req;
  const unsupported = UNSUPPORTED.filter((name) => query.has(name));
  if (unsupported.length > 0) throw unsupportedDeltaQuery(unsupported);
  const pageSize = Math.max(1, Math.min(req.prefer.maxPageSize ?? defaultPageSize, maxPageSize));
  const skipToken = query.get('$skiptoken');
  const deltaToken = query.get('$deltatoken');

  let snapshot: DeltaSnapshot;
  if (skipToken !== null) {
    const found = mailbox.snapshots.get(skipToken);
    if (!found || found.generation !== mailbox.generation || found.calendarId !== req.calendarId) throw syncStateNotFound(found?.generation ?? 0, mailbox.generation);
    snapshot = found;
  } else if (deltaToken !== null) {
    const point = mailbox.deltaPoints.get(deltaToken);
    if (!point || point.generation !== mailbox.generation || point.calendarId !== req.calendarId) throw syncStateNotFound(point?.generation ?? 0, mailbox.generation);
    snapshot = { ...point, entries: changesSince(mailbox, point, req), offset: 0, seq: mailbox.seq, path: req.path };
  } else {
    const startMs = readInstant(query.get('startDateTime') ?? query.get('startdatetime'));
    const endMs = readInstant(query.get('endDateTime') ?? query.get('enddatetime'));
    if (startMs === null || endMs === null) throw badRequest('This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', 'ErrorInvalidParameter');
    if (endMs <= startMs) throw badRequest('The parameter EndDateTime must be later than StartDateTime.', 'ErrorInvalidParameter');
    const point: DeltaPoint = { calendarId: req.calendarId, startMs, endMs, seq: mailbox.seq, generation: mailbox.generation };
    const live = [...mailbox.events.values()].filter((e) => e.calendarId === req.calendarId && overlaps(e.start.ms, e.end.ms, point)).sort((a, b) => a.order - b.order);
    snapshot = { ...point, entries: live.map((e) => ({ '@odata.type': '#microsoft.graph.event', ...renderEvent(e, { ...req.render, timeZone: req.prefer.timeZone, expand: null }) })), offset: 0, path: req.path };
  }

  const end = snapshot.offset + pageSize;
  const body: Json = { '@odata.context': `${base}/v1.0/$metadata#Collection(event)` };
  if (end < snapshot.entries.length) {
    body['@odata.nextLink'] = `${base}/v1.0${snapshot.path}?$skiptoken=${mailbox.saveSnapshot({ ...snapshot, offset: end })}`;
  } else {
    const token = mailbox.saveDeltaPoint({ calendarId: snapshot.calendarId, startMs: snapshot.startMs, endMs: snapshot.endMs, seq: snapshot.seq, generation: snapshot.generation });
    body['@odata.deltaLink'] = `${base}/v1.0${snapshot.path}?$deltatoken=${token}`;
  }
  body.value = snapshot.entries.slice(snapshot.offset, end);
  return body;
}

function changesSince(mailbox: Mailbox, point: DeltaPoint, req: DeltaRequest): Json[] {
  const changed: { seq: number; entry: Json }[] = [];
  for (const e of mailbox.events.values()) {
    if (e.calendarId !== point.calendarId || e.changeSeq <= point.seq) continue;
    changed.push({
      seq: e.changeSeq,
      entry: overlaps(e.start.ms, e.end.ms, point)
        ? { '@odata.type': '#microsoft.graph.event', ...renderEvent(e, { ...req.render, timeZone: req.prefer.timeZone, expand: null }) }
        : { id: e.id, '@removed': { reason: 'deleted' } },
    });
  }
  for (const t of mailbox.tombstones.values()) {
    if (t.calendarId === point.calendarId && t.changeSeq > point.seq) changed.push({ seq: t.changeSeq, entry: { id: t.id, '@removed': { reason: 'deleted' } } });
  }
  return changed.sort((a, b) => a.seq - b.seq).map((c) => c.entry);
}

/** An event is in the view when it overlaps [start, end); a zero-length one when it starts inside. */
function overlaps(startMs: number, endMs: number, w: { startMs: number; endMs: number }): boolean {
  return endMs === startMs ? startMs >= w.startMs && startMs < w.endMs : startMs < w.endMs && endMs > w.startMs;
}

/** ISO 8601; a value without an offset is read as UTC. */
function readInstant(raw: string | null): number | null {
  if (raw === null || raw === '') return null;
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(raw);
  const parsed = DateTime.fromISO(raw, hasOffset ? { setZone: true } : { zone: 'utc' });
  if (!parsed.isValid) throw badRequest(`The value '${raw}' is not a valid date and time.`, 'ErrorInvalidParameter');
  return parsed.toMillis();
}
