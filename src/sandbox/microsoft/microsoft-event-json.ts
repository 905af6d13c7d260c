// A stored event as Graph serialises it: every time in the zone the client asked
// for with Prefer: outlook.timezone (UTC when it did not), seven fractional
// digits, the text body turned into HTML unless the client prefers text, and
// extended properties only when asked for with $expand and a filter.
import { DateTime } from 'luxon';
import { badRequest, timeZoneNotSupported } from './microsoft-errors';
import type { Json } from './microsoft-http';
import type { StoredEvent } from './microsoft-mailbox';
import { zoneForComputation } from './microsoft-zones';

export interface RenderOptions {
  /** The Prefer: outlook.timezone value, or null for UTC. */
  timeZone: string | null;
  /** Lowercased extended-property ids asked for with $expand, or null. */
  expand: string[] | null;
  organizer: { name: string; address: string };
}

export function renderEvent(e: StoredEvent, o: RenderOptions): Json {
  const zoneName = o.timeZone ?? 'UTC';
  const zone = zoneForComputation(zoneName);
  if (zone === null) throw timeZoneNotSupported(zoneName);
  const time = (t: StoredEvent['start']): Json =>
    e.isAllDay
      ? // All-day events are dates: they do not move with the reader's zone.
        { dateTime: `${t.dateTime.slice(0, 10)}T00:00:00.0000000`, timeZone: zoneName }
      : { dateTime: `${DateTime.fromMillis(t.ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`, timeZone: zoneName };
  const text = e.body.contentType === 'text' ? e.body.content : e.body.content.replace(/<[^>]*>/g, '');
  const out: Json = {
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: e.changeKey,
    categories: [...e.categories],
    transactionId: e.transactionId,
    originalStartTimeZone: e.originalStartTimeZone,
    originalEndTimeZone: e.originalEndTimeZone,
    iCalUId: e.iCalUId,
    uid: e.iCalUId,
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    isReminderOn: e.isReminderOn,
    hasAttachments: false,
    subject: e.subject,
    bodyPreview: text.slice(0, 255),
    importance: e.importance,
    sensitivity: e.sensitivity,
    isAllDay: e.isAllDay,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: e.responseRequested,
    seriesMasterId: null,
    showAs: e.showAs,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    allowNewTimeProposals: e.allowNewTimeProposals,
    occurrenceId: null,
    isDraft: false,
    hideAttendees: e.hideAttendees,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: e.body.contentType === 'html' ? { ...e.body } : { contentType: 'html', content: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${escapeHtml(e.body.content)}</body></html>` },
    start: time(e.start),
    end: time(e.end),
    location: structuredClone(e.location),
    locations: typeof e.location.displayName === 'string' && e.location.displayName !== '' ? [structuredClone(e.location)] : [],
    recurrence: null,
    attendees: structuredClone(e.attendees),
    organizer: { emailAddress: { name: o.organizer.name, address: o.organizer.address } },
    onlineMeeting: e.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${e.id.slice(5, 25)}` } : null,
  };
  if (o.expand) {
    const props = o.expand.map((id) => e.extended.get(id)).filter((p): p is { id: string; value: string } => p !== undefined);
    // Graph leaves the collection out when no property matched the filter.
    if (props.length > 0) out.singleValueExtendedProperties = props.map((p) => ({ ...p }));
  }
  return out;
}

const EXPAND = /^singleValueExtendedProperties\(\$filter=(.+)\)$/i;
const ID_EQ = /^\s*id\s+eq\s+'([^']+)'\s*$/i;

/**
 * `$expand=singleValueExtendedProperties($filter=id eq '…' or id eq '…')`, the one
 * documented way to read an extended property. Anything else is refused.
 */
export function readExpand(raw: string | null): string[] | null {
  if (raw === null) return null;
  const match = EXPAND.exec(raw.trim());
  if (!match?.[1]) throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${raw.split('(')[0] ?? raw}' on type 'microsoft.graph.event', or the expansion has no $filter.`);
  return match[1].split(/\s+or\s+/i).map((clause) => {
    const id = ID_EQ.exec(clause)?.[1];
    if (!id) throw badRequest('Invalid filter clause: only id eq \'…\' is supported on extended properties.');
    return id.toLowerCase();
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>');
}
