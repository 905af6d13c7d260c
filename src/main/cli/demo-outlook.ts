// `ccal demo`'s Outlook part: the Microsoft sandbox (sign-in and Graph over
// https), connected through the real MSAL sign-in as a second account whose
// events go to a calendar of its own ("Job search", picked from the list the
// account's service gives, as the window's card does), and a change flowing
// each way there: the user moving an interview in Outlook, and Career Copilot
// moving another.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CopilotSandbox } from '../../sandbox/copilot';
import { startMicrosoftSandbox, type MicrosoftSandbox } from '../../sandbox/microsoft';
import type { CalendarCore } from '../core/app';

export const OUTLOOK_CALENDAR = 'Job search';

export function startOutlookSandbox(): Promise<MicrosoftSandbox> {
  return startMicrosoftSandbox({ email: 'you@outlook.example', displayName: 'Demo User', personal: true });
}

export interface DemoOutlook {
  accountId: string;
  calendarId: string;
}

/** Connects the sandbox's account and points it at its own calendar. */
export async function connectOutlook(core: CalendarCore, outlook: MicrosoftSandbox, say: (text: string) => void): Promise<DemoOutlook> {
  // The user's own calendar, made in Outlook before they ever met the app.
  outlook.userCreateCalendar(OUTLOOK_CALENDAR);
  const account = await core.connect({ provider: 'microsoft' });
  const target = (await core.listCalendars(account.id)).find((c) => c.name === OUTLOOK_CALENDAR);
  if (!target) throw new Error(`the Outlook sandbox did not list "${OUTLOOK_CALENDAR}"`);
  await core.setCalendar({ accountId: account.id, calendarId: target.id });
  say(`Connected Outlook for ${account.email}${account.displayName ? ` (${account.displayName})` : ''} (MSAL sign-in, loopback redirect, PKCE); its events go to its own calendar, "${OUTLOOK_CALENDAR}".`);
  return { accountId: account.id, calendarId: target.id };
}

const GraphEvent = z
  .object({
    id: z.string(),
    subject: z.string().nullish(),
    start: z.object({ dateTime: z.string() }).loose(),
    singleValueExtendedProperties: z.array(z.object({ value: z.string().nullish() }).loose()).nullish(),
  })
  .loose();

export interface OutlookInterview {
  eventId: string;
  applicationId: number;
  title: string;
  /** The start as an instant (the sandbox renders Graph's UTC wall time). */
  start: DateTime;
}

/** Upcoming interview events in the calendar whose applications are still on, by application id. */
export function outlookInterviews(outlook: MicrosoftSandbox, copilot: CopilotSandbox, calendarId: string, now = Date.now()): OutlookInterview[] {
  const out: OutlookInterview[] = [];
  for (const raw of outlook.events(calendarId)) {
    const parsed = GraphEvent.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    const tag = e.singleValueExtendedProperties?.map((p) => p.value).find((v) => v?.startsWith('application:'));
    const match = tag ? /^application:(\d+):interview$/.exec(tag) : null;
    const start = DateTime.fromISO(e.start.dateTime.slice(0, 23), { zone: 'utc' });
    if (!match || !start.isValid || start.toMillis() < now) continue;
    const applicationId = Number(match[1]);
    const app = copilot.application(applicationId);
    if (!app || app.status === 'rejected' || app.status === 'declined') continue;
    out.push({ eventId: e.id, applicationId, title: e.subject ?? '', start });
  }
  return out.sort((a, b) => a.applicationId - b.applicationId);
}

/**
 * The user moves one interview a day later in Outlook, and Career Copilot moves
 * another three hours later; `sync` runs; then says where each went. Picks the
 * last interviews, so the Google steps (which take the first) keep theirs.
 * Returns the application moved in Outlook, for the caller to show Google following.
 */
export async function outlookBothWays(o: { outlook: MicrosoftSandbox; copilot: CopilotSandbox; calendarId: string; zone: string; say(text: string): void; sync(): Promise<unknown> }): Promise<number | null> {
  const picked = outlookInterviews(o.outlook, o.copilot, o.calendarId);
  const moved = picked.at(-1);
  const changed = picked.length > 1 ? picked.at(-2) : undefined;
  const wall = (d: DateTime): { dateTime: string; timeZone: string } => ({ dateTime: d.setZone(o.zone).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: o.zone });
  if (moved) {
    const start = moved.start.plus({ days: 1 });
    o.outlook.userMoveEvent(moved.eventId, wall(start), wall(start.plus({ hours: 1 })));
    o.say(`   moved "${moved.title}" one day later in Outlook`);
  }
  let copilotTime = '';
  if (changed) {
    const app = o.copilot.application(changed.applicationId);
    copilotTime = DateTime.fromISO(app?.interview_date ?? '').plus({ hours: 3 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    o.copilot.updateApplication(changed.applicationId, { interview_date: copilotTime });
    o.say(`   application #${changed.applicationId}'s interview moved three hours later in Career Copilot (${copilotTime})`);
  }
  await o.sync();
  if (moved) o.say(`   Career Copilot now has interview_date ${o.copilot.application(moved.applicationId)?.interview_date ?? '?'} for application #${moved.applicationId}`);
  if (changed) {
    const now = outlookInterviews(o.outlook, o.copilot, o.calendarId, 0).find((i) => i.applicationId === changed.applicationId);
    o.say(`   Outlook now shows "${changed.title}" at ${now ? now.start.setZone(o.zone).toFormat("yyyy-MM-dd'T'HH:mm:ss") : '?'} (${o.zone})`);
  }
  return moved?.applicationId ?? null;
}
