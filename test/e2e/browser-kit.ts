// What both Chromium suites share: launching Debian's Chromium, the axe
// accessibility check, and the screenshots of every screen in light, dark and
// at 400 px (test-results/screens/<name>-<variant>.png).
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = resolve(import.meta.dirname, '../..');
export const SCREENS = join(REPO, 'test-results', 'screens');

export function chromiumPresent(suite: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) {
    // On CI a missing browser is a broken machine, not a reason to skip.
    if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing; install the chromium package (scripts/test.sh does).`);
    console.warn(`Skipping ${suite}: ${CHROMIUM} is not installed.`);
  }
  return present;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations as
 * readable lines. Injected through evaluate (the DevTools protocol), not a
 * <script> tag, so the page's strict CSP stays exactly as the app ships it.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
}

export type Variant = 'light' | 'dark' | 'narrow';

/**
 * Screenshots one screen as the user sees it in light, dark and at 400 px wide,
 * checking axe on each (contrast differs between themes, layout at 400 px).
 * Returns the violations found, keyed by variant; the page is put back in
 * light, at its own width, afterwards.
 */
export async function captureScreen(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string[]> {
  await mkdir(SCREENS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1200, height: 900 };
  const problems: string[] = [];
  const variants: [Variant, () => Promise<void>][] = [
    ['light', () => page.emulateMedia({ colorScheme: 'light' })],
    ['dark', () => page.emulateMedia({ colorScheme: 'dark' })],
    ['narrow', async () => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 400, height: size.height });
    }],
  ];
  for (const [variant, apply] of variants) {
    await apply();
    // One frame for layout and the charts' redraw after a theme or size change.
    await page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
      return new Promise<void>((r) => raf(() => raf(r)));
    });
    problems.push(...(await seriousViolations(page)).map((v) => `${name} [${variant}] ${v}`));
    await page.screenshot({ path: join(SCREENS, `${name}-${variant}.png`), fullPage: options.fullPage ?? true });
  }
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}
