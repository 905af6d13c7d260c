// The renderer in real Chromium: built with the app's own renderer config,
// served over loopback HTTP under the app's CSP, with the preload replaced by an
// in-page fake (renderer-fake-calendar.ts). Checks the main flows and writes the
// README screenshot. Electron itself is not needed (its binary is not on CI).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererConfig } from '../../electron.vite.config';
import { contentSecurityPolicy } from '../../src/main/electron/csp';
import { installFakeCalendar, type FakeGlobals, type RecordedCall, type Scenario } from './renderer-fake-calendar';
import { conflict, needsReauth, populated, signedOut } from './renderer-scenarios';

const CHROMIUM = '/usr/bin/chromium';
const REPO = resolve(import.meta.dirname, '../..');
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  // On CI a missing browser is a broken machine, not a reason to skip.
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing; install the chromium package (scripts/test.sh does).`);
  console.warn(`Skipping the renderer tests: ${CHROMIUM} is not installed.`);
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

function serve(dir: string): Promise<Server> {
  const csp = contentSecurityPolicy(false);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

describe.skipIf(!haveChromium)('renderer in Chromium', () => {
  let outDir = '';
  let server: Server;
  let baseUrl = '';
  let browser: Browser;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'ccal-renderer-'));
    await build({ ...rendererConfig, configFile: false, logLevel: 'warn', build: { ...rendererConfig.build, outDir, emptyOutDir: true } });
    server = await serve(outDir);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** A fresh page with the fake installed before any app script runs. */
  async function open(scenario: Scenario): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2, locale: 'en-US', timezoneId: 'America/New_York', reducedMotion: 'reduce' });
    const page = await context.newPage();
    // Fail fast with Playwright's own message, well inside vitest's 30 s.
    page.setDefaultTimeout(5_000);
    const problems: string[] = [];
    // A CSP violation or an uncaught error would mean the real app breaks too.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // Runners that transpile with esbuild's keepNames (tsx) wrap functions in
    // __name(), which does not exist in the page; a no-op keeps the fake portable.
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    await page.addInitScript(installFakeCalendar, scenario);
    await page.goto(baseUrl);
    return { page, problems };
  }

  const calls = (page: Page): Promise<RecordedCall[]> => page.evaluate(() => (globalThis as unknown as FakeGlobals).__calls);
  const callsNamed = async (page: Page, name: string): Promise<unknown[]> => (await calls(page)).filter((c) => c.name === name).map((c) => c.args);

  it('shows the sign-in form when signed out, and signing in calls signIn', async () => {
    const { page, problems } = await open(signedOut);
    await page.getByRole('heading', { name: 'Sign in to Career Copilot' }).waitFor();

    // The banner's Sign in button moves focus to the form.
    await page.getByRole('region', { name: 'Needs attention' }).getByRole('button', { name: 'Sign in' }).click();
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).resolves.toBe('signin-email');

    const form = page.getByRole('form', { name: 'Sign in to Career Copilot' });
    await form.getByLabel('Email').fill('jordan.lee@example.com');
    await form.getByLabel('Password').fill('correct horse');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as').waitFor();
    expect(await callsNamed(page, 'signIn')).toEqual([{ email: 'jordan.lee@example.com', password: 'correct horse' }]);
    expect(await page.getByLabel('Password').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('offers Connect on the Google card and calls connect', async () => {
    const { page, problems } = await open(signedOut);
    const card = page.getByRole('article', { name: 'Google Calendar' });
    await card.getByRole('checkbox', { name: /Most private/ }).check();
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByText('jordan.lee@gmail.com', { exact: true }).waitFor();
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'google', dedicatedCalendar: true }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows an alert with its Reconnect button, which connects again', async () => {
    const { page, problems } = await open(needsReauth);
    const banner = page.getByRole('region', { name: 'Needs attention' });
    await banner.getByText('Google access was removed').waitFor();
    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await banner.getByRole('button', { name: 'Reconnect' }).waitFor({ state: 'detached' });
    expect(await callsNamed(page, 'connect')).toEqual([{ provider: 'google' }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('asks whether to remove events on disconnect', async () => {
    const { page, problems } = await open(populated);
    await page.getByRole('article', { name: 'Google Calendar' }).getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect jordan.lee@gmail.com?' });
    await dialog.waitFor();
    // The safe choice has focus, so a stray Enter removes nothing.
    await expect(dialog.getByRole('button', { name: 'Disconnect, keep events' }).evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Disconnect, keep events' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await callsNamed(page, 'disconnect')).toEqual([{ accountId: 'google:jordan.lee@gmail.com', removeEvents: false }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("resolves a conflict with Keep the calendar's and Remember", async () => {
    const { page, problems } = await open(populated);
    const card = page.getByRole('article', { name: conflict.title });
    await card.getByLabel('Remember my choice').check();
    await card.getByRole('button', { name: "Keep the calendar's" }).click();
    await card.waitFor({ state: 'detached' });
    expect(await callsNamed(page, 'resolveConflict')).toEqual([{ id: conflict.id, choice: 'keep_calendar', remember: true }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('saves preferences', async () => {
    const { page, problems } = await open(populated);
    await page.getByRole('checkbox', { name: 'Follow-ups' }).uncheck();
    await page.getByRole('radio', { name: 'Only “Busy”' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Saved.').waitFor();
    const [patch] = (await callsNamed(page, 'setPreferences')) as { kinds: unknown; detail: unknown }[];
    expect(patch?.kinds).toEqual({ interview: true, follow_up: false, reminder: true });
    expect(patch?.detail).toBe('busy_only');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('renders a populated week for the README screenshot', async () => {
    const { page, problems } = await open(populated);
    await page.getByText('Interview: Stark Industries — Engineering Manager').waitFor();
    // Times are shown in the user's zone (America/New_York), not the machine's.
    await page.getByText('Tue, Mar 10, 2026, 10:00 – 11:00 AM').waitFor();
    expect(await page.locator('.items > .item').count()).toBe(8);
    expect(problems).toEqual([]);
    await mkdir(join(REPO, 'docs'), { recursive: true });
    await mkdir(join(REPO, 'test-results'), { recursive: true });
    // The README's picture is refreshed on request only, so a test run leaves the checkout clean.
    const shot = process.env.CCAL_UPDATE_SCREENSHOT === '1' ? join(REPO, 'docs', 'screenshot.png') : join(REPO, 'test-results', 'screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    await page.context().close();
  });
});
