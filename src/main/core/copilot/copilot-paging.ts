// Following Career Copilot's offset paging (`?skip&limit`, a bare JSON array per
// page) to the end of a listing, the same way for applications and jobs: a page
// that is not an array fails the listing, a bad record inside one does not.
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { badResponse, expectOk } from './copilot-errors';
import type { CopilotHttp } from './copilot-http';
import { ListingCollector, readableId } from './copilot-listing';
import type { RejectedRecord } from './copilot-types';

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

export interface PagedResult<T> {
  records: T[];
  rejected: RejectedRecord[];
  /** HTTP requests this listing cost, retries and fresh passes included. */
  requests: number;
}

export async function readListing<T>(http: CopilotHttp, spec: ListingSpec<T>, pageSize: number, signal?: AbortSignal): Promise<PagedResult<T>> {
  const before = http.requestCount();
  for (let pass = 0; pass <= MAX_RESTARTS; pass += 1) {
    const collector = await readAllPages(http, spec, pageSize, signal);
    if (collector) return { ...collector.result(), requests: http.requestCount() - before };
  }
  throw new AppError('copilot_unavailable', `Your ${spec.noun} in Career Copilot kept changing while the app read them. It will try again in a moment.`, { retryable: true });
}

/**
 * One pass over the listing, or null when the rows shifted under it. Pages
 * overlap by one row: if a page does not start with the row that ended the
 * previous one, a row was deleted or inserted before the cursor, so a row may
 * have been skipped — and a skipped row would look like a deleted record.
 */
async function readAllPages<T>(http: CopilotHttp, spec: ListingSpec<T>, pageSize: number, signal?: AbortSignal): Promise<ListingCollector<T> | null> {
  const what = `a list of ${spec.noun}`;
  const collector = new ListingCollector(spec.schema);
  const overlap = pageSize > 1 ? 1 : 0;
  let skip = 0;
  let expectedFirst: number | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const res = await http.send({ method: 'GET', path: spec.path, query: { skip, limit: pageSize }, signal, what });
    expectOk(res, `Career Copilot refused to list your ${spec.noun}`);
    const rows = res.body;
    if (!Array.isArray(rows)) throw badResponse(what, new Error(`GET ${spec.path}?skip=${skip} returned ${describeShape(rows)}, not an array`));
    if (page > 0 && overlap > 0 && expectedFirst !== null && readableId(rows[0]) !== expectedFirst) return null;
    const fresh = collector.addPage(rows);
    // A short page is the last one.
    if (rows.length < pageSize) return collector;
    // A full page of rows we already had means the server ignores `skip`: stop rather than loop.
    if (fresh === 0) throw badResponse(what, new Error(`GET ${spec.path}?skip=${skip} repeated the previous page`));
    expectedFirst = readableId(rows[rows.length - 1]);
    skip += pageSize - overlap;
  }
  throw badResponse(what, new Error(`More than ${MAX_PAGES} pages of ${spec.noun}`));
}

function describeShape(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}
