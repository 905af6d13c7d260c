import type { Migration } from './migration';

// Where the user can open each event in the calendar's web app (a row's "Open in
// Google Calendar" link). A plain https URL from the service, never a secret.
export const m005WebLinks: Migration = {
  version: 5,
  name: 'web link of each linked event',
  up: `
    ALTER TABLE links ADD COLUMN web_link TEXT;
  `,
};
