// The renderer served as the app serves it, for the suites that drive it with
// the preload replaced by the in-page fake (renderer-fake-calendar.ts): built
// with the app's own renderer config, served over loopback HTTP under the app's
// CSP, opened in Debian's Chromium with the page's clock fixed at NOW.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { rendererConfig } from '../../electron.vite.config';
import { contentSecurityPolicy } from '../../src/main/electron/csp';
import { launchChromium } from './browser-kit';
import { FAKE_SERVICES, installFakeCalendar, type FakeGlobals, type RecordedCall, type Scenario } from './renderer-fake-calendar';
import { NOW, ZONE } from './renderer-scenarios';

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

export interface OpenOptions {
  query?: string;
  width?: number;
  loadTimeout?: number;
}

export interface RendererSite {
  /** A fresh page with the fake installed before any app script runs, its clock at NOW. Console errors and page errors go to `problems`. */
  open(scenario: Scenario, options?: OpenOptions): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

export async function startRendererSite(): Promise<RendererSite> {
  const outDir = await mkdtemp(join(tmpdir(), 'ccal-renderer-'));
  await build({ ...rendererConfig, configFile: false, logLevel: 'warn', build: { ...rendererConfig.build, outDir, emptyOutDir: true } });
  const server = await serve(outDir);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await new Promise((done) => server.close(done));
    throw error;
  }
  return {
    async open(scenario, options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1200, height: 900 },
        locale: 'en-US',
        timezoneId: ZONE,
        reducedMotion: 'reduce',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      // Fail fast with Playwright's own message, well inside vitest's 30 s.
      page.setDefaultTimeout(5_000);
      const problems: string[] = [];
      // A CSP violation or an uncaught error would mean the real app breaks too.
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.clock.setFixedTime(new Date(NOW));
      // Runners that transpile with esbuild's keepNames (tsx) wrap functions in
      // __name(), which does not exist in the page; a no-op keeps the fake portable.
      await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
      await page.addInitScript(installFakeCalendar, { ...scenario, services: FAKE_SERVICES });
      await page.goto(`${baseUrl}${options.query ?? ''}`, { timeout: options.loadTimeout ?? 5_000 });
      return { page, problems };
    },
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

export const calls = (page: Page): Promise<RecordedCall[]> => page.evaluate(() => (globalThis as unknown as FakeGlobals).__calls);
export const callsNamed = async (page: Page, name: string): Promise<unknown[]> => (await calls(page)).filter((c) => c.name === name).map((c) => c.args);
