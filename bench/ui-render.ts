// The Upcoming list with 100 items against 10,000, in Debian's Chromium, printed
// (never asserted): time to the first painted row and time to scroll to the
// last row (the median of several page loads each), the ratios 10,000 ÷ 100
// (target ≤ 2: the list is virtualised, so the page draws the same few rows
// either way), the rows in the DOM for each, and the renderer bundle's size,
// raw and gzip.
//
// The page is the built one (out/renderer, from "npx electron-vite build"; made
// here when missing or older than the renderer's sources), served over
// loopback HTTP under the app's CSP, with the preload replaced by the e2e
// suite's in-page fake (test/e2e/renderer-fake-calendar.ts) answering with
// generated items (bench/ui-render-items.ts). In-page timing: bench/ui-render-probe.ts.
// "Navigation → painted" includes handing the scenario to the page (the fake
// arrives as an init script, megabytes of JSON for 10,000 items, standing in for
// IPC); "answered → painted" is the renderer's own work: the store, sorting and
// grouping, and the virtualised list's first render.
//
// Standalone, not a scenario of bench/run.ts: that file imports the whole core
// (app.ts, SQLite, the provider clients) at its top for its sync benchmarks, and
// this one needs none of it.
//   node --import tsx bench/ui-render.ts [loads per size; default 5 of 100, 3 of 10,000] [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { z } from 'zod';
import { contentSecurityPolicy } from '../src/shared/csp';
import type { AppState } from '../src/shared/contract';
import { CHROMIUM, launchChromium } from '../test/e2e/browser-kit';
import { installFakeCalendar, type Scenario } from '../test/e2e/renderer-fake-calendar';
import { populated } from '../test/e2e/renderer-scenarios';
import { ACCOUNT_ID, generateItems } from './ui-render-items';
import { installFirstRenderProbe, scrollListToEnd, type FirstRender } from './ui-render-probe';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'out', 'renderer');
const ZONE = 'America/New_York';
const SIZES = [100, 10_000] as const;
const args = process.argv.slice(2);
const asked = args.find((a) => /^\d+$/.test(a));
// Fewer loads of the large list keep a run near a minute on a shared 2-core machine.
const loadsFor = (count: number): number => (asked ? Math.max(1, Number(asked)) : count > 1000 ? 3 : 5);

// What comes back from the page is checked like any other boundary.
const FirstRenderSchema = z.object({
  listItemsCalled: z.number().nullable(),
  itemsAnswered: z.number().nullable(),
  firstRowInDom: z.number().nullable(),
  firstRowPainted: z.number().nullable(),
  firstContentfulPaint: z.number().nullable(),
  longTasks: z.array(z.number()),
}) satisfies z.ZodType<FirstRender>;
const ScrollSchema = z.object({ inDomMs: z.number().nullable(), paintedMs: z.number().nullable(), frames: z.number(), rows: z.number(), itemRows: z.number() });
const RowCounts = z.object({ rows: z.number(), itemRows: z.number() });

interface Load {
  first: FirstRender;
  top: z.infer<typeof RowCounts>;
  scroll: z.infer<typeof ScrollSchema>;
  problems: string[];
}

