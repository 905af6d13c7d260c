// The one interface every calendar service implements: Google, Microsoft Graph and
// CalDAV. Designed against all three (docs/DESIGN.md, "The provider interface"):
// - change feeds yield upserts and bare removals (Google tombstones carry only
//   `id`; Graph delta sends `@removed` with an id; CalDAV sync-collection sends a
//   404 href), so the engine matches removals to links by remote id;
// - a service that lists only a time window (Graph calendarView/delta) says so,
//   and an event outside the window is never read as deleted;
// - create takes an explicit idempotency key (Google: the event id derived from
//   it; Graph: transactionId; CalDAV: UID and If-None-Match: *);
// - `revision` is opaque: an etag for Google and Graph, whatever a CalDAV
//   provider needs to rewrite its own properties inside the resource it last
//   fetched, so updates keep what the user added (alarms, attendees, a link).
// Errors thrown are ProviderError with one of the provider_* codes.
import type { Timing } from '../../../shared/domain';

/** The private tag key written on every event the app creates. */
export const SOURCE_TAG = 'careerCopilotSourceId';

export interface CalendarInfo {
  id: string;
  name: string;
  primary: boolean;
  canWrite: boolean;
}

/** What we write. Built by the sync engine from a CalendarItem and the preferences. */
export interface EventDraft {
  sourceId: string;
  title: string;
  timing: Timing;
  location: string | null;
  description: string | null;
  /** Popup reminders, minutes before start. Empty: no reminder. */
  reminderMinutes: number[];
  /** Busy-only mode still blocks time; the text is opaque. */
  transparency: 'opaque' | 'transparent';
}

/** A live event as the calendar has it, reduced to what sync needs. */
export interface RemoteEvent {
  remoteId: string;
  /** Opaque to the engine; handed back on update and delete as the precondition. */
  revision: string;
  /** Provider's last-modified instant (ISO), when it says; explains conflicts only. */
  updated: string | null;
  /** Our private tag, or null for events the app did not create. */
  sourceId: string | null;
  title: string | null;
  timing: Timing;
  /** Where the user can open the event in the service's web app, when it has one (Google htmlLink, Graph webLink). */
  webLink?: string | null;
}

/** One entry of a change feed. */
export type RemoteChange = { type: 'upsert'; event: RemoteEvent } | { type: 'removed'; remoteId: string };

/** A time range a listing covers; events outside it are neither listed nor deleted. */
export interface ListingWindow {
  start: string; // ISO instant
  end: string;
}

export interface ChangePage {
  /** Changes since the cursor (or every live event, when `full`). Only events that carry our tag need be included. */
  changes: RemoteChange[];
  /** Cursor to pass next time (Google nextSyncToken, Graph deltaLink, CalDAV sync-token). */
  nextCursor: string;
  /** A complete listing (first sync, or the old cursor expired): a linked event missing from it is gone, within `window`. */
  full: boolean;
  /** The range the listing covered, when the service lists by window; null means the whole calendar. */
  window: ListingWindow | null;
}

export interface ProviderCapabilities {
  /** The service lists a window only (Graph calendarView/delta); the engine passes one. */
  windowedListing: boolean;
  /**
   * The change feed may leave out an event created after its cursor and deleted
   * before the next listing (CalDAV: RFC 6578 allows it, a ctag/etag comparison
   * cannot see it). The provider covers that while it remembers its own writes;
   * the engine lists once more after writing, so the stored cursor is newer than
   * they are and a restart forgets nothing.
   */
  listAfterWrites: boolean;
}

export interface CalendarProvider {
  readonly kind: 'google' | 'microsoft' | 'caldav';
  readonly capabilities: ProviderCapabilities;
  listCalendars(signal?: AbortSignal): Promise<CalendarInfo[]>;
  /** A new calendar owned by the user, for the app's events only (the most private choice). */
  createCalendar(name: string, timeZone: string, signal?: AbortSignal): Promise<CalendarInfo>;
  /**
   * Every change since `cursor`, all pages followed. A null cursor, or one the
   * service says expired, yields a full listing with `full: true`. Throws on any
   * failure: a partial listing is never returned. `window` is used only by
   * providers with `windowedListing`, and must be the same for every call with a
   * cursor made under it (a new window means a null cursor).
   */
  listChanges(calendarId: string, cursor: string | null, window: ListingWindow | null, signal?: AbortSignal): Promise<ChangePage>;
  /** The event, or null when it is gone (deleted, cancelled or never there). */
  getEvent(calendarId: string, remoteId: string, signal?: AbortSignal): Promise<RemoteEvent | null>;
  /**
   * Creates the event. Idempotent on `key`: when an earlier attempt with the same
   * key got through (a retry after a crash or a lost answer), returns that event
   * (possibly with older content: the engine diffs and updates) instead of a copy.
   */
  createEvent(calendarId: string, draft: EventDraft, key: string, signal?: AbortSignal): Promise<RemoteEvent>;
  /**
   * Writes our fields and keeps everything else the event has (the user's own
   * reminders, attendees, conference link). With a revision, only if unchanged
   * since (else provider_precondition); a missing event is provider_not_found.
   */
  updateEvent(calendarId: string, remoteId: string, draft: EventDraft, revision: string | null, signal?: AbortSignal): Promise<RemoteEvent>;
  /** Deletes; an event already gone counts as done. With a revision, only if unchanged (else provider_precondition). */
  deleteEvent(calendarId: string, remoteId: string, revision: string | null, signal?: AbortSignal): Promise<void>;
  /** Requests made since creation (for sync_runs and the benchmark). */
  requestCount(): number;
}
