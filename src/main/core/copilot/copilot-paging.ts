// Following Career Copilot's offset paging (`?skip&limit`, a bare JSON array per
// page) to the end of a listing, the same way for applications and jobs: a page
// that is not an array fails the listing, a bad record inside one does not. Each
// page's good records go to the caller as the page is read (copilot-listing.ts).
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { badResponse, expectOk } from './copilot-errors';
import type { CopilotHttp } from './copilot-http';
import { ListingTally, readableId } from './copilot-listing';
import type { ListingSummary, PageHandler } from './copilot-types';

/** 200,000 records: far beyond any job search, short of an endless loop. */
const MAX_PAGES = 2_000;
/** Fresh passes over a listing that shifted while it was read. */
const MAX_RESTARTS = 3;

export interface ListingSpec<T> {
  /** Under the API base, e.g. "/jobs". */
  path: string;
  schema: z.ZodType<T>;
  /** Plural for people, e.g. "applications". */
  noun: string;
}

/**
 * Reads the whole listing, handing each page's good records to `onPage`. A pass
 * that finds the rows shifted starts over, so `onPage` can see a record more than
 * once; the summary is that of the pass that went through.
 */
export async function readListing<T>(http: CopilotHttp, spec: ListingSpec<T>, pageSize: number, onPage: PageHandler<T>, signal?: AbortSignal): Promise<ListingSummary> {
  const before = http.requestCount();
  for (let pass = 0; pass <= MAX_RESTARTS; pass += 1) {
    const tally = new ListingTally(spec.schema);
    if (await readAllPages(http, spec, pageSize, tally, onPage, signal)) return tally.summary(http.requestCount() - before);
  }
  throw new AppError('copilot_unavailable', `Your ${spec.noun} in Career Copilot kept changing while the app read them. It will try again in a moment.`, { retryable: true });
}

/** What the paging loop keeps of a page: a few numbers, never its records. */
interface PageOutline {
  length: number;
  firstId: number | null;
  lastId: number | null;
  fresh: number;
}

/**
 * One pass over the listing; false when the rows shifted under it. Pages overlap
 * by one row: if a page does not start with the row that ended the previous one,
 * a row was deleted or inserted before the cursor, so a row may have been
 * skipped — and a skipped row would look like a deleted record.
 */
async function readAllPages<T>(http: CopilotHttp, spec: ListingSpec<T>, pageSize: number, tally: ListingTally<T>, onPage: PageHandler<T>, signal?: AbortSignal): Promise<boolean> {
  const overlap = pageSize > 1 ? 1 : 0;
  let skip = 0;
  let expectedFirst: number | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const outline = await readPage(http, spec, skip, pageSize, tally, onPage, signal);
    if (page > 0 && overlap > 0 && expectedFirst !== null && outline.firstId !== expectedFirst) return false;
    // A short page is the last one.
    if (outline.length < pageSize) return true;
    // A full page of rows we already had means the server ignores `skip`: stop rather than loop.
    if (outline.fresh === 0) throw badResponse(`a list of ${spec.noun}`, new Error(`GET ${spec.path}?skip=${skip} repeated the previous page`));
    expectedFirst = outline.lastId;
    skip += pageSize - overlap;
  }
  throw badResponse(`a list of ${spec.noun}`, new Error(`More than ${MAX_PAGES} pages of ${spec.noun}`));
}

/**
 * Fetches and hands on one page. A frame of its own, so the page's rows are gone
 * when the loop awaits the next one. A page that shifted is still handed on: its
 * records are as Career Copilot has them now.
 */
async function readPage<T>(http: CopilotHttp, spec: ListingSpec<T>, skip: number, pageSize: number, tally: ListingTally<T>, onPage: PageHandler<T>, signal?: AbortSignal): Promise<PageOutline> {
  const what = `a list of ${spec.noun}`;
  const res = await http.send({ method: 'GET', path: spec.path, query: { skip, limit: pageSize }, signal, what });
  expectOk(res, `Career Copilot refused to list your ${spec.noun}`);
  const rows = res.body;
  if (!Array.isArray(rows)) throw badResponse(what, new Error(`GET ${spec.path}?skip=${skip} returned ${describeShape(rows)}, not an array`));
  const fresh = tally.addPage(rows, onPage);
  return { length: rows.length, firstId: readableId(rows[0]), lastId: readableId(rows[rows.length - 1]), fresh };
}

function describeShape(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}
