// The handful of Graph requests the provider makes, each one through the
// executor (pause gate, limiter, token, retries): GET, POST, PATCH and DELETE on
// a path or a full nextLink/deltaLink, and a JSON $batch built with the client's
// own BatchRequestContent. Every read asks for UTC times.
import { BatchRequestContent, type BatchRequestStep } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { GraphClientHandle } from './microsoft-graph-client';
import { microsoftBadResponse } from './microsoft-event-mapping';
import type { GraphRequestExecutor, PermissionNeed } from './microsoft-request-executor';

export const PREFER_UTC = 'outlook.timezone="UTC"';
/** Outlook runs at most this many steps of one batch at once. */
export const BATCH_PARALLELISM = 4;
export const MAX_BATCH_STEPS = 20;
/** A request that hangs this long is treated like a dropped connection and retried. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface RequestOptions {
  signal?: AbortSignal;
  need?: PermissionNeed;
  headers?: Record<string, string>;
}

export interface BatchStepSpec {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version: /me/events/… */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const BatchAnswer = z.object({
  responses: z.array(
    z
      .object({
        id: z.string(),
        status: z.number().int(),
        headers: z.record(z.string(), z.string()).nullish(),
        body: z.unknown().optional(),
      })
      .loose(),
  ),
});
export type BatchStepAnswer = z.infer<typeof BatchAnswer>['responses'][number];

export class GraphCalls {
  constructor(
    private readonly graph: GraphClientHandle,
    private readonly executor: GraphRequestExecutor,
  ) {}

  get origin(): string {
    return this.graph.origin;
  }

  get(pathOrUrl: string, o: RequestOptions = {}): Promise<unknown> {
    return this.send(pathOrUrl, o, (request) => request.get() as Promise<unknown>);
  }

  post(path: string, body: unknown, o: RequestOptions = {}): Promise<unknown> {
    return this.send(path, o, (request) => request.post(body) as Promise<unknown>);
  }

  patch(path: string, body: unknown, o: RequestOptions = {}): Promise<unknown> {
    return this.send(path, o, (request) => request.patch(body) as Promise<unknown>);
  }

  delete(path: string, o: RequestOptions = {}): Promise<void> {
    return this.send(path, o, async (request) => {
      await request.delete();
    });
  }

  /** One $batch request (up to 20 steps); the step answers, whatever their status. */
  async batch(steps: BatchStepSpec[], o: RequestOptions = {}): Promise<BatchStepAnswer[]> {
    const content = new BatchRequestContent(steps.map((s): BatchRequestStep => ({ id: s.id, request: this.stepRequest(s) })));
    const payload = await content.getContent();
    const answer = await this.executor.run(
      (token) =>
        this.graph.client
          .api('/$batch')
          .middlewareOptions([this.graph.withToken(token)])
          .option('signal', timeoutSignal(o.signal))
          .post(payload) as Promise<unknown>,
      { signal: o.signal, need: o.need ?? 'events', slots: Math.min(BATCH_PARALLELISM, steps.length) },
    );
    const parsed = BatchAnswer.safeParse(answer);
    if (!parsed.success) throw microsoftBadResponse('a $batch answer without responses', parsed.error);
    return parsed.data.responses;
  }

  private send<T>(pathOrUrl: string, o: RequestOptions, method: (request: ReturnType<GraphClientHandle['client']['api']>) => Promise<T>): Promise<T> {
    if (/^https?:\/\//i.test(pathOrUrl) && new URL(pathOrUrl).origin !== this.graph.origin) {
      // A link from the service that points elsewhere would carry our token there.
      throw microsoftBadResponse(`a link to another host (${new URL(pathOrUrl).host})`);
    }
    return this.executor.run(
      (token) => {
        const request = this.graph.client
          .api(pathOrUrl)
          .middlewareOptions([this.graph.withToken(token)])
          .header('Prefer', PREFER_UTC)
          .option('signal', timeoutSignal(o.signal));
        for (const [name, value] of Object.entries(o.headers ?? {})) request.header(name, value);
        return method(request);
      },
      { signal: o.signal, need: o.need ?? 'events' },
    );
  }

  /**
   * The client's BatchRequestContent strips only scheme and host from a step's
   * URL, so the step is built on the bare origin: the step URL must be relative to
   * the version (/me/events), which Graph requires.
   */
  private stepRequest(step: BatchStepSpec): Request {
    const headers: Record<string, string> = { Prefer: PREFER_UTC, ...step.headers };
    if (step.body !== undefined) headers['Content-Type'] = 'application/json';
    return new Request(`${this.graph.origin}${step.path}`, {
      method: step.method,
      headers,
      ...(step.body !== undefined ? { body: JSON.stringify(step.body) } : {}),
    });
  }
}

function timeoutSignal(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
