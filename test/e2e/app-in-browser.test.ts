// The whole app in a browser, with no stand-in anywhere: the renderer built with
// the app's own config, served by the web host over a real CalendarCore (real
// SQLite, the real keychain, the real Google and Career Copilot clients against
// the sandboxes), driven in Chromium as a user would: sync, see the interviews,
// resolve a conflict, and see Career Copilot take the calendar's time. Any
// console error or CSP violation fails it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererConfig } from '../../electron.vite.config';
import { startWebHost, type WebHost } from '../../src/main/host/web-host';
import { startHarness, startText, taggedEvents, USER, type Harness } from '../fixtures/harness';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  // On CI a missing browser is a broken machine, not a reason to skip.
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing; install the chromium package (scripts/test.sh does).`);
  console.warn(`Skipping the app-in-browser tests: ${CHROMIUM} is not installed.`);
}

const ZONE = 'Europe/Berlin';
/** A naive Career Copilot interview_date, `days` from now at `hour` in the user's zone. */
const inDays = (days: number, hour = 10): string => DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

const ACME = 'Interview: Backend Engineer at Acme';
const GLOBEX = 'Interview: Platform Engineer at Globex';

describe.skipIf(!haveChromium)('the app in a browser over the web host', () => {
  let outDir = '';
  let h: Harness;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let acmeId = 0;
  let globexId = 0;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'ccal-app-in-browser-'));
    await build({ ...rendererConfig, configFile: false, logLevel: 'warn', build: { ...rendererConfig.build, outDir, emptyOutDir: true } });
    h = await startHarness({ timeZone: ZONE });
    const acme = h.copilot.addJob({ title: 'Backend Engineer', company: 'Acme', location: 'Berlin' });
    const globex = h.copilot.addJob({ title: 'Platform Engineer', company: 'Globex', location: 'Lisbon' });
    acmeId = h.copilot.addApplication({ job_id: acme.id, status: 'interview', interview_date: inDays(3), follow_up_date: null }, USER.email).id;
    globexId = h.copilot.addApplication({ job_id: globex.id, status: 'interview', interview_date: inDays(5, 14), follow_up_date: null }, USER.email).id;
    host = await startWebHost({ core: h.core, staticDir: outDir });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' });
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

  /** Presses "Sync now" and waits until the core has finished that run and the button is back. */
  async function syncNow(): Promise<void> {
    const before = (await h.core.getState()).lastRun?.startedAt ?? null;
    await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(async () => {
        const state = await h.core.getState();
        return state.lastRun !== null && state.lastRun.startedAt !== before && state.lastRun.finishedAt !== null && !state.syncing;
      }, { timeout: 20_000 })
      .toBe(true);
    await page.locator('section.sync button.primary:not([disabled])', { hasText: 'Sync now' }).waitFor();
  }

  it('shows the connected Google account, syncs, and lists the interviews that reach the calendar', async () => {
    const card = page.getByRole('article', { name: 'Google Calendar' });
    await card.getByText('jane@gmail.example', { exact: true }).waitFor();
    await card.getByText('Connected', { exact: true }).waitFor();

    await syncNow();
    const items = page.getByRole('region', { name: /Interviews and follow-ups/ });
    await items.getByText(ACME, { exact: true }).waitFor();
    await items.getByText(GLOBEX, { exact: true }).waitFor();
    await page.getByText(/^Sync finished: \d+ added/).waitFor();

    const events = taggedEvents(h.google);
    expect(events.get(`application:${acmeId}:interview`)?.map((e) => e.summary)).toEqual([ACME]);
    expect(events.get(`application:${globexId}:interview`)?.map((e) => e.summary)).toEqual([GLOBEX]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("resolves a conflict with Keep the calendar's, and Career Copilot takes the calendar's time", async () => {
    const event = taggedEvents(h.google).get(`application:${acmeId}:interview`)?.[0];
    if (!event) throw new Error('the Acme interview is not in the calendar');
    const calendarTime = DateTime.fromISO(inDays(10, 12), { zone: ZONE });
    h.google.userMoveEvent('primary', event.id, { dateTime: calendarTime.toISO() ?? '', timeZone: ZONE }, { dateTime: calendarTime.plus({ hours: 1 }).toISO() ?? '', timeZone: ZONE });
    h.copilot.updateApplication(acmeId, { interview_date: inDays(11, 9) });

    await syncNow();
    const conflict = page.getByRole('article', { name: ACME });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: "Keep the calendar's" }).click();
    await conflict.waitFor({ state: 'detached' });

    await syncNow();
    await expect.poll(() => h.copilot.application(acmeId)?.interview_date, { timeout: 10_000 }).toBe(inDays(10, 12));
    expect(Date.parse(startText(h.google.events('primary').find((e) => e.id === event.id)?.start) ?? '')).toBe(calendarTime.toMillis());
    expect(await page.getByRole('region', { name: /Changed in both places/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
