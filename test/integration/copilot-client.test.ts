// The Career Copilot client against the Career Copilot sandbox, over real HTTP:
// sign-in, paging, per-record validation, retries, auth loss and write-backs.
// Secrets live in an in-memory SecretStore here; the OS keychain has its own test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCopilotClient } from '../../src/main/core/copilot/copilot-client';
import type { CopilotClient } from '../../src/main/core/copilot/copilot-types';
import type { Fetch, Timers } from '../../src/main/core/ports';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { startCopilotSandbox, type CopilotSandbox, type SandboxStatus } from '../../src/sandbox/copilot';
import { AppError, CopilotAuthError } from '../../src/shared/errors';

const USER = { email: 'jane@careercopilot.example', password: 'correct horse battery staple', username: 'jane' };

/** Backoff without waiting: records each delay asked for. */
function instantTimers(delays: number[]): Timers {
  return {
    async sleep(ms, signal) {
      delays.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
  };
}

let sandbox: CopilotSandbox;
let secrets: MemorySecretStore;
let delays: number[];
let client: CopilotClient;
/** Everything thrown in a test, checked afterwards for the planted token. */
let thrown: unknown[];

function makeClient(options: { pageSize?: number; maxAttempts?: number; timeoutMs?: number; fetch?: Fetch } = {}): CopilotClient {
  return createCopilotClient({
    baseUrl: sandbox.apiBase,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    secrets,
    timers: instantTimers(delays),
    random: () => 0.5,
    ...options,
  });
}

/** The rejection of `promise`, which must fail. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    thrown.push(error);
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function seedApps(count: number, fields: { status?: SandboxStatus; interview_date?: string | null } = {}): number[] {
  const job = sandbox.addJob({ title: 'Backend Engineer', company: 'Acme', location: 'Berlin' });
  return Array.from({ length: count }, (_, i) =>
    sandbox.addApplication({ job_id: job.id, status: fields.status ?? 'interview', interview_date: fields.interview_date ?? `2030-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00` }).id,
  );
}

/** Walks an error's cause chain into one string, to look for leaked secrets. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth += 1) {
    parts.push(current instanceof Error ? `${current.name} ${current.message} ${JSON.stringify(current)}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' | ');
}

beforeEach(async () => {
  sandbox = await startCopilotSandbox({ users: [USER] });
  secrets = new MemorySecretStore();
  delays = [];
  thrown = [];
  lastToken = null;
  client = makeClient();
});

afterEach(async () => {
  const token = sandbox ? await signedInToken() : null;
  if (token) for (const error of thrown) expect(everythingIn(error)).not.toContain(token);
  await sandbox.close();
});

let lastToken: string | null = null;
async function signedInToken(): Promise<string | null> {
  return (await secrets.get(SecretKeys.copilotToken)) ?? lastToken;
}

async function signIn(): Promise<void> {
  await client.login(USER.email, USER.password);
  lastToken = await secrets.get(SecretKeys.copilotToken);
}

describe('sign-in', () => {
  it('stores the JWT in the SecretStore and returns only the user', async () => {
    const user = await client.login(USER.email, USER.password);
    expect(user).toEqual({ id: 1, email: USER.email, username: 'jane' });
    const token = await secrets.get(SecretKeys.copilotToken);
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.stringify(user)).not.toContain(token);
    const claims = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: '1', email: USER.email });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(86_400);
    expect(await client.me()).toEqual(user);
  });

  it('accepts the username too', async () => {
    expect((await client.login('jane', USER.password)).email).toBe(USER.email);
  });

  it('says so plainly on a wrong password and stores nothing', async () => {
    const error = await failure(client.login(USER.email, 'wrong password'));
    expect(error.code).toBe('copilot_auth');
    expect(error.userMessage).toMatch(/didn't accept that email and password/);
    expect(error).not.toBeInstanceOf(CopilotAuthError);
    expect(await secrets.get(SecretKeys.copilotToken)).toBeNull();
    expect(delays).toEqual([]); // a wrong password is not retried
  });

  it('logout forgets the token, and a request without one needs no round trip', async () => {
    await signIn();
    await client.logout();
    expect(await secrets.get(SecretKeys.copilotToken)).toBeNull();
    const before = sandbox.stats().requests;
    expect(await failure(client.listApplications())).toBeInstanceOf(CopilotAuthError);
    expect(sandbox.stats().requests).toBe(before);
  });
});

describe('listing applications', () => {
  it('follows offset paging until a short page: 250 applications in 3 requests', async () => {
    seedApps(250);
    client = makeClient({ pageSize: 100 });
    await signIn();
    sandbox.resetStats();
    const listing = await client.listApplications();
    expect(listing.applications).toHaveLength(250);
    expect(new Set(listing.applications.map((a) => a.id)).size).toBe(250);
    expect(listing.rejected).toEqual([]);
    expect(listing.requests).toBe(3);
    expect(sandbox.stats().byRoute['GET /applications']).toBe(3);
    expect(client.requestCount()).toBe(4); // the sign-in, then three pages
  });

  it('hands each page on as it is read and keeps only ids: 250 applications as pages of 100, 100 and 52', async () => {
    const ids = seedApps(250);
    client = makeClient({ pageSize: 100 });
    await signIn();
    const pages: number[][] = [];
    const summary = await client.readApplications((page) => pages.push([...page].map((a) => a.id)));
    // Pages overlap by one row (the shift check), so the overlapping rows come twice.
    expect(pages.map((p) => p.length)).toEqual([100, 100, 52]);
    expect(new Set(pages.flat())).toEqual(new Set(ids));
    expect([...summary.listed].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(summary).toEqual({ listed: summary.listed, rejected: [], requests: 3 });
  });

  it('costs one request when everything fits on a page', async () => {
    seedApps(2);
    await signIn();
    sandbox.resetStats();
    expect((await client.listApplications()).requests).toBe(1);
    expect(sandbox.stats().requests).toBe(1);
  });

  it('notices rows shifting between pages, reads again, and loses or repeats nothing', async () => {
    const ids = seedApps(25);
    const gone = ids[2] ?? 0;
    let pages = 0;
    // Career Copilot deletes an application right after the first page is served.
    const shiftingFetch: Fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/applications?') && ++pages === 1) sandbox.deleteApplication(gone);
      return res;
    };
    client = makeClient({ pageSize: 10, fetch: shiftingFetch });
    await signIn();
    const listing = await client.listApplications();
    const seen = listing.applications.map((a) => a.id);
    expect(seen.toSorted((a, b) => a - b)).toEqual(ids.filter((id) => id !== gone));
    expect(new Set(seen).size).toBe(seen.length);
    expect(listing.requests).toBe(5); // two pages, then a fresh pass of three
  });

  it('skips and reports a malformed record while the others still come back', async () => {
    const ids = seedApps(3);
    await signIn();
    sandbox.malformNext('bad_record');
    const listing = await client.listApplications();
    expect(listing.applications.map((a) => a.id)).toEqual(ids.slice(1));
    expect(listing.rejected).toHaveLength(1);
    expect(listing.rejected[0]?.id).toBe(ids[0]);
    expect(listing.rejected[0]?.reason).toMatch(/status: unknown value/);
    expect(listing.rejected[0]?.reason.length).toBeLessThan(200); // the 50,000-character note is not quoted
  });

  it('treats huge strings, unknown statuses and far-future dates as the schema says', async () => {
    const job = sandbox.addJob({ title: 'Data Engineer', company: 'Initech' });
    const huge = sandbox.addApplication({ job_id: job.id, notes: 'x'.repeat(20_001) });
    const atLimit = sandbox.addApplication({ job_id: job.id, notes: 'y'.repeat(20_000) });
    const unknown = sandbox.addApplication({ job_id: job.id, status: 'ghosted' as unknown as SandboxStatus });
    const farFuture = sandbox.addApplication({ job_id: job.id, status: 'interview', interview_date: '2036-03-30T09:30:00', follow_up_date: '2036-04-02' });
    const withOffset = sandbox.addApplication({ job_id: job.id, interview_date: '2030-01-01T10:00:00+02:00' });
    await signIn();
    const listing = await client.listApplications();
    expect(listing.applications.map((a) => a.id)).toEqual([atLimit.id, farFuture.id]);
    expect(listing.applications[1]?.interview_date).toBe('2036-03-30T09:30:00');
    expect(listing.rejected.map(({ id, reason }) => ({ id, reason }))).toEqual([
      { id: huge.id, reason: 'notes: too long' },
      { id: unknown.id, reason: 'status: unknown value' },
      { id: withOffset.id, reason: 'interview_date: bad format' },
    ]);
  });

  it('calls invalid JSON and a non-array a bad response', async () => {
    seedApps(2);
    await signIn();
    sandbox.malformNext('invalid_json');
    const broken = await failure(client.listApplications());
    expect(broken.code).toBe('copilot_bad_response');
    expect(broken.userMessage).toMatch(/can't read/);
    sandbox.malformNext('not_an_array');
    expect((await failure(client.listApplications())).code).toBe('copilot_bad_response');
    expect((await client.listApplications()).applications).toHaveLength(2);
  });
});

describe('failures on the way', () => {
  it('rides out a 503 burst with backoff', async () => {
    seedApps(3);
    await signIn();
    sandbox.resetStats();
    sandbox.failNext(3, 503, /\/applications$/);
    const listing = await client.listApplications();
    expect(listing.applications).toHaveLength(3);
    expect(listing.requests).toBe(4);
    expect(sandbox.stats().requests).toBe(4);
    // Full jitter at 0.5 of an exponential ceiling: 250, 500, 1000 ms.
    expect(delays).toEqual([250, 500, 1000]);
  });

  it('retries a proxy 502 (HTML, not JSON) and a 500', async () => {
    seedApps(1);
    await signIn();
    sandbox.failNext(1, 502);
    sandbox.failNext(1, 500);
    expect((await client.listApplications()).applications).toHaveLength(1);
  });

  it('gives up after maxAttempts with a plain, retryable message', async () => {
    await signIn();
    sandbox.failNext(4, 503);
    const error = await failure(client.listApplications());
    expect(error.code).toBe('copilot_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.userMessage).toMatch(/can't be reached right now.*retry/);
    expect(delays).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    seedApps(2);
    await signIn();
    sandbox.dropNextConnections(2);
    expect((await client.listApplications()).applications).toHaveLength(2);
    expect(delays).toHaveLength(2);
  });

  it('turns a 401 or an expired token into "sign in again" and drops the stale token', async () => {
    seedApps(1);
    await signIn();
    sandbox.failNext(1, 401);
    const forced = await failure(client.listApplications());
    expect(forced).toBeInstanceOf(CopilotAuthError);
    expect(forced.userMessage).toMatch(/[Ss]ign in again/);
    expect(await secrets.get(SecretKeys.copilotToken)).toBeNull();

    await signIn();
    sandbox.expireTokens();
    expect(await failure(client.getJob(1))).toBeInstanceOf(CopilotAuthError);
    expect(delays).toEqual([]); // never retried
    await signIn(); // a new sign-in works after the old tokens expired
    expect((await client.listApplications()).applications).toHaveLength(1);
  });

  it('times a slow answer out and retries it', async () => {
    seedApps(1);
    client = makeClient({ timeoutMs: 150, maxAttempts: 2 });
    await signIn();
    sandbox.setLatency(400);
    const error = await failure(client.listApplications());
    expect(error.code).toBe('copilot_unavailable');
    expect(everythingIn(error)).toMatch(/TimeoutError/);
    expect(delays).toHaveLength(1);
    sandbox.setLatency(0);
    expect((await client.listApplications()).applications).toHaveLength(1);
  });

  it('refuses a token after its lifetime', async () => {
    await sandbox.close();
    sandbox = await startCopilotSandbox({ users: [USER], tokenTtlSeconds: 1 });
    client = makeClient();
    await signIn();
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await failure(client.me())).toBeInstanceOf(CopilotAuthError);
  });

  it('stops at once when the caller aborts', async () => {
    await signIn();
    sandbox.failNext(5, 503);
    const controller = new AbortController();
    controller.abort(new Error('stopped by the user'));
    await expect(client.listApplications(controller.signal)).rejects.toThrow('stopped by the user');
  });
});

describe('writing back', () => {
  it('PUTs a new interview time and returns the application with updated_at bumped', async () => {
    const [id = 0] = seedApps(1);
    const before = sandbox.application(id);
    await signIn();
    sandbox.failNext(1, 503, /\/applications\/\d+$/);
    const updated = await client.updateApplication(id, { interview_date: '2030-02-03T15:30:00' });
    expect(updated.interview_date).toBe('2030-02-03T15:30:00');
    expect(updated.status).toBe('interview');
    expect((updated.updated_at ?? '') > (before?.updated_at ?? '')).toBe(true);
    expect(sandbox.application(id)?.interview_date).toBe('2030-02-03T15:30:00');
    expect(sandbox.stats().puts).toBe(2);
    // null clears the field
    expect((await client.updateApplication(id, { follow_up_date: null })).follow_up_date).toBeNull();
  });

  it('reports a validation error with the server reason, quoted safely', async () => {
    const [id = 0] = seedApps(1);
    await signIn();
    const error = await failure(client.updateApplication(id, { interview_date: '2030-02-30T25:00:00' }));
    expect(error.code).toBe('copilot_rejected');
    expect(error.userMessage).toMatch(/refused the change to application #\d+: "interview_date: Input should be a valid naive datetime/);
    expect(error.userMessage).not.toMatch(/[\n\r]/);
    expect(delays).toEqual([]);
  });

  it('reports an application that is gone (or someone else\'s) as rejected', async () => {
    await signIn();
    const error = await failure(client.updateApplication(999, { interview_date: '2030-02-03T15:30:00' }));
    expect(error.code).toBe('copilot_rejected');
    expect(error.userMessage).toMatch(/no longer has application #999.*Application not found/);
  });
});

describe('jobs', () => {
  it('caches a job: the second lookup makes no request', async () => {
    const job = sandbox.addJob({ title: 'ML Engineer', company: 'Hooli', location: 'Zurich' });
    await signIn();
    const first = await client.getJob(job.id);
    const count = client.requestCount();
    const second = await client.getJob(job.id);
    expect(second).toEqual({ id: job.id, title: 'ML Engineer', company: 'Hooli', location: 'Zurich' });
    expect(second).toBe(first);
    expect(client.requestCount()).toBe(count);
    expect(sandbox.stats().byRoute['GET /jobs/{id}']).toBe(1);
  });

  it('returns null for a deleted job, and caches that too', async () => {
    await signIn();
    expect(await client.getJob(4242)).toBeNull();
    expect(await client.getJob(4242)).toBeNull();
    expect(sandbox.stats().byRoute['GET /jobs/{id}']).toBe(1);
  });

  it('rejects a job whose fields break the schema', async () => {
    const job = sandbox.addJob({ title: 'T'.repeat(501), company: 'Globex' });
    await signIn();
    expect((await failure(client.getJob(job.id))).code).toBe('copilot_bad_response');
  });
});
