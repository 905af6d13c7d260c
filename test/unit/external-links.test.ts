// Which links leave the app for the user's browser: https pages of Career Copilot,
// the providers' account pages and an event in the calendar's web app — nothing else.
import { describe, expect, it } from 'vitest';
import { externalLinkPolicy } from '../../src/main/electron/external-links';

const allowed = externalLinkPolicy('https://app.careercopilot.example/api/v1');

describe('external links', () => {
  it.each([
    'https://app.careercopilot.example/applications/4',
    'https://myaccount.google.com/permissions',
    'https://www.google.com/calendar/event?eid=abc',
    'https://calendar.google.com/calendar/event?eid=abc',
    'https://outlook.office365.com/owa/?itemid=AAM&exvsurl=1&path=/calendar/item',
    'https://outlook.live.com/calendar/item/AAM',
  ])('lets %s out', (url) => expect(allowed(url)).toBe(true));

  it.each([
    'http://www.google.com/calendar/event?eid=abc',
    'https://www.google.com/search?q=x',
    'https://user:pw@calendar.google.com/',
    'https://evil.example/calendar/event',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('keeps %s in', (url) => expect(allowed(url)).toBe(false));
});
