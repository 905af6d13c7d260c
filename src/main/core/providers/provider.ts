// The one interface every calendar service implements (Google now; Microsoft and
// CalDAV slot in later). Provider-neutral shapes only; each implementation maps
// its service's events and errors onto these. Errors thrown are ProviderError
// with one of the provider_* codes or sync_token_expired (see shared/errors.ts).
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
  /**
   * What the event id is derived from; defaults to sourceId. After "keep both" in a
   * conflict the detached old event keeps the old id, so the new one needs another.
   */
  idSeed?: string;
  title: string;
  timing: Timing;
  location: string | null;
  description: string | null;
  /** Popup reminders, minutes before start. Empty: no reminder. */
  reminderMinutes: number[];
  /** Busy-only mode still blocks time; the text is opaque. */
  transparency: 'opaque' | 'transparent';
}

/** An event as the calendar has it, reduced to what sync needs. */
export interface RemoteEvent {
  remoteId: string;
  etag: string;
  /** Provider's last-modified instant (ISO); explains conflicts only. */
  updated: string;
  /** Cancelled means deleted in the calendar (Google keeps tombstones in incremental listings). */
  cancelled: boolean;
  /** Our private tag, or null for events the app did not create (ignored by sync). */
  sourceId: string | null;
  title: string | null;
  /** Null only for a cancelled tombstone that carries no times. */
  timing: Timing | null;
}

export interface ChangePage {
  /** Events changed since the cursor (or every event, when `full`). */
  events: RemoteEvent[];
  /** Cursor to pass next time (Google nextSyncToken, Graph deltaLink, CalDAV sync-token). */
  nextCursor: string;
  /** True when this is a complete listing (first sync, or the old cursor expired). */
  full: boolean;
}

export interface CalendarProvider {
  readonly kind: 'google' | 'microsoft' | 'caldav';
  listCalendars(signal?: AbortSignal): Promise<CalendarInfo[]>;
  /** A new calendar owned by the user, for the app's events only (the most private choice). */
  createCalendar(name: string, timeZone: string, signal?: AbortSignal): Promise<CalendarInfo>;
  /**
   * Every change since `cursor`, all pages followed. A null cursor, or one the
   * service says expired, yields a full listing with `full: true`. Throws on any
   * failure: a partial listing is never returned.
   */
  listChanges(calendarId: string, cursor: string | null, signal?: AbortSignal): Promise<ChangePage>;
  getEvent(calendarId: string, remoteId: string, signal?: AbortSignal): Promise<RemoteEvent | null>;
  /**
   * Creates the event under an id derived from draft.sourceId. Idempotent: when an
   * event with that id exists already (a retry after a crash), returns it instead.
   */
  createEvent(calendarId: string, draft: EventDraft, signal?: AbortSignal): Promise<RemoteEvent>;
  /** Replaces our fields; with an etag, only if unchanged since (else provider_precondition). */
  updateEvent(
    calendarId: string,
    remoteId: string,
    draft: EventDraft,
    etag: string | null,
    signal?: AbortSignal,
  ): Promise<RemoteEvent>;
  /** Deletes; an event already gone counts as done. With an etag, only if unchanged. */
  deleteEvent(calendarId: string, remoteId: string, etag: string | null, signal?: AbortSignal): Promise<void>;
  /** Requests made since creation (for sync_runs and the benchmark). */
  requestCount(): number;
}
