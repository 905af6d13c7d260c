// The user's calendars and events, with Google's bookkeeping: etags that change
// on every write, a per-calendar change sequence that stamps each written event
// (the basis of sync tokens), deleted events kept as 'cancelled' so their ids
// stay taken, and opaque sync and page tokens resolved server-side.
import { randomBytes } from 'node:crypto';
import { duplicate, invalid, notFound } from './google-errors';
import type { EventWrite } from './google-event-write';
import type { GoogleEventResource, GoogleWireEvent } from './google-types';

export interface StoredEvent {
  resource: GoogleEventResource;
  /** The calendar's change sequence at this event's last write. */
  changeSeq: number;
  /** Creation order: the stable default listing order. */
  order: number;
  startMs: number;
  endMs: number;
}

export interface StoredCalendar {
  id: string;
  summary: string;
  description?: string;
  timeZone: string;
  primary: boolean;
  /** The OAuth client that created it (calendar.app.created), null for the user's own. */
  createdBy: string | null;
  etag: string;
  seq: number;
  updated: string;
  events: Map<string, StoredEvent>;
}

interface SyncPoint {
  calendarId: string;
  seq: number;
}

/** The rest of a listing, fixed when it started, so later pages ignore concurrent writes. */
export interface ListingSnapshot {
  calendarId: string;
  /** Every item of the listing, copied when it started; shared by all its pages. */
  items: GoogleWireEvent[];
  offset: number;
  pageSize: number;
  /** The sync point the last page will hand out. */
  seq: number;
  /** The sync-token generation, for a listing that was incremental. */
  syncGeneration: number | null;
}

/** base32hex, lowercase, 5..1024 characters: Google's rule for client-chosen ids. */
export const VALID_EVENT_ID = /^[a-v0-9]{5,1024}$/;

const MAX_SNAPSHOTS = 2000;

/** What the API sends for a stored event: a copy, and only the bare tombstone of a deleted one. */
export function onTheWire(resource: GoogleEventResource): GoogleWireEvent {
  if (resource.status !== 'cancelled') return structuredClone(resource);
  return { kind: resource.kind, etag: resource.etag, id: resource.id, status: 'cancelled' };
}

export class CalendarStore {
  readonly calendars = new Map<string, StoredCalendar>();
  private readonly syncPoints = new Map<string, SyncPoint>();
  private readonly snapshots = new Map<string, ListingSnapshot>();
  private lastEtag = 0;
  private order = 0;
  /** Bumped by expireSyncTokens so page tokens of incremental listings die too. */
  syncGeneration = 0;

  constructor(readonly email: string) {
    this.calendars.set(email, this.newCalendar(email, email, 'UTC', true, null));
  }

  /** Etags are quoted decimal strings that only ever grow, like Google's. */
  nextEtag(): string {
    this.lastEtag = Math.max(this.lastEtag + 1, Date.now() * 1000);
    return `"${this.lastEtag}"`;
  }

  private newCalendar(id: string, summary: string, timeZone: string, primary: boolean, createdBy: string | null): StoredCalendar {
    return { id, summary, timeZone, primary, createdBy, etag: this.nextEtag(), seq: 0, updated: new Date().toISOString(), events: new Map() };
  }

  /** 'primary' is an alias of the user's email. */
  find(calendarId: string): StoredCalendar | null {
    return this.calendars.get(calendarId === 'primary' ? this.email : calendarId) ?? null;
  }

  get(calendarId: string): StoredCalendar {
    const cal = this.find(calendarId);
    if (!cal) throw notFound();
    return cal;
  }

  createCalendar(summary: string, timeZone: string, description: string | undefined, createdBy: string | null): StoredCalendar {
    const id = `${randomBytes(26).toString('hex').slice(0, 52)}@group.calendar.google.com`;
    const cal = this.newCalendar(id, summary, timeZone, false, createdBy);
    if (description !== undefined) cal.description = description;
    this.calendars.set(id, cal);
    return cal;
  }

