// What the UI benchmark runs inside the page. Playwright sends these functions'
// source text into Chromium, so they are self-contained (no imports at run
// time) and see the page only through the few DOM shapes declared here (this
// tsconfig has no DOM lib). Times are performance.now(): milliseconds since the
// page's navigation started.
import type { CalendarApi } from '../src/shared/contract';

export interface FirstRender {
  /** When the app asked for its items, and when the (fake) preload answered. */
  listItemsCalled: number | null;
  itemsAnswered: number | null;
  /** The first item row in the DOM and inside the viewport, then after the next frame (painted). */
  firstRowInDom: number | null;
  firstRowPainted: number | null;
  firstContentfulPaint: number | null;
  /** Main-thread tasks over 50 ms up to the first painted row, as Chromium reports them. */
  longTasks: number[];
}

export interface ScrollResult {
  /** From the first scrollTop write to the last row in the DOM, and after the next frame. */
  inDomMs: number | null;
  paintedMs: number | null;
  frames: number;
  rows: number;
  itemRows: number;
}

interface Rect {
  top: number;
  bottom: number;
}
interface PageElement {
  scrollTop: number;
  scrollHeight: number;
  getBoundingClientRect(): Rect;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
  getElementById(id: string): PageElement | null;
}
interface Observer {
  observe(target: unknown, options: Record<string, unknown>): void;
  disconnect(): void;
}
interface EntryObserver {
  observe(options: Record<string, unknown>): void;
}
interface PerformanceEntryLike {
  name: string;
  startTime: number;
  duration: number;
}
interface PageGlobals {
  document: PageDocument;
  innerHeight: number;
  calendar?: CalendarApi;
  __probe: FirstRender;
  MutationObserver: new (callback: () => void) => Observer;
  PerformanceObserver: new (callback: (list: { getEntries(): PerformanceEntryLike[] }) => void) => EntryObserver;
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
}

/** Installed after the fake calendar and before the app's script: records the first render. */
export function installFirstRenderProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const probe: FirstRender = { listItemsCalled: null, itemsAnswered: null, firstRowInDom: null, firstRowPainted: null, firstContentfulPaint: null, longTasks: [] };
  page.__probe = probe;

  const api = page.calendar;
  if (api) {
    const listItems = api.listItems.bind(api);
    api.listItems = (args) => {
      probe.listItemsCalled ??= performance.now();
      return listItems(args).then((items) => {
        probe.itemsAnswered ??= performance.now();
        return items;
      });
    };
  }

  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') probe.firstContentfulPaint = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (probe.firstRowPainted === null) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });

  const visibleRow = (): boolean => {
    const row = page.document.querySelector('.items-scroll .item');
    if (!row) return false;
    const rect = row.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < page.innerHeight;
  };
  // A mutation callback runs right after React's commit; the frame after it is when the row is on screen.
  const observer = new page.MutationObserver(() => {
    if (probe.firstRowInDom !== null || !visibleRow()) return;
    probe.firstRowInDom = performance.now();
    observer.disconnect();
    page.requestAnimationFrame(() => page.setTimeout(() => (probe.firstRowPainted = performance.now()), 0));
  });
  observer.observe(page.document, { childList: true, subtree: true });
}

/** Scrolls the list's container to its end until the row headed `lastNameId` exists, then counts the rows. */
export async function scrollListToEnd(lastNameId: string): Promise<ScrollResult> {
  const page = globalThis as unknown as PageGlobals;
  const doc = page.document;
  const scroller = doc.querySelector('.items-scroll');
  const count = (selector: string): number => doc.querySelectorAll(selector).length;
  if (!scroller) return { inDomMs: null, paintedMs: null, frames: 0, rows: count('.vrow'), itemRows: count('.item') };
  const frame = (): Promise<void> => new Promise((resolve) => page.requestAnimationFrame(() => resolve()));

  const t0 = performance.now();
  const seen: { at: number | null } = { at: null };
  const observer = new page.MutationObserver(() => {
    if (seen.at === null && doc.getElementById(lastNameId)) seen.at = performance.now();
  });
  observer.observe(doc, { childList: true, subtree: true });
  let frames = 0;
  // Rows measured on the way change the list's height, so the end is written again each frame until reached.
  while (!doc.getElementById(lastNameId) && frames < 600) {
    scroller.scrollTop = scroller.scrollHeight;
    await frame();
    frames += 1;
  }
  observer.disconnect();
  const found = doc.getElementById(lastNameId) !== null;
  seen.at ??= found ? performance.now() : null;
  await frame();
  await new Promise<void>((resolve) => page.setTimeout(resolve, 0));
  const painted = performance.now();
  return { inDomMs: seen.at === null ? null : seen.at - t0, paintedMs: found ? painted - t0 : null, frames, rows: count('.vrow'), itemRows: count('.item') };
}
