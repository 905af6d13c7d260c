// JSON batching (POST /v1.0/$batch): up to 20 steps, each {id, method, url,
// headers?, body?, dependsOn?}, with a url relative to the version ("/me/events";
// "/v1.0/me/events" names a segment that does not exist), Content-Type required
// with a body, and answers {responses: [{id, status, headers, body}]} in no
// promised order. Outlook runs at most 4 steps of a batch at once, and each step
// counts against the mailbox's concurrency like a request of its own, so a step
// can come back 429 while its neighbours succeed.
import { badRequest, GraphFailure, graphErrorBody } from './microsoft-errors';
import type { Operation } from './microsoft-graph-api';
import { isObject, parseJsonObject, type Json } from './microsoft-http';
import type { Grant } from './microsoft-identity-tokens';
import { runOperation, type OperationState } from './microsoft-operations';

const MAX_STEPS = 20;
const STEPS_AT_ONCE = 4;
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

interface Step {
  id: string;
  op: Operation;
  dependsOn: string[];
}

export async function runBatch(state: OperationState, rawBody: string, grant: Grant): Promise<Json> {
  const steps = readSteps(parseJsonObject(rawBody));
  const outcome = new Map<string, Promise<number>>();
  const responses: Json[] = [];
  let running = 0;
  const waiters: (() => void)[] = [];
  const slot = async (): Promise<() => void> => {
    while (running >= STEPS_AT_ONCE) await new Promise<void>((r) => waiters.push(r));
    running += 1;
    return () => {
      running -= 1;
      waiters.shift()?.();
    };
  };
  for (const step of steps) {
    outcome.set(
      step.id,
      (async () => {
        const statuses = await Promise.all(step.dependsOn.map((d) => outcome.get(d) as Promise<number>));
        if (statuses.some((s) => s >= 400)) {
          const failure = new GraphFailure(424, 'FailedDependency', 'The request could not be performed because a request it depends on failed.');
          responses.push({ id: step.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody(failure, undefined, step.id) });
          return 424;
        }
        const done = await slot();
        try {
          const result = await runOperation(state, step.op, grant);
          const headers: Record<string, string> = { ...result.headers };
          if (result.payload !== undefined) headers['Content-Type'] = 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
          responses.push({ id: step.id, status: result.status, headers, ...(result.payload !== undefined ? { body: result.payload } : {}) });
          return result.status;
        } finally {
          done();
        }
      })(),
    );
  }
  await Promise.all(outcome.values());
  return { responses };
}

function readSteps(body: Json): Step[] {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format.');
  if (requests.length > MAX_STEPS) throw badRequest(`The number of requests in the batch exceeds the limit of ${MAX_STEPS}.`);
  const seen = new Set<string>();
  return requests.map((raw: unknown): Step => {
    if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '' || typeof raw.method !== 'string' || typeof raw.url !== 'string') throw badRequest('Invalid batch payload format.');
    if (seen.has(raw.id)) throw badRequest(`Batch request ids must be unique; '${raw.id}' appears more than once.`);
    const method = raw.method.toUpperCase();
    if (!METHODS.includes(method)) throw badRequest(`Invalid method '${raw.method}' in batch request '${raw.id}'.`);
    const dependsOn = raw.dependsOn === undefined ? [] : raw.dependsOn;
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string' && seen.has(d))) throw badRequest(`Batch request '${raw.id}' depends on a request that is not before it.`);
    seen.add(raw.id);
    const headers: Record<string, string | undefined> = {};
    if (raw.headers !== undefined) {
      if (!isObject(raw.headers)) throw badRequest('Invalid batch payload format.');
      for (const [k, v] of Object.entries(raw.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
    if (raw.body !== undefined && !headers['content-type']) throw badRequest(`Content-Type header is required for batch request '${raw.id}' because it has a body.`);
    if (raw.url.startsWith('http') || !raw.url.startsWith('/')) throw badRequest(`Batch request '${raw.id}' needs a URL relative to the service root, like /me/events.`);
    if (raw.url.trim() === '/$batch') throw badRequest('A batch cannot contain another batch.');
    const url = new URL(raw.url, 'https://graph.invalid');
    const body = raw.body === undefined ? '' : typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body);
    return { id: raw.id, dependsOn: dependsOn as string[], op: { method, path: url.pathname, query: url.searchParams, headers, body } };
  });
}
