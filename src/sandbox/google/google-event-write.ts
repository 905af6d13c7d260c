// Turns an insert (POST), update (PUT) or patch (PATCH) body into the event's
// writable fields, with Google's validation and messages. PUT replaces every
// writable field; PATCH merges objects (arrays replace, null clears), as
// Google's patch semantics do. Read-only fields in a body are ignored.
import { apiError, invalid, timeRangeEmpty } from './google-errors';
import { parseEventTime, type EventTime } from './google-event-time';
import type { GoogleEventResource } from './google-types';

const WRITABLE = [
  'summary',
  'description',
  'location',
  'colorId',
  'start',
  'end',
  'endTimeUnspecified',
  'recurrence',
  'transparency',
  'visibility',
  'attendees',
  'extendedProperties',
  'reminders',
  'source',
  'guestsCanInviteOthers',
  'guestsCanModify',
  'guestsCanSeeOtherGuests',
  'anyoneCanAddSelf',
] as const;

export type WritableFields = Partial<Pick<GoogleEventResource, (typeof WRITABLE)[number]>>;

export interface EventWrite {
  fields: WritableFields;
  start: EventTime;
  end: EventTime;
  status: GoogleEventResource['status'] | null;
  sequence: number | null;
  iCalUID: string | null;
}

type Mode = 'insert' | 'update' | 'patch';
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key])) out[key] = deepMerge(out[key] as Json, value);
    else out[key] = value;
  }
  return out;
}

function pickWritable(source: Json): Json {
  const out: Json = {};
  for (const key of WRITABLE) if (source[key] !== undefined && source[key] !== null) out[key] = source[key];
  return out;
}

export function readEventWrite(body: Json, mode: Mode, existing: GoogleEventResource | null, calendarZone: string): EventWrite {
  const merged = mode === 'patch' && existing ? deepMerge(pickWritable(existing as unknown as Json), pickWritable({ ...body })) : pickWritable(body);
  if (mode === 'patch') for (const [k, v] of Object.entries(body)) if (v === null) delete merged[k];

  const start = parseEventTime(merged.start, 'start', calendarZone);
  const end = parseEventTime(merged.end, 'end', calendarZone);
  if (start.allDay !== end.allDay) throw invalid('Start and end times must either both be date or both be dateTime.', 'end');
  if (end.ms < start.ms || (start.allDay && end.ms === start.ms)) throw timeRangeEmpty();

  const fields: WritableFields = { start: start.value, end: end.value };
  for (const key of ['summary', 'description', 'location', 'colorId'] as const) {
    const v = merged[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw invalid(`Invalid value for: ${key}`, key);
    fields[key] = v;
  }
  for (const key of ['endTimeUnspecified', 'guestsCanInviteOthers', 'guestsCanModify', 'guestsCanSeeOtherGuests', 'anyoneCanAddSelf'] as const) {
    const v = merged[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw invalid(`Invalid value for: ${key}`, key);
    fields[key] = v;
  }
  if (merged.transparency !== undefined) {
    if (merged.transparency !== 'opaque' && merged.transparency !== 'transparent') throw invalid('Invalid transparency value.', 'transparency');
    fields.transparency = merged.transparency;
  }
  if (merged.visibility !== undefined) {
    const v = merged.visibility;
    if (v !== 'default' && v !== 'public' && v !== 'private' && v !== 'confidential') throw invalid('Invalid visibility value.', 'visibility');
    fields.visibility = v;
  }
  if (merged.recurrence !== undefined) {
    if (!Array.isArray(merged.recurrence) || !merged.recurrence.every((r) => typeof r === 'string')) throw invalid('Invalid recurrence rule.', 'recurrence');
    fields.recurrence = merged.recurrence as string[];
  }
  if (merged.attendees !== undefined) {
    if (!Array.isArray(merged.attendees) || !merged.attendees.every(isObject)) throw invalid('Invalid attendee.', 'attendees');
    fields.attendees = merged.attendees;
  }
  if (merged.source !== undefined) {
    const s = merged.source;
    if (!isObject(s) || typeof s.url !== 'string' || typeof s.title !== 'string') throw invalid('Invalid source.', 'source');
    fields.source = { url: s.url, title: s.title };
  }
  if (merged.extendedProperties !== undefined) fields.extendedProperties = readExtendedProperties(merged.extendedProperties);
  fields.reminders = readReminders(merged.reminders);

  return {
    fields,
    start,
    end,
    status: readStatus(body.status),
    sequence: readSequence(body.sequence, existing),
    iCalUID: mode === 'insert' && typeof body.iCalUID === 'string' && body.iCalUID !== '' ? body.iCalUID : null,
  };
}

function readExtendedProperties(raw: unknown): NonNullable<GoogleEventResource['extendedProperties']> {
  if (!isObject(raw)) throw invalid('Invalid extended property.', 'extendedProperties');
  const out: NonNullable<GoogleEventResource['extendedProperties']> = {};
  for (const scope of ['private', 'shared'] as const) {
    const map = raw[scope];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) throw invalid('Invalid extended property.', `extendedProperties.${scope}`);
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) {
      // Google stores every value as a string; null removes the key in a patch.
      if (v === null) continue;
      if (typeof v !== 'string') throw invalid('Invalid extended property value.', `extendedProperties.${scope}.${k}`);
      kept[k] = v;
    }
    out[scope] = kept;
  }
  return out;
}

function readReminders(raw: unknown): GoogleEventResource['reminders'] {
  if (raw === undefined) return { useDefault: true };
  if (!isObject(raw)) throw invalid('Invalid reminders.', 'reminders');
  const useDefault = raw.useDefault === undefined ? false : raw.useDefault;
  if (typeof useDefault !== 'boolean') throw invalid('Invalid value for: useDefault', 'reminders.useDefault');
  const overridesRaw = raw.overrides ?? [];
  if (!Array.isArray(overridesRaw)) throw invalid('Invalid reminders.', 'reminders.overrides');
  if (useDefault && overridesRaw.length > 0) {
    throw apiError(400, 'cannotUseDefaultRemindersAndSpecifyOverride', 'Cannot specify both default reminders and overrides at the same time.');
  }
  if (overridesRaw.length > 5) throw apiError(400, 'tooManyReminders', 'Too many reminders.');
  const overrides = overridesRaw.map((o: unknown): { method: 'email' | 'popup'; minutes: number } => {
    if (!isObject(o)) throw apiError(400, 'invalid', 'Invalid reminder method.');
    const { method, minutes } = o;
    if (method !== 'email' && method !== 'popup') throw apiError(400, 'invalid', 'Invalid reminder method.');
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > 40320) throw apiError(400, 'invalid', 'Invalid reminder minutes.');
    return { method, minutes };
  });
  return overrides.length > 0 ? { useDefault, overrides } : { useDefault };
}

function readStatus(raw: unknown): GoogleEventResource['status'] | null {
  if (raw === undefined || raw === null) return null;
  if (raw !== 'confirmed' && raw !== 'tentative' && raw !== 'cancelled') throw invalid('Invalid value for: status', 'status');
  return raw;
}

function readSequence(raw: unknown, existing: GoogleEventResource | null): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) throw invalid('Invalid sequence value.', 'sequence');
  if (existing && raw < existing.sequence) {
    throw invalid('Invalid sequence value. The specified sequence number is below the current sequence number of the resource.', 'sequence');
  }
  return raw;
}
