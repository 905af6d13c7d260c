// The calendar cards in real Chromium against the in-page fake: connecting
// Outlook through the browser (and by hand, from the link, when no browser
// opened), connecting CalDAV with a preset or an address and an app-specific
// password that never stays on the page, choosing each account's calendar,
// Google and Outlook side by side, and disconnect dialogs that say where the
// user removes what the app cannot. axe and screenshots (light, dark, 400 px)
// on each screen.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureScreen, chromiumPresent } from './browser-kit';
import { caldavNeedsPassword, ICLOUD_ID, OUTLOOK_ID, twoAccounts } from './renderer-card-scenarios';
import { FAKE_SERVICES, type FakeGlobals } from './renderer-fake-calendar';
import { callsNamed, startRendererSite, type RendererSite } from './renderer-page';
import { nothingConnected, populated } from './renderer-scenarios';

const haveChromium = chromiumPresent('the account card tests');
const { caldavPassword: CALDAV_APP_PASSWORD, microsoftConsentUrl: MICROSOFT_CONSENT_URL } = FAKE_SERVICES;

describe.skipIf(!haveChromium)('calendar cards in Chromium', { timeout: 90_000 }, () => {
  let site: RendererSite;

  beforeAll(async () => {
    site = await startRendererSite();
  }, 90_000);

  afterAll(async () => {
    await site?.close();
  });

  async function done(page: Page, problems: string[]): Promise<void> {
    expect(problems).toEqual([]);
    await page.context().close();
  }

  /** Nothing of the password anywhere the page keeps things: the DOM, its attributes, web storage. */
  async function pageHolds(page: Page, secret: string): Promise<boolean> {
    return page.evaluate((s) => {
      const g = globalThis as unknown as { document: { documentElement: { outerHTML: string }; querySelectorAll(q: string): ArrayLike<{ value: string }> }; localStorage: { length: number }; sessionStorage: { length: number } };
      const inputs = Array.from(g.document.querySelectorAll('input')).some((i) => i.value.includes(s));
      return g.document.documentElement.outerHTML.includes(s) || inputs || g.localStorage.length > 0 || g.sessionStorage.length > 0;
    }, secret);
  }

  const card = (page: Page, name: string | RegExp): Locator => page.getByRole('article', { name });
  const settings = async (page: Page): Promise<void> => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Calendars' }).waitFor();
  };

  it('first run: Outlook connects through the browser, shows the link when no browser opened, can be cancelled, then asks where the events go', async () => {
    const { page, problems } = await open(nothingConnected);
    await page.getByRole('heading', { name: 'Connect a calendar' }).waitFor();
    for (const name of ['Google Calendar', 'Outlook / Microsoft 365', 'CalDAV (iCloud, Fastmail, Nextcloud)']) await card(page, name).waitFor();
    expect(await page.getByText('Coming in a later version').count()).toBe(0);
    const a11y = await captureScreen(page, 'cards-first-run');

    const outlook = card(page, 'Outlook / Microsoft 365');
    await outlook.getByRole('button', { name: 'Connect' }).click();
    await outlook.getByRole('button', { name: 'Waiting for Microsoft…' }).waitFor();
    // One sign-in at a time.
    expect(await card(page, 'Google Calendar').getByRole('button', { name: 'Connect' }).isDisabled()).toBe(true);
    await outlook.locator('code.url', { hasText: MICROSOFT_CONSENT_URL }).waitFor();
    await outlook.getByText('If it did not open, copy this address into it').waitFor();
    a11y.push(...(await captureScreen(page, 'cards-outlook-waiting')));

    // Changed their mind: Cancel stops the wait, says nothing was saved, and Connect works again.
    await outlook.getByRole('button', { name: 'Cancel' }).click();
    await outlook.getByRole('alert').filter({ hasText: 'Connecting was cancelled. Nothing was saved' }).waitFor();
    await outlook.getByRole('button', { name: 'Connect' }).click();
    await outlook.getByRole('button', { name: 'Waiting for Microsoft…' }).waitFor();
    await expect.poll(() => outlook.getByRole('alert').count()).toBe(0);
    await outlook.locator('code.url').waitFor();
    await page.evaluate(() => (globalThis as unknown as FakeGlobals).__finishSignIn());
    const choose = page.getByRole('form', { name: 'Choose what syncs' });
    await choose.waitFor();
    const where = choose.getByRole('group', { name: 'Outlook / Microsoft 365: jordan.lee@outlook.example' });
    // The account starts on Outlook's alias for the main calendar; the list names it.
    await expect(where.getByLabel('Calendar').inputValue()).resolves.toBe('AAMkAGI2TGuLAAA=');
    await where.getByRole('option', { name: 'Calendar (main)' }).waitFor({ state: 'attached' });
    expect(await where.getByRole('button', { name: 'Use this calendar' }).count()).toBe(0);
    a11y.push(...(await captureScreen(page, 'cards-first-run-choose-outlook')));
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'microsoft' }, { provider: 'microsoft' }]);
    expect(await callsNamed(page, 'cancelConnect')).toEqual([{}]);
    expect(a11y).toEqual([]);
    await done(page, problems);
  });

  it("CalDAV: presets or an address, the core's words for a wrong server or password, and a password that never stays on the page", async () => {
    const { page, problems } = await open(nothingConnected);
    const caldav = card(page, 'CalDAV (iCloud, Fastmail, Nextcloud)');
    const form = caldav.getByRole('form', { name: 'Connect a CalDAV calendar' });
    await expect(form.getByRole('radio', { name: 'iCloud' }).isChecked()).resolves.toBe(true);
    await form.getByText('account.apple.com → Sign-In and Security → App-Specific Passwords').waitFor();
    await form.getByRole('radio', { name: 'Fastmail' }).check();
    await form.getByText('Fastmail Settings → Privacy & Security → Integrations').waitFor();

    // Not a CalDAV server: said in the core's words, with the presets' addresses.
    await form.getByRole('radio', { name: /^Other/ }).check();
    await form.getByLabel('Server address').fill('www.example.com');
    await form.getByLabel('User name').fill('jordan');
    await form.getByLabel('App-specific password').fill('whatever-1');
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByRole('alert').filter({ hasText: 'www.example.com answered, but it does not offer CalDAV calendars at that address.' }).waitFor();
    expect((await callsNamed(page, 'connect'))[0]).toEqual({ provider: 'caldav', caldav: { serverUrl: 'https://www.example.com', username: 'jordan', password: 'whatever-1' } });

    // A wrong password: said plainly, and the field is empty again.
    await form.getByRole('radio', { name: 'iCloud' }).check();
    await form.getByLabel('User name').fill('jordan.lee@icloud.example');
    await form.getByLabel('App-specific password').fill('my-apple-password');
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByRole('alert').filter({ hasText: 'caldav.icloud.com did not accept the user name and password.' }).waitFor();
    await expect(form.getByLabel('App-specific password').inputValue()).resolves.toBe('');
    expect(await pageHolds(page, 'my-apple-password')).toBe(false);
    expect(await captureScreen(page, 'cards-caldav-wrong-password')).toEqual([]);

    await form.getByLabel('App-specific password').fill(CALDAV_APP_PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();
    const choose = page.getByRole('form', { name: 'Choose what syncs' });
    const where = choose.getByRole('group', { name: 'iCloud (CalDAV): jordan.lee@icloud.example on caldav.icloud.com' });
    await where.getByRole('option', { name: 'Home (main)' }).waitFor({ state: 'attached' });
    expect(await pageHolds(page, CALDAV_APP_PASSWORD)).toBe(false);
    expect((await callsNamed(page, 'connect')).at(-1)).toEqual({ provider: 'caldav', caldav: { serverUrl: 'https://caldav.icloud.com', username: 'jordan.lee@icloud.example', password: CALDAV_APP_PASSWORD } });
    await done(page, problems);
  });

  it('shows Google and Outlook side by side, each with its own calendar, and moves Outlook to another', async () => {
    for (const width of [1200, 400]) {
      const { page, problems } = await open(twoAccounts, { width });
      await settings(page);
      const google = card(page, 'Google Calendar');
      const outlook = card(page, 'Outlook / Microsoft 365');
      await outlook.getByText('Jordan Lee', { exact: true }).waitFor();
      await outlook.getByText('jordan.lee@outlook.example', { exact: true }).waitFor();
      await expect(outlook.getByLabel('Calendar').inputValue()).resolves.toBe('AAMkAGI2THVSAAA=');
      await expect(google.getByLabel('Calendar').inputValue()).resolves.toBe('jordan.lee@gmail.com');
      // A read-only calendar cannot take the events.
      expect(await outlook.getByRole('option', { name: 'Birthdays' }).count()).toBe(0);
      const [g, o] = [await google.boundingBox(), await outlook.boundingBox()];
      if (!g || !o) throw new Error('a card is not on screen');
      if (width === 1200) {
        expect(Math.abs(g.y - o.y)).toBeLessThan(2);
        expect(o.x).toBeGreaterThan(g.x + g.width - 1);
        expect(await captureScreen(page, 'cards-two-accounts')).toEqual([]);
      } else {
        // One column at 400 px, nothing wider than the window.
        expect(o.y).toBeGreaterThan(g.y + g.height - 1);
        expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
      }
      if (width === 1200) {
        await outlook.getByLabel('Calendar').selectOption('AAMkAGI2TGuLAAA=');
        await outlook.getByText('The events the app added move to the calendar you choose.').waitFor();
        await outlook.getByRole('button', { name: 'Use this calendar' }).click();
        await outlook.getByRole('button', { name: 'Use this calendar' }).waitFor({ state: 'detached' });
        expect(await callsNamed(page, 'setCalendar')).toEqual([{ accountId: OUTLOOK_ID, calendarId: 'AAMkAGI2TGuLAAA=' }]);
        await expect(outlook.getByLabel('Calendar').inputValue()).resolves.toBe('AAMkAGI2TGuLAAA=');
      }
      await done(page, problems);
    }
  });

  it("Outlook's Disconnect says plainly that access cannot be withdrawn from here, and where to remove it", async () => {
    const { page, problems } = await open(twoAccounts);
    await settings(page);
    await card(page, 'Outlook / Microsoft 365').getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect jordan.lee@outlook.example?' });
    await dialog.getByText('Microsoft does not let the app withdraw its own permission from here.', { exact: false }).waitFor();
    await dialog.getByText('account.microsoft.com → Privacy → Apps and services', { exact: false }).waitFor();
    await expect(dialog.getByRole('button', { name: 'Disconnect, keep events' }).evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
    expect(await captureScreen(page, 'cards-disconnect-outlook', { fullPage: false })).toEqual([]);
    await dialog.getByRole('button', { name: 'Disconnect, keep events' }).click();
    await page.getByRole('status').filter({ hasText: 'Disconnected jordan.lee@outlook.example.' }).getByText('account.microsoft.com → Privacy → Apps and services', { exact: false }).waitFor();
    expect(await callsNamed(page, 'disconnect')).toEqual([{ accountId: OUTLOOK_ID, removeEvents: false }]);
    // The other account is untouched, and Outlook can be connected again.
    await card(page, 'Google Calendar').getByText('Connected').waitFor();
    await card(page, 'Outlook / Microsoft 365').getByRole('button', { name: 'Connect' }).waitFor();
    await done(page, problems);
  });

  it('CalDAV: Reconnect asks for the app-specific password on the card, and Disconnect says to remove it at the provider', async () => {
    const { page, problems } = await open(caldavNeedsPassword);
    await page.getByRole('region', { name: 'Needs attention' }).getByRole('button', { name: 'Reconnect' }).click();
    const icloud = card(page, 'iCloud (CalDAV)');
    await expect.poll(() => icloud.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const form = icloud.getByRole('form', { name: 'Enter the app-specific password again' });
    // The account stays the same: its server and user name are not for changing here.
    await expect(form.getByRole('radio', { name: 'iCloud' }).isChecked()).resolves.toBe(true);
    await expect(form.getByLabel('User name').inputValue()).resolves.toBe('jordan.lee@icloud.example');
    expect(await form.getByLabel('User name').isDisabled()).toBe(true);
    expect(await captureScreen(page, 'cards-caldav-reconnect')).toEqual([]);
    await form.getByLabel('App-specific password').fill(CALDAV_APP_PASSWORD);
    await form.getByRole('button', { name: 'Reconnect' }).click();
    await icloud.getByText('Connected', { exact: true }).waitFor();
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'caldav', caldav: { serverUrl: 'https://caldav.icloud.com', username: 'jordan.lee@icloud.example', password: CALDAV_APP_PASSWORD } }]);
    expect(await pageHolds(page, CALDAV_APP_PASSWORD)).toBe(false);

    await icloud.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect jordan.lee@icloud.example on caldav.icloud.com?' });
    await dialog.getByText('The app-specific password keeps working until you remove it at your provider: account.apple.com → Sign-In and Security → App-Specific Passwords.').waitFor();
    expect(await captureScreen(page, 'cards-disconnect-caldav', { fullPage: false })).toEqual([]);
    await dialog.getByRole('button', { name: 'Disconnect, keep events' }).click();
    expect(await callsNamed(page, 'disconnect')).toEqual([{ accountId: ICLOUD_ID, removeEvents: false }]);
    await done(page, problems);
  });

  it('Google asks once for the calendar list when the user wants another calendar; the CalDAV form opens on request', async () => {
    const { page, problems } = await open(populated);
    await settings(page);
    const google = card(page, 'Google Calendar');
    await google.getByText('Main calendar', { exact: true }).waitFor();
    await google.getByRole('button', { name: 'Choose another calendar' }).click();
    await google.getByLabel('Calendar').waitFor();
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'google', calendarList: true }]);

    // Beside a connected account the CalDAV form waits behind its button; opening it puts focus in it.
    const caldav = card(page, 'CalDAV (iCloud, Fastmail, Nextcloud)');
    expect(await caldav.getByLabel('App-specific password').count()).toBe(0);
    await caldav.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => caldav.getByLabel('User name').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await done(page, problems);
  });

  const open = (...args: Parameters<RendererSite['open']>): ReturnType<RendererSite['open']> => site.open(...args);
});
