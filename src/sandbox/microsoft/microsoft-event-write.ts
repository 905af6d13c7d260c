// Reads a POST (create) or PATCH (update) body into the event's fields, with
// Graph's validation: unknown properties are RequestBodyRead, a time zone Graph
// does not know is TimeZoneNotSupportedException, an all-day event must run
// midnight to midnight. PATCH changes only the properties it names, so what the
// user added (attendees, an online meeting) stays unless a client sends it.
import { DateTime } from 'luxon';
import { badRequest, invalidProperty, invalidRequest, timeZoneNotSupported } from './microsoft-errors';
import { isObject, type Json } from './microsoft-http';
import { zoneForComputation } from './microsoft-zones';

export interface EventTime {
  /** The local wall-clock time as written, normalised to Graph's 7 fractional digits. */
  dateTime: string;
  /** The zone name as written (IANA or Windows); becomes originalStart/EndTimeZone. */
  timeZone: string;
  ms: number;
}

/** The writable fields, after validation; absent means "not in the body". */
export interface EventFields {
  subject?: string;
  body?: { contentType: 'text' | 'html'; content: string };
  location?: Json;
  start?: EventTime;
  end?: EventTime;
  isAllDay?: boolean;
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  showAs?: string;
  sensitivity?: string;
  importance?: string;
  categories?: string[];
  attendees?: Json[];
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  responseRequested?: boolean;
  allowNewTimeProposals?: boolean;
  hideAttendees?: boolean;
  extended?: { id: string; value: string }[];
  transactionId?: string;
}

const READ_ONLY = new Set([
  'id', '@odata.etag', '@odata.context', '@odata.type', 'changeKey', 'createdDateTime', 'lastModifiedDateTime', 'iCalUId', 'uid', 'webLink',
  'organizer', 'isOrganizer', 'isCancelled', 'isDraft', 'type', 'seriesMasterId', 'bodyPreview', 'hasAttachments', 'originalStartTimeZone',
  'originalEndTimeZone', 'responseStatus', 'onlineMeeting', 'onlineMeetingUrl', 'occurrenceId',
]);
const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const SENSITIVITY = ['normal', 'personal', 'private', 'confidential'];
const IMPORTANCE = ['low', 'normal', 'high'];
const ATTENDEE_TYPES = ['required', 'optional', 'resource'];
const PROVIDERS = ['unknown', 'skypeForBusiness', 'skypeForConsumer', 'teamsForBusiness'];
/** MAPI named properties: "{Type} {GUID} Name {name}" or "{Type} {GUID} Id 0x…", or a proptag "String 0x…". */
const EXTENDED_ID = /^(String|Integer|Boolean|SystemTime|Binary|Double|Short|Long|CLSID|Currency|Float) (\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\} (Name \S.*|Id 0x[0-9a-f]{1,4})|0x[0-9a-f]{4})$/i;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

export function readEventFields(body: Json, mode: 'create' | 'update'): EventFields {
  const out: EventFields = {};
  for (const [key, value] of Object.entries(body)) {
    if (READ_ONLY.has(key)) continue;
    switch (key) {
      case 'subject':
        out.subject = str(value, key);
        break;
      case 'body': {
        if (!isObject(value)) throw invalidRequest('The body of an event must be an itemBody.');
        const type = typeof value.contentType === 'string' ? value.contentType.toLowerCase() : 'text';
        if (type !== 'text' && type !== 'html') throw badRequest(`Requested value '${String(value.contentType)}' was not found.`, 'RequestBodyRead');
        out.body = { contentType: type, content: value.content === undefined || value.content === null ? '' : str(value.content, 'body.content') };
        break;
      }
      case 'location':
        if (!isObject(value)) throw invalidRequest('location must be an object.');
        if (value.displayName !== undefined && typeof value.displayName !== 'string') throw invalidRequest('location.displayName must be a string.');
        out.location = { displayName: value.displayName ?? '', locationType: 'default', uniqueIdType: 'unknown', ...(typeof value.locationType === 'string' ? { locationType: value.locationType } : {}) };
        break;
      case 'start':
      case 'end':
        out[key] = readTime(value, key);
        break;
      case 'isAllDay':
      case 'isReminderOn':
      case 'isOnlineMeeting':
      case 'responseRequested':
      case 'allowNewTimeProposals':
      case 'hideAttendees':
        if (typeof value !== 'boolean') throw badRequest(`Cannot convert a primitive value to the expected type 'Edm.Boolean'.`, 'RequestBodyRead');
        out[key] = value;
        break;
      case 'reminderMinutesBeforeStart':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int32'.`, 'RequestBodyRead');
        out.reminderMinutesBeforeStart = value;
        break;
      case 'showAs':
        out.showAs = oneOf(value, SHOW_AS, key);
        break;
      case 'sensitivity':
        out.sensitivity = oneOf(value, SENSITIVITY, key);
        break;
      case 'importance':
        out.importance = oneOf(value, IMPORTANCE, key);
        break;
      case 'onlineMeetingProvider':
        out.onlineMeetingProvider = oneOf(value, PROVIDERS, key);
        break;
      case 'categories':
        if (!Array.isArray(value) || !value.every((c) => typeof c === 'string')) throw invalidRequest('categories must be a list of strings.');
        out.categories = value as string[];
        break;
      case 'attendees':
        out.attendees = readAttendees(value);
        break;
      case 'singleValueExtendedProperties':
        out.extended = readExtended(value);
        break;
      case 'transactionId':
        if (mode === 'update') throw invalidRequest('The transactionId of an event cannot be changed once it is set.');
        out.transactionId = str(value, key);
        break;
      case 'recurrence':
        // Series are not part of this stand-in; a single instance is all the app writes.
        if (value !== null) throw invalidRequest('This sandbox does not support recurring events.');
        break;
      default:
        throw invalidProperty(key);
    }
  }
  if (mode === 'create' && (out.start === undefined || out.end === undefined)) throw invalidRequest('An event needs a start and an end.');
  return out;
}

