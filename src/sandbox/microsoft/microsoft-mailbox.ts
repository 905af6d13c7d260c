// One user's mailbox: calendars and events with Exchange's bookkeeping — a new
// changeKey (and @odata.etag) on every write, a mailbox change sequence that
// stamps each write (the basis of delta tokens), tombstones for deleted events so
// a delta round can report them, and transactionId remembered so a retried
// create returns the event it already made.
import { randomBytes } from 'node:crypto';
import type { EventFields, EventTime } from './microsoft-event-write';
import { checkTimes, normaliseExtendedId } from './microsoft-event-write';
import { itemNotFound, folderExists } from './microsoft-errors';
import type { Json } from './microsoft-http';

export interface StoredCalendar {
  id: string;
  name: string;
  isDefaultCalendar: boolean;
  changeKey: string;
  color: string;
  hexColor: string;
}

export interface StoredEvent {
  id: string;
  calendarId: string;
  order: number;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  transactionId: string | null;
  iCalUId: string;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  location: Json;
  start: EventTime;
  end: EventTime;
  isAllDay: boolean;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  showAs: string;
  sensitivity: string;
  importance: string;
  categories: string[];
  attendees: Json[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  /** Keyed by the lowercased property id. */
  extended: Map<string, { id: string; value: string }>;
  /** The mailbox sequence at this event's last write. */
  changeSeq: number;
}

export interface Tombstone {
  id: string;
  calendarId: string;
  changeSeq: number;
}

/** The state a delta token stands for. */
export interface DeltaPoint {
  calendarId: string;
  startMs: number;
  endMs: number;
  seq: number;
  generation: number;
}

/** What the rest of a round's pages will hand out, fixed when the round began. */
export interface DeltaSnapshot extends DeltaPoint {
  entries: Json[];
  offset: number;
  /** The path the links point at (default calendar or a named one). */
  path: string;
}

/** Exchange item ids: long, URL-safe base64 with a padding "=". */
const newItemId = (): string => `AAMkA${randomBytes(108).toString('base64url')}=`;
const newChangeKey = (): string => randomBytes(27).toString('base64');
/** Graph's instants carry seven fractional digits. */
export const graphInstant = (ms: number = Date.now()): string => `${new Date(ms).toISOString().slice(0, 23)}0000Z`;

export class Mailbox {
  readonly calendars = new Map<string, StoredCalendar>();
  readonly events = new Map<string, StoredEvent>();
  readonly tombstones = new Map<string, Tombstone>();
  readonly deltaPoints = new Map<string, DeltaPoint>();
  readonly snapshots = new Map<string, DeltaSnapshot>();
  seq = 0;
  /** Bumped when delta tokens are expired; older tokens answer 410 SyncStateNotFound. */
  generation = 1;
  private order = 0;
  readonly defaultCalendarId: string;

  constructor() {
    this.defaultCalendarId = this.addCalendar('Calendar', true).id;
  }

  private addCalendar(name: string, isDefault: boolean): StoredCalendar {
    const cal: StoredCalendar = { id: newItemId(), name, isDefaultCalendar: isDefault, changeKey: newChangeKey(), color: 'auto', hexColor: '' };
    this.calendars.set(cal.id, cal);
    return cal;
  }

  createCalendar(name: string): StoredCalendar {
    if ([...this.calendars.values()].some((c) => c.name.toLowerCase() === name.toLowerCase())) throw folderExists();
    return this.addCalendar(name, false);
  }

  calendar(id: string): StoredCalendar {
    const cal = this.calendars.get(id);
    if (!cal) throw itemNotFound();
    return cal;
  }

  /** A live event whose create carried this transactionId, if any. */
  byTransactionId(transactionId: string): StoredEvent | null {
    for (const e of this.events.values()) if (e.transactionId === transactionId) return e;
    return null;
  }

  event(id: string): StoredEvent {
    const e = this.events.get(id);
    if (!e) throw itemNotFound();
    return e;
  }

  insertEvent(calendarId: string, fields: EventFields): StoredEvent {
    this.calendar(calendarId);
    const start = fields.start as EventTime;
    const end = fields.end as EventTime;
    const isAllDay = fields.isAllDay ?? false;
    checkTimes(start, end, isAllDay);
    const now = graphInstant();
    const e: StoredEvent = {
      id: newItemId(),
      calendarId,
      order: this.order++,
      changeKey: '',
      createdDateTime: now,
      lastModifiedDateTime: now,
      transactionId: fields.transactionId ?? null,
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(28).toString('hex').toUpperCase()}`,
      subject: fields.subject ?? '',
      body: fields.body ?? { contentType: 'text', content: '' },
      location: fields.location ?? { displayName: '', locationType: 'default', uniqueIdType: 'unknown' },
      start,
      end,
      isAllDay,
      originalStartTimeZone: start.timeZone,
      originalEndTimeZone: end.timeZone,
      isReminderOn: fields.isReminderOn ?? true,
      reminderMinutesBeforeStart: fields.reminderMinutesBeforeStart ?? 15,
      showAs: fields.showAs ?? 'busy',
      sensitivity: fields.sensitivity ?? 'normal',
      importance: fields.importance ?? 'normal',
      categories: fields.categories ?? [],
      attendees: fields.attendees ?? [],
      isOnlineMeeting: fields.isOnlineMeeting ?? false,
      onlineMeetingProvider: fields.onlineMeetingProvider ?? 'unknown',
      responseRequested: fields.responseRequested ?? true,
      allowNewTimeProposals: fields.allowNewTimeProposals ?? true,
      hideAttendees: fields.hideAttendees ?? false,
      extended: new Map(),
      changeSeq: 0,
    };
    for (const p of fields.extended ?? []) e.extended.set(p.id.toLowerCase(), { id: normaliseExtendedId(p.id), value: p.value });
    this.events.set(e.id, e);
    this.touch(e);
    return e;
  }

  /** A PATCH: only the named fields change; the times are checked as a whole afterwards. */
  updateEvent(e: StoredEvent, fields: EventFields): void {
    const start = fields.start ?? e.start;
    const end = fields.end ?? e.end;
    const isAllDay = fields.isAllDay ?? e.isAllDay;
    checkTimes(start, end, isAllDay);
    const { extended, transactionId: _ignored, ...rest } = fields;
    Object.assign(e, rest, { start, end, isAllDay });
    if (fields.start) e.originalStartTimeZone = fields.start.timeZone;
    if (fields.end) e.originalEndTimeZone = fields.end.timeZone;
    for (const p of extended ?? []) e.extended.set(p.id.toLowerCase(), { id: normaliseExtendedId(p.id), value: p.value });
    this.touch(e);
  }

  deleteEvent(e: StoredEvent): void {
    this.events.delete(e.id);
    this.seq += 1;
    this.tombstones.set(e.id, { id: e.id, calendarId: e.calendarId, changeSeq: this.seq });
  }

  private touch(e: StoredEvent): void {
    this.seq += 1;
    e.changeSeq = this.seq;
    e.changeKey = newChangeKey();
    e.lastModifiedDateTime = graphInstant();
  }

  saveDeltaPoint(point: DeltaPoint): string {
    const token = randomBytes(48).toString('base64url');
    this.deltaPoints.set(token, point);
    return token;
  }

  saveSnapshot(snapshot: DeltaSnapshot): string {
    const token = randomBytes(48).toString('base64url');
    this.snapshots.set(token, snapshot);
    return token;
  }

  expireDeltaTokens(): void {
    this.generation += 1;
  }
}
