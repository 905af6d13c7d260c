// Which links may leave the app for the user's browser (DESIGN §9): https only,
// and only to Career Copilot's own site and the providers' account pages (where
// a user reviews or removes the app's access). Anything else is dropped.
const PROVIDER_ACCOUNT_HOSTS = new Set([
  'myaccount.google.com',
  'accounts.google.com',
  'account.microsoft.com',
  'myaccount.microsoft.com',
  'account.live.com',
]);

/** A row's "Open in …" link: the event in the calendar's own web app. */
const CALENDAR_EVENT_HOSTS = new Set(['calendar.google.com', 'outlook.office365.com', 'outlook.office.com', 'outlook.live.com']);

function isCalendarEvent(u: URL): boolean {
  // Google's htmlLink lives under www.google.com/calendar/.
  return CALENDAR_EVENT_HOSTS.has(u.host) || (u.host === 'www.google.com' && u.pathname.startsWith('/calendar/'));
}

export function externalLinkPolicy(copilotBaseUrl: string): (url: string) => boolean {
  let copilotHost: string | null = null;
  try {
    copilotHost = new URL(copilotBaseUrl).host;
  } catch {
    copilotHost = null;
  }
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
    return parsed.host === copilotHost || PROVIDER_ACCOUNT_HOSTS.has(parsed.host) || isCalendarEvent(parsed);
  };
}