/** The checks that need the event as a whole (after a PATCH merged into it). */
export function checkTimes(start: EventTime, end: EventTime, isAllDay: boolean): void {
  if (end.ms < start.ms) throw invalidRequest('The end time of the event must be after its start time.');
  if (isAllDay) {
    const midnight = (t: EventTime): boolean => t.dateTime.slice(11) === '00:00:00.0000000';
    if (!midnight(start) || !midnight(end) || end.dateTime.slice(0, 10) <= start.dateTime.slice(0, 10)) {
      throw invalidRequest('An all-day event must start and end at midnight, at least one day apart.');
    }
  }
}

function readTime(value: unknown, which: string): EventTime {
  if (!isObject(value)) throw invalidRequest(`${which} must be a dateTimeTimeZone.`);
  const { dateTime, timeZone } = value;
  if (typeof timeZone !== 'string' || timeZone === '') throw invalidRequest(`${which}.timeZone is required.`);
  const zone = zoneForComputation(timeZone);
  if (zone === null) throw timeZoneNotSupported(timeZone);
  const match = typeof dateTime === 'string' ? LOCAL_DATE_TIME.exec(dateTime) : null;
  if (!match) throw badRequest(`The value '${String(dateTime)}' of ${which}.dateTime is not a valid local date and time (yyyy-MM-ddTHH:mm:ss, no offset).`, 'RequestBodyRead');
  const [, date, hh, mm, ss = '00', fraction = ''] = match;
  const normal = `${date}T${hh}:${mm}:${ss}.${fraction.padEnd(7, '0')}`;
  const local = DateTime.fromISO(`${date}T${hh}:${mm}:${ss}.${fraction.slice(0, 3).padEnd(3, '0')}`, { zone });
  if (!local.isValid) throw badRequest(`The value '${dateTime as string}' of ${which}.dateTime is not a valid date.`, 'RequestBodyRead');
  return { dateTime: normal, timeZone, ms: local.toMillis() };
}

function readAttendees(value: unknown): Json[] {
  if (!Array.isArray(value)) throw invalidRequest('attendees must be a list.');
  return value.map((a: unknown) => {
    if (!isObject(a) || !isObject(a.emailAddress) || typeof a.emailAddress.address !== 'string' || !a.emailAddress.address.includes('@')) {
      throw invalidRequest('Each attendee needs an emailAddress with an address.');
    }
    const type = a.type === undefined ? 'required' : oneOf(a.type, ATTENDEE_TYPES, 'attendees.type');
    const name = typeof a.emailAddress.name === 'string' ? a.emailAddress.name : a.emailAddress.address;
    return { type, status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { name, address: a.emailAddress.address } };
  });
}

function readExtended(value: unknown): { id: string; value: string }[] {
  if (!Array.isArray(value)) throw invalidRequest('singleValueExtendedProperties must be a list.');
  return value.map((p: unknown) => {
    if (!isObject(p) || typeof p.id !== 'string' || !EXTENDED_ID.test(p.id)) throw badRequest('The extended property attribute combination is invalid.', 'ErrorInvalidProperty');
    if (typeof p.value !== 'string') throw badRequest('The extended property value must be a string.', 'ErrorInvalidProperty');
    return { id: p.id, value: p.value };
  });
}

/** Graph echoes named properties as "String {guid-in-lowercase} Name x". */
export function normaliseExtendedId(id: string): string {
  return id.replace(/\{[0-9a-f-]{36}\}/i, (g) => g.toLowerCase()).replace(/^(\w+) /, (_m, type: string) => `${type[0]?.toUpperCase() ?? ''}${type.slice(1).toLowerCase()} `).replace(/ (name|id) /i, (_m, word: string) => ` ${word[0]?.toUpperCase() ?? ''}${word.slice(1).toLowerCase()} `);
}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string') throw badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.String' (${name}).`, 'RequestBodyRead');
  return value;
}

function oneOf(value: unknown, allowed: string[], name: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw badRequest(`Requested value '${String(value)}' was not found (${name}).`, 'RequestBodyRead');
  return value;
}
