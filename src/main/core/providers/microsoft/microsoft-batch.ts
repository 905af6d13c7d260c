// JSON $batch for the calls that come in bulk: creates during an initial sync,
// and the reads that fetch the tag of events a delta round reported. A batch is
// one HTTP request, but Outlook runs its steps 4 at a time and counts each against
// the mailbox, so one batch holds 4 limiter slots and only one is in flight. A
// step answered 429 or 5xx is sent again in the next batch, after the account's
// pause; the other steps' answers stand.
import { ProviderError } from '../../../../shared/errors';
import type { Clock } from '../../ports';
import { classifyGraphStatus, type GraphFailure } from './microsoft-failure';

type TransientFailure = Extract<GraphFailure, { kind: 'rate_limited' | 'unavailable' }>;
import { MAX_BATCH_STEPS, type BatchStepAnswer, type BatchStepSpec, type GraphCalls } from './microsoft-graph-calls';
import { finalError, transientError, type GraphRequestExecutor, type PermissionNeed } from './microsoft-request-executor';

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

/** Graph's code in a step's error body, if it has one. */
export function stepCode(answer: BatchStepAnswer): string | null {
  const code = (answer.body as ErrorBody | undefined)?.error?.code;
  return typeof code === 'string' ? code : null;
}

function header(answer: BatchStepAnswer, name: string): string | null {
  for (const [k, v] of Object.entries(answer.headers ?? {})) if (k.toLowerCase() === name) return v;
  return null;
}

/** A secret-free cause naming the step's status and Graph code. */
function stepCause(answer: BatchStepAnswer): Error {
  const message = (answer.body as ErrorBody | undefined)?.error?.message;
  return new Error(`$batch step answered ${answer.status}${stepCode(answer) ? ` ${stepCode(answer)}` : ''}${typeof message === 'string' ? `: ${message}` : ''}`);
}

/** The ProviderError a final step failure stands for (401 included: the token was refused). */
export function stepError(answer: BatchStepAnswer, clock: Clock, need: PermissionNeed): ProviderError {
  const failure = classifyGraphStatus(answer.status, stepCode(answer), header(answer, 'retry-after'), clock.now());
  if (failure.kind === 'rate_limited' || failure.kind === 'unavailable') return transientError(failure, stepCause(answer), 0);
  if (failure.kind === 'unauthorized') return new ProviderError('provider_auth', 'Microsoft refused the access token. Reconnect your Outlook account.', { cause: stepCause(answer), status: 401 });
  return finalError(failure, stepCause(answer), need);
}

/**
 * Runs the steps in batches of up to 20, retrying throttled and failed-server
 * steps under the executor's policy. Every step gets its last answer; the caller
 * reads success from the status.
 */
export async function runSteps(calls: GraphCalls, executor: GraphRequestExecutor, clock: Clock, steps: BatchStepSpec[], signal?: AbortSignal): Promise<Map<string, BatchStepAnswer>> {
  const answers = new Map<string, BatchStepAnswer>();
  for (let offset = 0; offset < steps.length; offset += MAX_BATCH_STEPS) {
    let pending = steps.slice(offset, offset + MAX_BATCH_STEPS);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const got = await calls.batch(pending, { signal });
      const byId = new Map(got.map((a) => [a.id, a]));
      const retry: BatchStepSpec[] = [];
      let worst: TransientFailure | null = null;
      for (const step of pending) {
        const answer = byId.get(step.id) ?? { id: step.id, status: 500, headers: {}, body: { error: { code: 'MissingBatchResponse', message: 'no answer for this step' } } };
        answers.set(step.id, answer);
        const failure = classifyGraphStatus(answer.status, stepCode(answer), header(answer, 'retry-after'), clock.now());
        if (failure.kind === 'rate_limited' || failure.kind === 'unavailable') {
          retry.push(step);
          // Wait as the strictest step asks: a rate limit over a 5xx, the longest Retry-After.
          if (!worst || (failure.kind === 'rate_limited' && worst.kind !== 'rate_limited') || (failure.retryAfterMs ?? 0) > (worst.retryAfterMs ?? 0)) worst = failure;
        }
      }
      if (worst === null) break;
      try {
        await executor.waitBeforeRetry(worst, attempt, new Error(`${retry.length} $batch step(s) answered ${worst.status ?? 'nothing'}`), signal);
      } catch (error) {
        if (error instanceof ProviderError) break; // retries used up: the last answers stand
        throw error;
      }
      pending = retry;
    }
  }
  return answers;
}

interface CreateJob {
  path: string;
  body: unknown;
  signal: AbortSignal | undefined;
  resolve: (json: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects creates made at about the same time (an initial sync issues many at
 * once) and sends them as $batch requests, one batch in flight at a time; a lone
 * create goes as a plain POST. Jobs queued while a batch is out wait for the next.
 */
export class CreateBatcher {
  private readonly queue: CreateJob[] = [];
  private draining = false;

  constructor(
    private readonly calls: GraphCalls,
    private readonly executor: GraphRequestExecutor,
    private readonly clock: Clock,
  ) {}

  create(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ path, body, signal, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the other creates of this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const jobs = this.queue.splice(0, MAX_BATCH_STEPS).filter((job) => {
          if (!job.signal?.aborted) return true;
          job.reject(job.signal.reason);
          return false;
        });
        if (jobs.length === 1) await this.single(jobs[0] as CreateJob);
        else if (jobs.length > 1) await this.batch(jobs);
      }
    } finally {
      this.draining = false;
    }
  }

  private async single(job: CreateJob): Promise<void> {
    try {
      job.resolve(await this.calls.post(job.path, job.body, { signal: job.signal }));
    } catch (error) {
      job.reject(error);
    }
  }

  private async batch(jobs: CreateJob[]): Promise<void> {
    const steps = jobs.map((job, i): BatchStepSpec => ({ id: String(i + 1), method: 'POST', path: job.path, body: job.body }));
    let answers: Map<string, BatchStepAnswer>;
    try {
      answers = await runSteps(this.calls, this.executor, this.clock, steps);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const answer = answers.get(String(i + 1));
      if (answer && answer.status >= 200 && answer.status < 300) job.resolve(answer.body);
      else if (answer) job.reject(stepError(answer, this.clock, 'events'));
      else job.reject(new ProviderError('provider_bad_response', 'Outlook did not answer one of the creates in a batch. The app will try again.', { retryable: true }));
    });
  }
}
