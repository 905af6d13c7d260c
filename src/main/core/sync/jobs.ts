// Company, title and place for the applications' jobs. Every poll lists the jobs
// in pages (as the applications are), so a job renamed in Career Copilot reaches
// the calendar on the next sync, and a quiet sync costs a request per page, not
// per job. A job the listing does not include is fetched once and cached.
import type { CopilotClient } from '../copilot/copilot-types';
import type { Clock } from '../ports';
import type { Store } from '../store/store';

/** Lists the jobs into the store, a page per transaction (none is kept in memory). */
export async function refreshJobs(store: Store, copilot: CopilotClient, clock: Clock, signal?: AbortSignal): Promise<void> {
  await copilot.readJobs((page) => {
    const fetchedAt = clock.now().toISOString();
    store.tx(() => {
      for (const job of page) store.jobs.put({ id: job.id, title: job.title, company: job.company, location: job.location ?? null, fetchedAt });
    });
  }, signal);
}

/** A job not seen yet (an application newer than the last listing): one request, then cached. */
export async function ensureJob(store: Store, copilot: CopilotClient, jobId: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  if (store.jobs.get(jobId)) return;
  const job = await copilot.getJob(jobId, signal);
  if (job) store.jobs.put({ id: job.id, title: job.title, company: job.company, location: job.location ?? null, fetchedAt: clock.now().toISOString() });
}
