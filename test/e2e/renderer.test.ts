// The renderer in real Chromium: built with the app's own renderer config,
// served over loopback HTTP under the app's CSP, with the preload replaced by an
// in-page fake (renderer-fake-calendar.ts) and the page's clock fixed in one New
// York week. Drives every screen as a user would, runs axe on each, and saves a
// screenshot of each in light, dark and at 400 px (test-results/screens/).
// Electron itself is not needed (its binary is not on CI).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../src/shared/domain';
import { captureScreen, chromiumPresent, seriousViolations } from './browser-kit';
import type { FakeGlobals, Scenario } from './renderer-fake-calendar';
import { callsNamed, startRendererSite, type OpenOptions, type RendererSite } from './renderer-page';
import { conflict, guardStop, needsReauth, nothingConnected, populated, signedOut, ZONE } from './renderer-scenarios';

const haveChromium = chromiumPresent('the renderer tests');

// Screenshots and axe in three variants per screen make some tests long on a shared 2-core machine.
describe.skipIf(!haveChromium)('renderer in Chromium', { timeout: 90_000 }, () => {
  let site: RendererSite;

  beforeAll(async () => {
    site = await startRendererSite();
  }, 90_000);

  afterAll(async () => {
    await site?.close();
  });

  const open = (scenario: Scenario, options?: OpenOptions): ReturnType<RendererSite['open']> => site.open(scenario, options);
  const upcoming = (page: Page) => page.getByRole('region', { name: /Interviews and follow-ups/ });
  /** A row of the items list, by the company it leads with. */
  const row = (page: Page, company: string) => upcoming(page).getByRole('article', { name: new RegExp(`^${company}\\b`) });
  /** A row by its source id, whatever it shows. */
  const rowOf = (page: Page, sourceId: string) => page.locator(`article:has(#item-${sourceId.replace(/[^A-Za-z0-9_-]/g, '-')}-name)`);

  async function done(page: Page, problems: string[]): Promise<void> {
    expect(problems).toEqual([]);
    await page.context().close();
  }

  it('first run: welcome, sign in, connect Google, choose what syncs in the detected zone, then the first sync', async () => {
    const { page, problems } = await open(signedOut);
    await page.getByRole('heading', { name: 'Career Copilot Calendar' }).waitFor();
    const form = page.getByRole('form', { name: 'Sign in to Career Copilot' });
    // The sign-in alert is what this screen is for; it is not repeated above it.
    expect(await page.getByRole('region', { name: 'Needs attention' }).getByText('Sign in to Career Copilot to sync').count()).toBe(0);
    expect(await page.getByRole('note', { name: 'Demo account' }).count()).toBe(0);
    const a11y = await captureScreen(page, 'welcome');

    await form.getByLabel('Email').fill('jordan.lee@example.com');
    await form.getByLabel('Password').fill('correct horse');
    await form.getByRole('button', { name: 'Sign in' }).click();
    expect(await callsNamed(page, 'signIn')).toEqual([{ email: 'jordan.lee@example.com', password: 'correct horse' }]);

    const card = page.getByRole('article', { name: 'Google Calendar' });
    await card.waitFor();
    // The sign-in form is gone (the CalDAV card's app-specific password is another field).
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    a11y.push(...(await captureScreen(page, 'first-run-connect')));
    await card.getByRole('checkbox', { name: /Most private/ }).check();
    await card.getByRole('button', { name: 'Connect' }).click();
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'google', dedicatedCalendar: true }]);

    const choose = page.getByRole('form', { name: 'Choose what syncs' });
    await choose.waitFor();
    // The preference was still the default (UTC): the computer's zone is proposed and named.
    await expect(choose.getByLabel('Time zone').inputValue()).resolves.toBe(ZONE);
    await choose.getByText('Detected from this computer.').waitFor();
    a11y.push(...(await captureScreen(page, 'first-run-choose')));
    await choose.getByRole('checkbox', { name: 'Reminders before interviews' }).uncheck();
    await choose.getByRole('button', { name: 'Start syncing' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    expect(await callsNamed(page, 'setPreferences')).toEqual([{ kinds: { interview: true, follow_up: true, reminder: false }, timeZone: ZONE }]);
    await expect.poll(() => callsNamed(page, 'syncNow')).toEqual([{}]);
    expect(a11y).toEqual([]);
    await done(page, problems);
  });

  it('the demo shows its sandbox account on the welcome screen and can fill it in', async () => {
    const { page, problems } = await open(signedOut, { query: '?demo=1' });
    const hint = page.getByRole('note', { name: 'Demo account' });
    await hint.getByText('demo@careercopilot.example').waitFor();
    await hint.getByText('demo-password').waitFor();
    await hint.getByRole('button', { name: 'Fill in the demo account' }).click();
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('demo@careercopilot.example');
    expect(await captureScreen(page, 'welcome-demo')).toEqual([]);
    await done(page, problems);
  });

  it('signing out returns to the welcome screen with nothing of the account left below it', async () => {
    const { page, problems } = await open(populated);
    await row(page, 'Acme Corp').first().waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in to Career Copilot' }).waitFor();
    expect(await page.getByText('Acme Corp').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Views' }).count()).toBe(0);
    await done(page, problems);
  });

  it('rows lead with company and role, group by day, keep past items apart, and never clip a badge', async () => {
    for (const width of [1200, 400]) {
      const { page, problems } = await open(populated, { width });
      const list = upcoming(page);
      await row(page, 'Acme Corp').first().waitFor();
      await list.getByRole('heading', { name: 'Today · Tuesday, March 10' }).waitFor();
      await list.getByRole('heading', { name: 'Tomorrow · Wednesday, March 11' }).waitFor();
      await list.getByRole('heading', { name: 'Thursday, March 12' }).waitFor();
      // Past items are folded away until asked for.
      expect(await row(page, 'Pied Piper').count()).toBe(0);

      const acme = row(page, 'Acme Corp').filter({ hasText: 'Interview' }).filter({ hasText: '10:00' });
      await acme.getByText('10:00 – 11:00 AM').waitFor();
      for (const words of ['Synced to Google Calendar', 'Waiting to sync', 'Failed — Retry', 'Conflict', 'Cancelled — removed from your calendar']) {
        await list.locator('.badge').getByText(words, { exact: true }).first().waitFor();
      }
      expect(await list.getByText('Not in a calendar yet').count()).toBe(0);
      expect(await list.getByText(/^Interview:/).count()).toBe(0);

      // Every badge is whole: nothing overflows its pill or its row.
      const clipped = await page.locator('.badge').evaluateAll((badges) =>
        badges
          .filter((b) => {
            const row = b.closest('.item')?.getBoundingClientRect();
            const r = b.getBoundingClientRect();
            return b.scrollWidth > b.clientWidth + 1 || !row || r.right > row.right + 1 || r.left < row.left - 1;
          })
          .map((b) => b.textContent),
      );
      expect(clipped).toEqual([]);
      if (width === 1200) expect(await captureScreen(page, 'upcoming')).toEqual([]);
      await done(page, problems);
    }
  });

  it('searches and filters by kind and state, and shows past items on request', async () => {
    const { page, problems } = await open(populated);
    const list = upcoming(page);
    await row(page, 'Acme Corp').first().waitFor();
    await list.getByRole('searchbox').fill('initech');
    await list.getByText('1 of 11 shown').waitFor();
    await row(page, 'Initech').waitFor();
    await list.getByRole('searchbox').fill('');

    await list.getByLabel('Kind').selectOption('follow_up');
    await expect.poll(() => page.locator('.item').count()).toBe(2);
    await list.getByLabel('Kind').selectOption('all');
    await list.getByLabel('State').selectOption('failed');
    await row(page, 'Stark Industries').waitFor();
    await expect.poll(() => page.locator('.item').count()).toBe(1);
    await list.getByLabel('State').selectOption('all');

    await list.getByRole('button', { name: 'Show past (2)' }).click();
    await list.getByRole('heading', { name: 'Past' }).waitFor();
    await row(page, 'Pied Piper').waitFor();
    await done(page, problems);
  });

  it('opens an item: place and notes, the Add to calendar switch, and a new time typed in the user zone', async () => {
    const { page, problems } = await open(populated);
    const acme = rowOf(page, 'application:42:interview');
    await acme.getByRole('button', { name: 'Details' }).click();
    await acme.getByText('500 Market St, 4th floor, San Francisco').waitFor();
    await acme.getByText('prepare the system design story').waitFor();
    expect(await captureScreen(page, 'item-details')).toEqual([]);

    await acme.getByRole('switch', { name: 'Add to calendar' }).uncheck();
    await expect.poll(() => callsNamed(page, 'setItemSync')).toEqual([{ sourceId: 'application:42:interview', enabled: false }]);
    await acme.getByText('Not added — switched off').waitFor();
    await acme.getByRole('switch', { name: 'Add to calendar' }).check();

    await acme.getByRole('button', { name: 'Change time' }).click();
    const form = acme.getByRole('form', { name: 'Change the time' });
    await form.getByText('In America/New York; the length stays the same.').waitFor();
    await form.getByLabel('Time').fill('11:30');
    await form.getByRole('button', { name: 'Save' }).click();
    // 11:30 in New York on 10 March 2026 (UTC−4), one hour long as before.
    expect(await callsNamed(page, 'editItem')).toEqual([
      { sourceId: 'application:42:interview', timing: { type: 'timed', startUtc: '2026-03-10T15:30:00Z', endUtc: '2026-03-10T16:30:00Z', zone: ZONE } },
    ]);
    // Queued: the header counts it with the two already waiting.
    await page.getByRole('status').filter({ hasText: '3 changes waiting to sync' }).waitFor();
    await acme.locator('.item-when', { hasText: '11:30 AM – 12:30 PM' }).waitFor();
    await acme.getByText('Waiting to sync').waitFor();
    await done(page, problems);
  });

  it('explains a conflict in plain words, highlights what differs, and says what Remember will do', async () => {
    const { page, problems } = await open(populated);
    const card = page.getByRole('article', { name: /^Initech/ }).filter({ has: page.getByRole('table') });
    await card.getByText('You moved it to Thu, Mar 12, 3:30 PM in Google Calendar, 2 minutes ago.').waitFor();
    await card.getByText('Career Copilot still says Thu, Mar 12, 2:00 PM.').waitFor();
    // The time differs, the date does not.
    expect(await card.locator('tr.changed th').allTextContents()).toEqual(['Time']);
    await card.locator('mark', { hasText: '3:30 – 4:30 PM' }).waitFor();
    // The card and the list show the same Career Copilot time.
    const listed = await row(page, 'Initech').locator('.item-when').textContent();
    expect(await card.locator('tbody tr').nth(1).locator('td').first().textContent()).toBe(listed);
    expect(await page.getByText(/2026-03-10T/).count()).toBe(0);
    expect(await captureScreen(page, 'conflict')).toEqual([]);

    await card.getByLabel('Remember my choice').check();
    await card.getByText('also wins every future conflict, without asking. You can undo this in Preferences').waitFor();
    await card.getByRole('button', { name: "Keep Google Calendar's" }).click();
    await card.waitFor({ state: 'detached' });
    expect(await callsNamed(page, 'resolveConflict')).toEqual([{ id: conflict.id, choice: 'keep_calendar', remember: true }]);
    const notice = page.getByRole('status').filter({ hasText: "Kept Google Calendar's time for Initech" });
    await notice.getByText("From now on, when both sides change, Google Calendar's version wins without asking.").waitFor();
    await notice.getByRole('button', { name: 'Ask me again' }).click();
    await expect.poll(() => callsNamed(page, 'setPreferences')).toEqual([{ conflictPolicy: 'ask' }]);
    await done(page, problems);
  });

  it('clears the revoked-access alert after a successful Reconnect, also when it was pushed', async () => {
    const { page, problems } = await open(needsReauth);
    const banner = page.getByRole('region', { name: 'Needs attention' });
    await banner.getByText('Google access was removed').waitFor();
    // The same alert also arrives as an event during a sync.
    const pushed = needsReauth.state.alerts[0];
    if (!pushed) throw new Error('scenario changed');
    await page.evaluate((alert) => (globalThis as unknown as FakeGlobals).__emit('alert', alert), pushed);
    expect(await captureScreen(page, 'needs-reconnect')).toEqual([]);
    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await banner.getByText('Google access was removed').waitFor({ state: 'detached' });
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'google' }]);
    await done(page, problems);
  });

  it("a notification's click opens the card that needs the user", async () => {
    const { page, problems } = await open(needsReauth);
    await row(page, 'Acme Corp').first().waitFor();
    const pushed = needsReauth.state.alerts[0];
    if (!pushed) throw new Error('scenario changed');
    // What the desktop shell sends when its notification for this alert is clicked.
    await page.evaluate((alert) => (globalThis as unknown as FakeGlobals).__emit('openAlert', alert), pushed);
    const card = page.getByRole('article', { name: 'Google Calendar' });
    await card.getByRole('button', { name: 'Reconnect' }).waitFor();
    await expect.poll(() => card.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await done(page, problems);
  });

  it('never calls a sync with problems "up to date", and names no command line in the window', async () => {
    const summary = { outcome: 'partial' as const, created: 0, updated: 0, deleted: 0, pulled: 0, conflicts: 0, failures: 0, skippedRecords: 0, messages: ['Google is not answering. The app tries again in a minute.', 'This sync would delete 6 events. Approve it with "ccal sync --once --allow-deletes".'] };
    const { page, problems } = await open({ ...populated, syncSummary: summary });
    const sync = page.getByRole('region', { name: 'Sync' });
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await sync.getByText('Sync did not finish everything.').waitFor();
    await sync.getByText('Google is not answering.').waitFor();
    expect(await sync.getByText(/up to date/).count()).toBe(0);
    expect(await page.getByText(/ccal /).count()).toBe(0);
    await done(page, problems);
  });

  it('asks about a mass delete with the list of events, and Keep them keeps them', async () => {
    const { page, problems } = await open(guardStop);
    const banner = page.getByRole('region', { name: 'Needs attention' });
    await banner.getByText('A sync stopped before removing several events').waitFor();
    expect(await page.getByText(/ccal /).count()).toBe(0);
    await banner.getByRole('button', { name: 'Review the events' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove these events from your calendar?' });
    const list = dialog.getByRole('list', { name: 'Events that would be removed' });
    await list.getByText('Globex').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(3);
    await dialog.getByText('The last sync would remove 3 events from Google Calendar (jordan.lee@gmail.com)').waitFor();
    // Focus starts on the choice that deletes nothing.
    await expect(dialog.getByRole('button', { name: 'Keep them' }).evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
    expect(await captureScreen(page, 'mass-delete', { fullPage: false })).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await callsNamed(page, 'decideDeletes')).toEqual([{ accountId: 'google:jordan.lee@gmail.com', guardId: 'g1', approve: false }]);
    await banner.getByText('A sync stopped before removing several events').waitFor({ state: 'detached' });
    await done(page, problems);
  });

  it('saves preferences, and a time-zone change says how many events move and asks first', async () => {
    const { page, problems } = await open(populated);
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await captureScreen(page, 'settings')).toEqual([]);
    await page.getByRole('checkbox', { name: 'Follow-ups' }).uncheck();
    await page.getByRole('radio', { name: 'Only “Busy”' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Saved.').waitFor();
    const [patch] = (await callsNamed(page, 'setPreferences')) as { kinds: unknown; detail: unknown }[];
    expect(patch?.kinds).toEqual({ interview: true, follow_up: false, reminder: true });
    expect(patch?.detail).toBe('busy_only');

    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the time zone to Europe/Berlin?' });
    await dialog.getByText('6 events in your calendar will move').waitFor();
    await dialog.getByText('Initech').waitFor();
    expect(await captureScreen(page, 'zone-change', { fullPage: false })).toEqual([]);
    expect(await callsNamed(page, 'setPreferences')).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Change and move 6 events' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => ((await callsNamed(page, 'setPreferences')).at(-1) as { timeZone?: string }).timeZone).toBe('Europe/Berlin');
    await done(page, problems);
  });

  it('still asks before a zone change when the core cannot count the events yet', async () => {
    const { preview: _none, ...withoutPreview } = populated;
    const { page, problems } = await open(withoutPreview);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the time zone to Europe/Berlin?' });
    await dialog.getByText('events already in your calendar may move').waitFor();
    await dialog.getByRole('button', { name: 'Keep America/New York' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await callsNamed(page, 'setPreferences')).toEqual([]);
    await done(page, problems);
  });

  it('asks whether to remove events on disconnect, starting on the safe choice', async () => {
    const { page, problems } = await open(populated);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('article', { name: 'Google Calendar' }).getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect jordan.lee@gmail.com?' });
    await dialog.waitFor();
    await expect(dialog.getByRole('button', { name: 'Disconnect, keep events' }).evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
    expect(await captureScreen(page, 'disconnect', { fullPage: false })).toEqual([]);
    await dialog.getByRole('button', { name: 'Disconnect, keep events' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await callsNamed(page, 'disconnect')).toEqual([{ accountId: 'google:jordan.lee@gmail.com', removeEvents: false }]);
    await done(page, problems);
  });

  it('names a private calendar "Career Copilot (private)", never its raw id', async () => {
    const privateAccount = { ...populated.state.accounts[0]!, calendarId: 'c_8f3a0d1e9b7c4a2f@group.calendar.google.com', scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.app.created'] };
    const { page, problems } = await open({ ...populated, state: { ...populated.state, accounts: [privateAccount] } });
    await page.getByRole('button', { name: 'Settings' }).click();
    const card = page.getByRole('article', { name: 'Google Calendar' });
    await card.getByText('Career Copilot (private)').waitFor();
    expect(await card.getByText(/group\.calendar\.google\.com/).count()).toBe(0);
    await done(page, problems);
  });

  it('activity: searches the log, exports JSON Lines and CSV, and draws the metrics', async () => {
    const { page, problems } = await open(populated);
    await page.getByRole('button', { name: 'Activity' }).click();
    const log = page.getByRole('region', { name: /Activity log/ });
    await log.getByText('Renewed calendar access').waitFor();
    await page.locator('.chart-canvas canvas').first().waitFor();
    expect(await page.getByRole('figure').count()).toBe(2);
    expect(await captureScreen(page, 'activity')).toEqual([]);

    await log.getByRole('searchbox').fill('failed');
    await log.getByText('1 of 6').waitFor();
    await log.getByText('provider_unavailable', { exact: false }).waitFor();

    const [csv] = await Promise.all([page.waitForEvent('download'), log.getByRole('button', { name: 'Export CSV' }).click()]);
    const csvText = await readFile((await csv.path()) ?? '', 'utf8');
    expect(csvText.split('\r\n')[0]).toBe('id,at,account,action,outcome,detail');
    expect(csvText).toContain('token.refresh');
    const [jsonl] = await Promise.all([page.waitForEvent('download'), log.getByRole('button', { name: 'Export JSON Lines' }).click()]);
    expect(jsonl.suggestedFilename()).toMatch(/\.jsonl$/);
    const lines = (await readFile((await jsonl.path()) ?? '', 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toContain('connect');
    await done(page, problems);
  });

  it('keyboard: a skip link first, then visible focus through the views', async () => {
    const { page, problems } = await open(populated);
    await row(page, 'Acme Corp').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip.evaluate((a) => a === a.ownerDocument.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('main');
    // A focused control shows a ring.
    await page.getByRole('button', { name: 'Activity' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.getByRole('button', { name: 'Activity' }).evaluate((b) => b.ownerDocument.defaultView?.getComputedStyle(b).outlineStyle);
    expect(outline).toBe('solid');
    await done(page, problems);
  });

  it('follows the system theme', async () => {
    const { page, problems } = await open(populated);
    await row(page, 'Acme Corp').first().waitFor();
    const background = (): Promise<string | undefined> => page.locator('html').evaluate((html) => html.ownerDocument.defaultView?.getComputedStyle(html).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(246, 247, 249)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(18, 22, 28)');
    await done(page, problems);
  });

  it('keeps 10,000 items in a virtual list: few rows in the page, and the last one reachable', async () => {
    const base = populated.items.find((i) => i.sourceId === 'application:42:interview');
    if (!base || base.timing.type !== 'timed') throw new Error('scenario changed');
    const many: ItemView[] = Array.from({ length: 10_000 }, (_, n) => {
      const start = Date.parse('2026-03-10T14:00:00Z') + n * 3_600_000;
      return { ...base, sourceId: `application:${n + 1000}:interview`, company: `Company ${n + 1}`, timing: { ...base.timing, startUtc: new Date(start).toISOString(), endUtc: new Date(start + 3_600_000).toISOString() } };
    });
    // The scenario itself (10,000 items copied into the page) is what takes time to load here.
    const { page, problems } = await open({ ...populated, items: many, conflicts: [] }, { loadTimeout: 30_000 });
    await row(page, 'Company 1').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.item').count()).toBeLessThan(60);
    await page.locator('.items-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await row(page, 'Company 10000').waitFor();
    expect(await page.locator('.item').count()).toBeLessThan(60);
    expect(await seriousViolations(page)).toEqual([]);
    await done(page, problems);
  });

  it('offers Connect with what the app will see when signed in with no calendar', async () => {
    const { page, problems } = await open(nothingConnected);
    await page.getByRole('heading', { name: 'Connect a calendar' }).waitFor();
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await upcoming(page).getByText('Nothing to put in the calendar yet.').waitFor();
    await done(page, problems);
  });
});
