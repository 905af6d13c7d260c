// The backend's ApplicationUpdate model, checked the way pydantic would: unknown
// fields are ignored, a bad value is a 400 VALIDATION_ERROR naming the field.
// Two places are stricter than the real server, because there it fails later with
// a 500 and a clear 400 shows a client bug sooner: a null status, and an
// interview_date with an offset (the column is a naive timestamp).
import { invalid, type ValidationIssue } from './sandbox-http';
import { SANDBOX_STATUSES, UPDATABLE_FIELDS, type SandboxApplication, type SandboxStatus, type UpdatableField } from './sandbox-types';

export type ApplicationChanges = Partial<Pick<SandboxApplication, UpdatableField>>;

const DATE_FIELDS = ['follow_up_date', 'applied_date', 'response_date', 'offer_date'] as const;
const TEXT_FIELDS = ['notes', 'interview_feedback'] as const;

/** The fields of `body` to apply, or throws a 400 listing every bad field. */
export function parseApplicationUpdate(body: unknown): ApplicationChanges {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid([{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }]);
  }
  const input = body as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const out: ApplicationChanges = {};
  const has = (field: UpdatableField): boolean => Object.prototype.hasOwnProperty.call(input, field) && UPDATABLE_FIELDS.includes(field);

  if (has('status')) {
    const value = input.status;
    if (typeof value === 'string' && (SANDBOX_STATUSES as readonly string[]).includes(value)) out.status = value as SandboxStatus;
    else issues.push({ loc: ['body', 'status'], msg: `Input should be ${SANDBOX_STATUSES.map((s) => `'${s}'`).join(', ')}`, type: 'literal_error' });
  }
  if (has('interview_date')) {
    const value = input.interview_date;
    const parsed = value === null ? null : naiveDateTime(value);
    if (parsed === undefined) issues.push({ loc: ['body', 'interview_date'], msg: 'Input should be a valid naive datetime (YYYY-MM-DDTHH:MM:SS, no offset)', type: 'datetime_parsing' });
    else out.interview_date = parsed;
  }
  for (const field of DATE_FIELDS) {
    if (!has(field)) continue;
    const value = input[field];
    if (value === null || (typeof value === 'string' && isCalendarDate(value))) out[field] = value;
    else issues.push({ loc: ['body', field], msg: 'Input should be a valid date in the format YYYY-MM-DD', type: 'date_parsing' });
  }
  for (const field of TEXT_FIELDS) {
    if (!has(field)) continue;
    const value = input[field];
    if (value === null || typeof value === 'string') out[field] = value;
    else issues.push({ loc: ['body', field], msg: 'Input should be a valid string', type: 'string_type' });
  }
  if (issues.length > 0) throw invalid(issues);
  return out;
}

/** YYYY-MM-DD naming a real day. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Normalised `YYYY-MM-DDTHH:MM:SS[.ffffff]`, or undefined when not a valid naive datetime. */
function naiveDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(value);
  if (!m || !isCalendarDate(m[1] ?? '')) return undefined;
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? '0')];
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  const fraction = m[5] ? m[5].padEnd(6, '0') : '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  // pydantic prints microseconds only when there are some.
  return `${m[1]}T${pad(hh)}:${pad(mm)}:${pad(ss)}${fraction && Number(fraction) > 0 ? `.${fraction}` : ''}`;
}