  insertEvent(cal: StoredCalendar, id: string | null, write: EventWrite): StoredEvent {
    if (id !== null && !VALID_EVENT_ID.test(id)) throw invalid('Invalid resource id value.', 'id');
    // Deleted events keep their id: inserting it again is a duplicate, restoring is an update.
    if (id !== null && cal.events.has(id)) throw duplicate();
    const eventId = id ?? this.generateId(cal);
    const now = new Date().toISOString();
    const self = { email: cal.primary ? this.email : cal.id, self: true, ...(cal.primary ? {} : { displayName: cal.summary }) };
    const resource: GoogleEventResource = {
      kind: 'calendar#event',
      etag: '',
      id: eventId,
      status: write.status === 'tentative' ? 'tentative' : 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${eventId} ${cal.id}`).toString('base64url')}`,
      created: now,
      updated: now,
      creator: { email: this.email, self: true },
      organizer: self,
      start: write.start.value,
      end: write.end.value,
      iCalUID: write.iCalUID ?? `${eventId}@google.com`,
      sequence: write.sequence ?? 0,
      reminders: { useDefault: true },
      eventType: 'default',
    };
    const stored: StoredEvent = { resource, changeSeq: 0, order: this.order++, startMs: write.start.ms, endMs: write.end.ms };
    cal.events.set(eventId, stored);
    this.applyFields(cal, stored, write, false);
    return stored;
  }

  /** A PUT or PATCH: replaces the writable fields, restores or cancels by status. */
  updateEvent(cal: StoredCalendar, stored: StoredEvent, write: EventWrite): void {
    if (write.status !== null) stored.resource.status = write.status;
    stored.startMs = write.start.ms;
    stored.endMs = write.end.ms;
    this.applyFields(cal, stored, write, true);
  }

  cancelEvent(cal: StoredCalendar, stored: StoredEvent): void {
    stored.resource.status = 'cancelled';
    stored.resource.sequence += 1;
    this.touch(cal, stored);
  }

  private applyFields(cal: StoredCalendar, stored: StoredEvent, write: EventWrite, bumpSequence: boolean): void {
    const r = stored.resource;
    const keep = {
      kind: r.kind,
      etag: r.etag,
      id: r.id,
      status: r.status,
      htmlLink: r.htmlLink,
      created: r.created,
      updated: r.updated,
    };
    const server = { creator: r.creator, organizer: r.organizer, iCalUID: r.iCalUID, sequence: write.sequence ?? (bumpSequence ? r.sequence + 1 : r.sequence), eventType: r.eventType };
    // Rebuilt in Google's field order so the JSON reads like the real thing.
    stored.resource = { ...keep, ...write.fields, ...server, start: write.fields.start ?? r.start, end: write.fields.end ?? r.end, reminders: write.fields.reminders ?? { useDefault: true } } as GoogleEventResource;
    this.touch(cal, stored);
  }

  /** Every write: new etag, updated time, and the next change sequence. */
  private touch(cal: StoredCalendar, stored: StoredEvent): void {
    cal.seq += 1;
    stored.changeSeq = cal.seq;
    stored.resource.etag = this.nextEtag();
    stored.resource.updated = new Date().toISOString();
    cal.updated = stored.resource.updated;
  }

  private generateId(cal: StoredCalendar): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuv';
    for (;;) {
      const id = Array.from(randomBytes(26), (b) => alphabet[b % 32]).join('');
      if (!cal.events.has(id)) return id;
    }
  }

  issueSyncToken(cal: StoredCalendar, seq: number): string {
    const token = `CP${randomBytes(18).toString('base64url')}`;
    this.syncPoints.set(token, { calendarId: cal.id, seq });
    return token;
  }

  /** The sync point, or null when the token is unknown, expired or for another calendar. */
  resolveSyncToken(cal: StoredCalendar, token: string): number | null {
    const point = this.syncPoints.get(token);
    return point && point.calendarId === cal.id ? point.seq : null;
  }

  expireSyncTokens(): void {
    this.syncPoints.clear();
    this.syncGeneration += 1;
  }

  savePage(snapshot: ListingSnapshot): string {
    const token = `EjY${randomBytes(24).toString('base64url')}`;
    this.snapshots.set(token, snapshot);
    // Oldest first out: abandoned listings must not grow memory without bound.
    if (this.snapshots.size > MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
    return token;
  }

  /** Page tokens can be replayed (a client retrying a failed page must get the same page). */
  page(token: string): ListingSnapshot | null {
    return this.snapshots.get(token) ?? null;
  }
}
