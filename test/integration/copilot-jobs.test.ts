// The job listing (GET /jobs?skip&limit) against the Career Copilot sandbox over
// real HTTP: the sandbox pages and validates it exactly as it does applications,
// and the client follows the pages, rejects bad records one by one, fails a bad
// page, and sees a renamed job on the next listing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCopilotClient } from '../../src/main/core/copilot/copilot-client';
import type { CopilotClient } from '../../src/main/core/copilot/copilot-types';
import type { Fetch, Timers } from '../../src/main/core/ports';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';
import { startCopilotSandbox, type CopilotSandbox } from '../../src/sandbox/copilot';
import { AppError } from '../../src/shared/errors';

const JANE = { email: 'jane@careercopilot.example', password: 'correct horse battery staple' };
const OMAR = { email: 'omar@careercopilot.example', password: 'another long passphrase' };

const instantTimers: Timers = {
  async sleep(_ms, signal) {
    if (signal?.aborted) throw signal.reason;
  },
};

let sandbox: CopilotSandbox;
let secrets: MemorySecretStore;

function makeClient(options: { pageSize?: number; fetch?: Fetch } = {}): CopilotClient {
  return createCopilotClient({
    baseUrl: sandbox.apiBase,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    secrets,
    timers: instantTimers,
    random: () => 0.5,
    ...options,
  });
}

async function signedIn(options: { pageSize?: number; fetch?: Fetch } = {}): Promise<CopilotClient> {
  const client = makeClient(options);
  await client.login(JANE.email, JANE.password);
  return client;
}

