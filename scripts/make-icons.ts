// Draws the app's icons from SVG with Debian's Chromium, so they can be remade
// and reviewed as text: the four tray states (ok, syncing, needs attention,
// offline) at 32 px and @2x, and the 512 px app icon electron-builder turns into
// each platform's format. Run: node --import tsx scripts/make-icons.ts
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const OUT = resolve(import.meta.dirname, '..', 'resources');

const calendar = (body: string, frame = '#1f6f8b'): string => `
  <rect x="3" y="5" width="26" height="24" rx="4" fill="${frame}"/>
  <rect x="5.5" y="12" width="21" height="14.5" rx="2" fill="#fff"/>
  <rect x="8" y="2" width="3" height="6" rx="1.2" fill="${frame}"/>
  <rect x="21" y="2" width="3" height="6" rx="1.2" fill="${frame}"/>
  ${body}`;

const badge = (fill: string, mark: string): string => `
  <circle cx="24.5" cy="24.5" r="7" fill="${fill}" stroke="#fff" stroke-width="1.5"/>
  ${mark}`;

/** The tray states, as DESIGN §1.6 names them; the tooltip says the same in words. */
const TRAY: Record<string, string> = {
  ok: calendar('<path d="M10 19.5l4 4 8-8.5" fill="none" stroke="#2e9e6b" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>'),
  syncing: calendar(
    '<path d="M11 18.5a5 5 0 0 1 8.6-2.6M21 20.5a5 5 0 0 1-8.6 2.6" fill="none" stroke="#1f6f8b" stroke-width="2.4" stroke-linecap="round"/>' +
      '<path d="M20.6 13.2v3.4h-3.4M11.4 25.8v-3.4h3.4" fill="none" stroke="#1f6f8b" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
  ),
  attention: calendar(
    '<path d="M10 19.5l4 4 8-8.5" fill="none" stroke="#b9c2cc" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>' +
      badge('#d9822b', '<path d="M24.5 20.6v4.6" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/><circle cx="24.5" cy="28.1" r="1.3" fill="#fff"/>'),
  ),
  offline: calendar(
    '<path d="M10 19.5l4 4 8-8.5" fill="none" stroke="#c9d0d8" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>' +
      badge('#6b7683', '<path d="M21.8 21.8l5.4 5.4M27.2 21.8l-5.4 5.4" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>'),
    '#8a96a3',
  ),
};

const APP_ICON = `<rect width="32" height="32" rx="7" fill="#e8f3f7"/><g transform="translate(3.2 3.2) scale(0.8)">${TRAY.ok}</g>`;

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const render = async (svg: string, size: number, file: string): Promise<void> => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">${svg}</svg></body></html>`);
      await writeFile(join(OUT, file), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    };
    for (const [state, svg] of Object.entries(TRAY)) {
      await render(svg, 32, `tray-${state}.png`);
      // Electron picks the @2x file on high-density screens by itself.
      await render(svg, 64, `tray-${state}@2x.png`);
    }
    await render(APP_ICON, 512, 'icon.png');
  } finally {
    await browser.close();
  }
  console.log(`Wrote the tray icons and icon.png to ${OUT}.`);
}

void main();
