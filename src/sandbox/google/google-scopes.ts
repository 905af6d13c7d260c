// Which OAuth scopes Google accepts and which each Calendar method needs,
// from the "Authorization" section of each method's reference page.

const AUTH = 'https://www.googleapis.com/auth/';
export const SCOPES = {
  calendar: `${AUTH}calendar`,
  calendarReadonly: `${AUTH}calendar.readonly`,
  events: `${AUTH}calendar.events`,
  eventsReadonly: `${AUTH}calendar.events.readonly`,
  eventsOwned: `${AUTH}calendar.events.owned`,
  eventsOwnedReadonly: `${AUTH}calendar.events.owned.readonly`,
  appCreated: `${AUTH}calendar.app.created`,
  calendarList: `${AUTH}calendar.calendarlist`,
  calendarListReadonly: `${AUTH}calendar.calendarlist.readonly`,
  calendars: `${AUTH}calendar.calendars`,
  calendarsReadonly: `${AUTH}calendar.calendars.readonly`,
  userinfoEmail: `${AUTH}userinfo.email`,
  userinfoProfile: `${AUTH}userinfo.profile`,
  openid: 'openid',
} as const;

/** Google grants the short OpenID names under their long URLs and echoes those back. */
const ALIASES: Record<string, string> = { email: SCOPES.userinfoEmail, profile: SCOPES.userinfoProfile };

/** Normalised scope list, or the first scope Google would not recognise. */
export function normaliseScopes(raw: string): { scopes: string[] } | { unknown: string } {
  const out = new Set<string>();
  for (const s of raw.split(/\s+/).filter(Boolean)) {
    const scope = ALIASES[s] ?? s;
    const known = scope === SCOPES.openid || scope === SCOPES.userinfoEmail || scope === SCOPES.userinfoProfile || scope === SCOPES.calendar || scope.startsWith(`${SCOPES.calendar}.`);
    if (!known) return { unknown: s };
    out.add(scope);
  }
  return { scopes: [...out] };
}

export type CalendarAccess = 'eventsRead' | 'eventsWrite' | 'calendarListRead' | 'calendarsInsert' | 'calendarsRead';

/** Scopes that allow the access on any calendar the user owns. */
const GENERAL: Record<CalendarAccess, string[]> = {
  eventsRead: [SCOPES.calendar, SCOPES.calendarReadonly, SCOPES.events, SCOPES.eventsReadonly, SCOPES.eventsOwned, SCOPES.eventsOwnedReadonly],
  eventsWrite: [SCOPES.calendar, SCOPES.events, SCOPES.eventsOwned],
  calendarListRead: [SCOPES.calendar, SCOPES.calendarReadonly, SCOPES.calendarList, SCOPES.calendarListReadonly],
  calendarsInsert: [SCOPES.calendar, SCOPES.calendars, SCOPES.appCreated],
  calendarsRead: [SCOPES.calendar, SCOPES.calendarReadonly, SCOPES.calendars, SCOPES.calendarsReadonly],
};

/** Access that calendar.app.created grants, only on calendars this client created. */
const APP_CREATED: CalendarAccess[] = ['eventsRead', 'eventsWrite', 'calendarsRead'];

export type ScopeVerdict = 'ok' | 'insufficient' | 'hidden';

/**
 * 'hidden' is the app.created case: the token may use the method, but not on this
 * calendar, and Google answers as if the calendar did not exist.
 */
export function checkScope(granted: ReadonlySet<string>, access: CalendarAccess, appCreatedCalendar: boolean | null): ScopeVerdict {
  if (GENERAL[access].some((s) => granted.has(s))) return 'ok';
  if (APP_CREATED.includes(access) && granted.has(SCOPES.appCreated)) return appCreatedCalendar === false ? 'hidden' : 'ok';
  return 'insufficient';
}
