// One queue for everything that changes the store (docs/DESIGN.md, "One writer"):
// sync runs and user commands (resolve, set calendar, disconnect, retry, edits,
// approvals) run one at a time, in order, and across processes too: each job holds
// the data folder's writer lease, so a second `ccal` and the desktop app on one
// folder wait for each other instead of interleaving.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Clock, Timers } from '../ports';
import type { LeaseHolder } from '../store/lease-repo';
import type { Store } from '../store/store';

export interface WriteQueueDeps {
  store: Store;
  clock: Clock;
  timers: Timers;
  /** This process, as other processes see it in the lease. */
  self: { pid: number; host: string };
  /** Whether a lease holder still runs (a crashed one must not lock the user out). */
  isAlive(holder: LeaseHolder): boolean;
  /** How long a lease lasts unless renewed; renewed at a third of it. */
  leaseTtlMs?: number;
  /** How long a job waits for another process before it gives up with a clear message. */
  waitTimeoutMs?: number;
  /** Told once per job when it has to wait for another process. */
  onWaiting?(holder: LeaseHolder): void;
}

const DEFAULT_TTL_MS = 30_000;
const DEFAULT_WAIT_MS = 10 * 60_000;
const POLL_MS = 200;

export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly owner = randomUUID();

  constructor(private readonly deps: WriteQueueDeps) {}

  /** Runs `job` after every job queued before it, holding the writer lease. */
  run<T>(job: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(async () => {
      this.queued--;
      await this.acquire();
      const stopRenewing = this.renew();
      try {
        return await job();
      } finally {
        stopRenewing();
        this.deps.store.lease.release(this.owner);
      }
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Another job waits behind the running one: a long sync stops taking new work so it can go first. */
  hasWaiting(): boolean {
    return this.queued > 0;
  }

  private me(): LeaseHolder {
    return { owner: this.owner, ...this.deps.self };
  }

  private async acquire(): Promise<void> {
    const { store, clock, timers } = this.deps;
    const ttl = this.deps.leaseTtlMs ?? DEFAULT_TTL_MS;
    const deadline = clock.now().getTime() + (this.deps.waitTimeoutMs ?? DEFAULT_WAIT_MS);
    let told = false;
    for (;;) {
      const other = store.lease.tryAcquire(this.me(), clock.now().getTime(), ttl, (h) => this.deps.isAlive(h));
      if (!other) return;
      if (!told) {
        this.deps.onWaiting?.(other);
        told = true;
      }
      if (clock.now().getTime() > deadline) {
        throw new AppError(
          'store_busy',
          `Another Career Copilot Calendar (process ${other.pid} on ${other.host}) is using this data folder and did not finish in time. Close it or wait for it, then try again.`,
        );
      }
      await timers.sleep(POLL_MS);
    }
  }

  private renew(): () => void {
    const { store, clock, timers } = this.deps;
    const ttl = this.deps.leaseTtlMs ?? DEFAULT_TTL_MS;
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          await timers.sleep(ttl / 3, stop.signal);
        } catch {
          return;
        }
        // Renewal never takes the lease from another holder (that would mean ours expired while we worked).
        store.lease.tryAcquire(this.me(), clock.now().getTime(), ttl, () => true);
      }
    })();
    return () => stop.abort();
  }
}
