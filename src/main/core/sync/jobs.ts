import type { CopilotClient } from '../copilot/copilot-types';
import type { JobInfo } from '../copilot/to-items';
import type { Clock } from '../ports';
import type { Store } from '../store/store';

/** Jobs change rarely; a week-old copy is still right for a title. */
const JOB_TTL_MS = 7 * 24 * 3600 * 1000;

/** Company, title and place for an application, from the cache or Career Copilot. */
export async function jobInfo(store: Store, copilot: CopilotClient, jobId: number, clock: Clock, signal?: AbortSignal): Promise<JobInfo | null> {
  const cached = store.jobs.get(jobId);
  if (cached && clock.now().getTime() - Date.parse(cached.fetchedAt) < JOB_TTL_MS) return cached;
  const job = await copilot.getJob(jobId, signal);
  if (!job) return cached;
  const info = { id: job.id, title: job.title, company: job.company, location: job.location ?? null, fetchedAt: clock.now().toISOString() };
  store.jobs.put(info);
  return info;
}