/** `count` jobs, each with one of Jane's applications; returns the job ids. */
function seedJobs(count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const job = sandbox.addJob({ title: `Engineer ${i + 1}`, company: `Company ${i + 1}`, location: i % 2 === 0 ? 'Berlin' : null });
    sandbox.addApplication({ job_id: job.id, status: 'interview', interview_date: '2030-01-10T10:00:00' });
    return job.id;
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

beforeEach(async () => {
  sandbox = await startCopilotSandbox({ users: [JANE, OMAR] });
  secrets = new MemorySecretStore();
});

afterEach(async () => {
  await sandbox.close();
});

describe('GET /jobs in the sandbox', () => {
  async function raw(path: string, token?: string | null): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const res = await fetch(`${sandbox.apiBase}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it('validates skip and limit exactly as GET /applications does, with the same envelope', async () => {
    await signedIn();
    const token = await secrets.get(SecretKeys.copilotToken);
    for (const query of ['?limit=101', '?limit=0', '?skip=-1', '?skip=-1&limit=500', '?limit=abc', '?skip=1.5']) {
      const jobs = await raw(`/jobs${query}`, token);
      const apps = await raw(`/applications${query}`, token);
      expect(jobs.status, query).toBe(400);
      expect(apps.status).toBe(400);
      expect(jobs.body).toMatchObject({ error_code: 'VALIDATION_ERROR', request_id: expect.any(String) as string, timestamp: expect.any(String) as string });
      expect((jobs.body as { detail: unknown }).detail).toEqual((apps.body as { detail: unknown }).detail);
    }
    expect((await raw('/jobs?limit=100', token)).status).toBe(200);
    const anonymous = await raw('/jobs');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error_code: 'AUTHENTICATION_ERROR', detail: 'Not authenticated' });
  });

  it("lists the user's own jobs and the shared jobs their applications use, never another user's", async () => {
    const [used = 0] = seedJobs(1);
    sandbox.addJob({ title: 'Unused shared job', company: 'Nobody' }); // no owner, no application of Jane's
    const owned = sandbox.addJob({ title: 'Saved for later', company: 'Hooli', user_id: 1 }); // Jane's, no application yet
    const omars = sandbox.addJob({ title: "Omar's job", company: 'Initech', user_id: 2 });
    sandbox.addApplication({ job_id: omars.id }, OMAR.email);
    const client = await signedIn();
    const listing = await client.listJobs();
    expect(listing.jobs.map((j) => j.id)).toEqual([used, owned.id]);
    expect(listing.rejected).toEqual([]);
  });
});

describe('listJobs', () => {
  it('follows offset paging: the requests of a listing are its pages', async () => {
    const ids = seedJobs(25);
    const client = await signedIn({ pageSize: 10 });
    sandbox.resetStats();
    const before = client.requestCount();
    const listing = await client.listJobs();
    expect(listing.jobs.map((j) => j.id)).toEqual(ids);
    expect(listing.jobs[0]).toEqual({ id: ids[0], title: 'Engineer 1', company: 'Company 1', location: 'Berlin' });
    expect(listing.rejected).toEqual([]);
    // Pages overlap by one row to notice shifts: skip 0, 9 and 18, the last one short.
    expect(listing.requests).toBe(3);
    expect(sandbox.stats().byRoute['GET /jobs']).toBe(3);
    expect(sandbox.stats().requests).toBe(3);
    expect(client.requestCount() - before).toBe(3);
  });

  it('costs one request when every job fits on a page, and one for none at all', async () => {
    const client = await signedIn();
    expect(await client.listJobs()).toEqual({ jobs: [], rejected: [], requests: 1 });
    seedJobs(3);
    sandbox.resetStats();
    expect((await client.listJobs()).requests).toBe(1);
    expect(sandbox.stats().requests).toBe(1);
  });

  it('rejects a malformed record with a reason and still returns the others', async () => {
    const ids = seedJobs(4);
    const tooLong = sandbox.addJob({ title: 'T'.repeat(501), company: 'Globex' });
    sandbox.addApplication({ job_id: tooLong.id });
    const client = await signedIn({ pageSize: 3 });
    sandbox.malformNext('bad_record', /\/jobs$/);
    const listing = await client.listJobs();
    expect(listing.jobs.map((j) => j.id)).toEqual(ids.slice(1));
    expect(listing.rejected.map(({ id, reason }) => ({ id, reason }))).toEqual([
      { id: ids[0], reason: 'title: wrong type; company: wrong type; location: too long' },
      { id: tooLong.id, reason: 'title: too long' },
    ]);
  });

  it('fails with a clear error when a page is not an array or not JSON', async () => {
    seedJobs(2);
    const client = await signedIn();
    sandbox.malformNext('not_an_array', /\/jobs$/);
    const notArray = await failure(client.listJobs());
    expect(notArray.code).toBe('copilot_bad_response');
    expect(notArray.userMessage).toBe("Career Copilot sent a list of jobs the app can't read. Nothing was changed; the app will try again on the next sync.");
    expect(String((notArray.cause as Error).message)).toMatch(/GET \/jobs\?skip=0 returned an object, not an array/);
    sandbox.malformNext('invalid_json', /\/jobs$/);
    expect((await failure(client.listJobs())).code).toBe('copilot_bad_response');
    expect((await client.listJobs()).jobs).toHaveLength(2);
  });

  it('sees a renamed job on the next listing, and getJob then answers with the new name without a request', async () => {
    const [id = 0] = seedJobs(3);
    const client = await signedIn();
    expect((await client.getJob(id))?.title).toBe('Engineer 1');
    expect((await client.listJobs()).jobs.find((j) => j.id === id)?.title).toBe('Engineer 1');
    sandbox.updateJob(id, { title: 'Staff Engineer', location: 'Remote (EU)' });
    const next = await client.listJobs();
    expect(next.jobs.find((j) => j.id === id)).toEqual({ id, title: 'Staff Engineer', company: 'Company 1', location: 'Remote (EU)' });
    sandbox.resetStats();
    expect((await client.getJob(id))?.title).toBe('Staff Engineer');
    expect(sandbox.stats().requests).toBe(0);
  });

  it('notices the list shifting between pages and reads it again, losing nothing', async () => {
    const ids = seedJobs(25);
    const goneJob = ids[2] ?? 0;
    const goneApp = sandbox.applications().find((a) => a.job_id === goneJob)?.id ?? 0;
    let pages = 0;
    // Jane deletes her application to job 3 right after the first page is served: that job leaves her listing.
    const shiftingFetch: Fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/jobs?') && ++pages === 1) sandbox.deleteApplication(goneApp);
      return res;
    };
    const client = await signedIn({ pageSize: 10, fetch: shiftingFetch });
    const listing = await client.listJobs();
    expect(listing.jobs.map((j) => j.id)).toEqual(ids.filter((id) => id !== goneJob));
    expect(listing.requests).toBe(5); // two pages, then a fresh pass of three
  });

  it('retries a 503 on a page like any other request, and counts the retry', async () => {
    seedJobs(2);
    const client = await signedIn();
    sandbox.failNext(1, 503, /\/jobs$/);
    const listing = await client.listJobs();
    expect(listing.jobs).toHaveLength(2);
    expect(listing.requests).toBe(2);
  });
});
