// The whole app in a browser, with no stand-in anywhere: the renderer built with
// the app's own config, served by the web host over a real CalendarCore (real
// SQLite, the real keychain, the real Google and Career Copilot clients against
// the sandboxes), driven in Chromium as a new user would: the first run (sign
// in, connect Google, choose what syncs), the first sync and its badges, an
// event moved "in the calendar" while Career Copilot changed it too, the
// conflict in plain words, Career Copilot taking the calendar's time, the
// activity view, and disconnecting. axe runs on every screen; the README's
// screenshot is taken here, from the real app (CCAL_UPDATE_SCREENSHOT=1 writes
// docs/screenshot.png, otherwise test-results/). Any console error or CSP
// violation fails it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererConfig } from '../../electron.vite.config';
import { startWebHost, type WebHost } from '../../src/main/host/web-host';
import { startHarness, startText, taggedEvents, USER, type Harness } from '../fixtures/harness';
import { captureScreen, chromiumPresent, launchChromium, REPO } from './browser-kit';

const haveChromium = chromiumPresent('the app-in-browser tests');

const ZONE = 'Europe/Berlin';
/** A naive Career Copilot interview_date, `days` from now at `hour` in the user's zone. */
const inDays = (days: number, hour = 10): string => DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

describe.skipIf(!haveChromium)('the app in a browser over the web host', { timeout: 120_000 }, () => {
  let outDir = '';
  let h: Harness;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const a11y: string[] = [];
  let acmeId = 0;
  let globexId = 0;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'ccal-app-in-browser-'));
    await build({ ...rendererConfig, configFile: false, logLevel: 'warn', build: { ...rendererConfig.build, outDir, emptyOutDir: true } });
    // A fresh install: nothing connected, and signed out before the page opens.
    h = await startHarness({ timeZone: ZONE, connect: false });
    await h.core.signOut();
    const acme = h.copilot.addJob({ title: 'Backend Engineer', company: 'Acme', location: 'Berlin' });
    const globex = h.copilot.addJob({ title: 'Platform Engineer', company: 'Globex', location: 'Lisbon' });
    const initech = h.copilot.addJob({ title: 'Data Engineer', company: 'Initech', location: 'Remote (EU)' });
    acmeId = h.copilot.addApplication({ job_id: acme.id, status: 'interview', interview_date: inDays(3), follow_up_date: null }, USER.email).id;
    globexId = h.copilot.addApplication({ job_id: globex.id, status: 'interview', interview_date: inDays(5, 14), follow_up_date: DateTime.now().plus({ days: 6 }).toISODate() }, USER.email).id;
    h.copilot.addApplication({ job_id: initech.id, status: 'applied', interview_date: null, follow_up_date: DateTime.now().plus({ days: 1 }).toISODate() }, USER.email);
    host = await startWebHost({ core: h.core, staticDir: outDir });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US', timezoneId: ZONE, reducedMotion: 'reduce' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Chromium logs CSP violations to the console too; the event makes it certain.
    await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(`CSP: ${text}`));
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => window.__reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
    });
    await page.goto(host.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await h?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** Waits until the core has finished a run that started after `before`, and the button is back. */
  async function runFinished(before: string | null): Promise<void> {
    await expect
      .poll(async () => {
        const state = await h.core.getState();
        return state.lastRun !== null && state.lastRun.startedAt !== before && state.lastRun.finishedAt !== null && !state.syncing;
      }, { timeout: 20_000 })
      .toBe(true);
    await page.locator('section.sync button.primary:not([disabled])', { hasText: 'Sync now' }).waitFor();
  }

  async function syncNow(): Promise<void> {
    const before = (await h.core.getState()).lastRun?.startedAt ?? null;
    await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
    await runFinished(before);
  }

  const items = (): ReturnType<Page['getByRole']> => page.getByRole('region', { name: /Interviews and follow-ups/ });
  const row = (company: string, kind: string) => items().getByRole('article', { name: new RegExp(`^${company}\\b`) }).filter({ hasText: kind });

  it('first run: signs in, connects Google through the real OAuth flow, chooses what syncs, and syncs', async () => {
    const form = page.getByRole('form', { name: 'Sign in to Career Copilot' });
    await form.waitFor();
    a11y.push(...(await captureScreen(page, 'real-welcome')));
    await form.getByLabel('Email').fill(USER.email);
    await form.getByLabel('Password').fill(USER.password);
    await form.getByRole('button', { name: 'Sign in' }).click();

    const card = page.getByRole('article', { name: 'Google Calendar' });
    await card.getByRole('button', { name: 'Connect' }).click();
    const choose = page.getByRole('form', { name: 'Choose what syncs' });
    await choose.waitFor({ timeout: 20_000 });
    await expect(choose.getByLabel('Time zone').inputValue()).resolves.toBe(ZONE);
    const before = (await h.core.getState()).lastRun?.startedAt ?? null;
    await choose.getByRole('button', { name: 'Start syncing' }).click();
    await runFinished(before);

    await row('Acme', 'Interview').getByText('Synced to Google Calendar').waitFor();
    await row('Globex', 'Interview').getByText('Platform Engineer', { exact: true }).waitFor();
    await row('Initech', 'Follow-up').waitFor();
    await page.getByText(/^Sync finished: \d+ events? added/).waitFor();

    const events = taggedEvents(h.google);
    expect(events.get(`application:${acmeId}:interview`)?.map((e) => e.summary)).toEqual(['Interview: Backend Engineer at Acme']);
    expect(events.get(`application:${globexId}:interview`)).toHaveLength(1);
    a11y.push(...(await captureScreen(page, 'real-upcoming')));
    expect(problems).toEqual([]);
  });

  it("explains a conflict in plain words, and Keep Google Calendar's sends the calendar's time to Career Copilot", async () => {
    const event = taggedEvents(h.google).get(`application:${acmeId}:interview`)?.[0];
    if (!event) throw new Error('the Acme interview is not in the calendar');
    const calendarTime = DateTime.fromISO(inDays(10, 12), { zone: ZONE });
    h.google.userMoveEvent('primary', event.id, { dateTime: calendarTime.toISO() ?? '', timeZone: ZONE }, { dateTime: calendarTime.plus({ hours: 1 }).toISO() ?? '', timeZone: ZONE });
    h.copilot.updateApplication(acmeId, { interview_date: inDays(11, 9) });

    await syncNow();
    const conflicts = page.getByRole('region', { name: /Changed in both places/ });
    const card = conflicts.getByRole('article', { name: /^Acme/ });
    const said = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    await card.getByText(`You moved it to ${said.format(calendarTime.toJSDate())} in Google Calendar`, { exact: false }).waitFor();
    // The core says when each side changed, so the card reads "now says … (changed … ago)" or "still says …".
    const copilotSays = said.format(DateTime.fromISO(inDays(11, 9), { zone: ZONE }).toJSDate());
    await card.getByText(new RegExp(`Career Copilot (now |still )?says ${copilotSays.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).waitFor();
    expect(await card.locator('mark').count()).toBeGreaterThan(0);

    // The README's picture: the real app with a calendar connected, upcoming items and a conflict to resolve.
    await mkdir(join(REPO, 'test-results'), { recursive: true });
    const shot = process.env.CCAL_UPDATE_SCREENSHOT === '1' ? join(REPO, 'docs', 'screenshot.png') : join(REPO, 'test-results', 'screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    a11y.push(...(await captureScreen(page, 'real-conflict')));

    await card.getByRole('button', { name: "Keep Google Calendar's" }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: "Kept Google Calendar's time for Acme." }).waitFor();

    await syncNow();
    await expect.poll(() => h.copilot.application(acmeId)?.interview_date, { timeout: 10_000 }).toBe(inDays(10, 12));
    expect(Date.parse(startText(h.google.events('primary').find((e) => e.id === event.id)?.start) ?? '')).toBe(calendarTime.toMillis());
    expect(await conflicts.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the audit log of what happened, then disconnects back to the first run', async () => {
    await page.getByRole('button', { name: 'Activity' }).click();
    const log = page.getByRole('region', { name: /Activity log/ });
    await log.getByText('Connected a calendar').first().waitFor();
    await log.getByText('Resolved a conflict').first().waitFor();
    await log.getByRole('searchbox').fill('signed in');
    await log.getByText('Signed in to Career Copilot').first().waitFor();
    a11y.push(...(await captureScreen(page, 'real-activity')));

    await page.getByRole('button', { name: 'Settings' }).click();
    a11y.push(...(await captureScreen(page, 'real-settings')));
    await page.getByRole('article', { name: 'Google Calendar' }).getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog', { name: /^Disconnect / }).getByRole('button', { name: 'Disconnect, keep events' }).click();
    await page.getByRole('heading', { name: 'Connect a calendar' }).waitFor({ timeout: 20_000 });
    expect((await h.core.getState()).accounts).toEqual([]);
    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
  });
});