function newestSource(): number {
  const dirs = ['src/renderer', 'src/shared'].map((d) => join(ROOT, d));
  let newest = statSync(join(ROOT, 'electron.vite.config.ts')).mtimeMs;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds with the app's own toolchain when the page is missing or older than its sources. */
function ensureBuilt(): void {
  const page = join(OUT, 'index.html');
  const stale = !existsSync(page) || statSync(page).mtimeMs < newestSource();
  if (!stale || args.includes('--no-build')) return;
  const started = performance.now();
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npx electron-vite build failed (exit ${r.status ?? r.signal}):\n${r.stderr || r.stdout}`);
  console.log(`built out/ with electron-vite in ${((performance.now() - started) / 1000).toFixed(1)} s (the page was missing or older than src/renderer)`);
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

function serve(dir: string): Promise<Server> {
  const csp = contentSecurityPolicy(false);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

function scenarioWith(count: number): { scenario: Scenario; lastNameId: string; past: number; cancelled: number } {
  const { items, lastUpcoming, past, cancelled } = generateItems(count, ZONE);
  const state: AppState = {
    ...populated.state,
    accounts: populated.state.accounts.map((a) => ({ ...a, id: ACCOUNT_ID, lastSyncAt: new Date(Date.now() - 120_000).toISOString() })),
    preferences: { ...populated.state.preferences, timeZone: ZONE },
    outbox: { pending: items.filter((i) => i.links.some((l) => l.state === 'pending')).length, failed: items.filter((i) => i.links.some((l) => l.failed)).length },
    openConflicts: 0,
    alerts: [],
    lastRun: { startedAt: new Date(Date.now() - 128_000).toISOString(), finishedAt: new Date(Date.now() - 120_000).toISOString(), outcome: 'ok' },
  };
  // The row's heading id, as ItemRow derives it from the source id.
  const lastNameId = `item-${lastUpcoming.sourceId.replace(/[^A-Za-z0-9_-]/g, '-')}-name`;
  return { scenario: { ...populated, state, items, conflicts: [], pendingDeletes: [] }, lastNameId, past, cancelled };
}

async function load(browser: Browser, url: string, scenario: Scenario, lastNameId: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US', timezoneId: ZONE, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // tsx's keepNames wraps functions in __name(), which the page lacks (as in the e2e suite).
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    await page.addInitScript(installFakeCalendar, scenario);
    await page.addInitScript(installFirstRenderProbe);
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => (globalThis as unknown as { __probe?: FirstRender }).__probe?.firstRowPainted != null, undefined, { timeout: 60_000 });
    const first = FirstRenderSchema.parse(await page.evaluate(() => (globalThis as unknown as { __probe: FirstRender }).__probe));
    const top = RowCounts.parse(
      await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
        return { rows: doc.querySelectorAll('.vrow').length, itemRows: doc.querySelectorAll('.item').length };
      }),
    );
    const scroll = ScrollSchema.parse(await page.evaluate(scrollListToEnd, lastNameId));
    return { first, top, scroll, problems };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (n: number | null): string => (n === null ? 'n/a' : `${n.toFixed(1)} ms`);
const ratio = (a: number | null, b: number | null): string => (a === null || b === null || b === 0 ? 'n/a' : (a / b).toFixed(2));
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const defined = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);

interface Summary {
  painted: number | null;
  own: number | null;
  inDom: number | null;
  scroll: number | null;
  scrollInDom: number | null;
}

async function measure(browser: Browser, url: string, count: number): Promise<Summary> {
  const { scenario, lastNameId, past, cancelled } = scenarioWith(count);
  const loads: Load[] = [];
  for (let i = 0; i < loadsFor(count); i++) loads.push(await load(browser, url, scenario, lastNameId));
  const summary: Summary = {
    painted: median(defined(loads.map((l) => l.first.firstRowPainted))),
    own: median(defined(loads.map((l) => (l.first.firstRowPainted !== null && l.first.itemsAnswered !== null ? l.first.firstRowPainted - l.first.itemsAnswered : null)))),
    inDom: median(defined(loads.map((l) => l.first.firstRowInDom))),
    scroll: median(defined(loads.map((l) => l.scroll.paintedMs))),
    scrollInDom: median(defined(loads.map((l) => l.scroll.inDomMs))),
  };
  const last = loads.at(-1);
  const answered = median(defined(loads.map((l) => l.first.itemsAnswered)));
  const fcp = median(defined(loads.map((l) => l.first.firstContentfulPaint)));
  const longest = median(loads.map((l) => Math.max(0, ...l.first.longTasks)));
  const missed = loads.filter((l) => l.scroll.paintedMs === null).length;
  const sizeMb = (JSON.stringify(scenario).length / 1e6).toFixed(1);
  console.log(`${count} items (${past} past, ${cancelled} cancelled; scenario ${sizeMb} MB of JSON):`);
  console.log(`  first render: row painted ${ms(summary.painted)} after navigation (in DOM ${ms(summary.inDom)}; items answered at ${ms(answered)}, first contentful paint ${ms(fcp)}); renderer's own part, answered → painted ${ms(summary.own)}; longest task before it ${ms(longest)}`);
  console.log(`  scroll to the end: last row in DOM ${ms(summary.scrollInDom)}, painted ${ms(summary.scroll)} (${last?.scroll.frames ?? 0} frame(s) of scrolling)${missed ? `; the last row never appeared in ${missed} of ${loads.length} loads` : ''}`);
  console.log(`  rows in the DOM: ${last?.top.rows ?? 0} (${last?.top.itemRows ?? 0} items) at the top, ${last?.scroll.rows ?? 0} (${last?.scroll.itemRows ?? 0} items) at the end`);
  const problems = [...new Set(loads.flatMap((l) => l.problems))];
  if (problems.length) console.log(`  page errors: ${problems.slice(0, 3).join(' | ')}`);
  return summary;
}

function bundleSizes(): void {
  const dir = join(OUT, 'assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  let raw = 0;
  let gzip = 0;
  const parts = files.map((f) => {
    const body = readFileSync(join(dir, f));
    const zipped = gzipSync(body).length; // zlib's default level (6), what HTTP servers typically use
    raw += body.length;
    gzip += zipped;
    return `${f} ${kB(body.length)} (${kB(zipped)} gzip)`;
  });
  console.log(`bundle (out/renderer/assets): ${parts.join(', ')}; total ${kB(raw)} raw, ${kB(gzip)} gzip`);
}

if (!existsSync(CHROMIUM)) {
  console.log(`ui-render: skipped, ${CHROMIUM} is not installed (apt-get install chromium).`);
} else {
  ensureBuilt();
  const server = await serve(OUT);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const started = performance.now();
    const [load1] = loadavg();
    console.log(`ui-render: Chromium ${browser.version()}, 1200×900, zone ${ZONE}; medians of ${loadsFor(SIZES[0])} page loads of ${SIZES[0]} and ${loadsFor(SIZES[1])} of ${SIZES[1]}, after one warm-up; load average ${(load1 ?? 0).toFixed(1)} on ${availableParallelism()} cores (a busy machine inflates the times more than the ratios)`);
    // Warm-up: the HTTP server, Chromium's caches and V8's code cache for the bundle.
    const warm = scenarioWith(SIZES[0]);
    await load(browser, url, warm.scenario, warm.lastNameId);
    const [small, large] = [await measure(browser, url, SIZES[0]), await measure(browser, url, SIZES[1])];
    console.log(
      `ratios ${SIZES[1]} ÷ ${SIZES[0]} (target ≤ 2): first render ${ratio(large.painted, small.painted)} (renderer's own part ${ratio(large.own, small.own)}); scroll to the end ${ratio(large.scroll, small.scroll)} (in DOM ${ratio(large.scrollInDom, small.scrollInDom)})`,
    );
    bundleSizes();
    console.log(`(measured in ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await browser.close();
    server.close();
  }
}
