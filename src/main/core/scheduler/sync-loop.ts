// Runs sync about once a minute while the app runs (DESIGN §5 "Near-real-time":
// a desktop app has no public URL for push channels, so cheap incremental polling
// it is). A run can be asked for early; after a failing run the wait grows with
// backoff so an offline laptop does not spin.
import type { Timers } from '../ports';
import { backoffDelay } from './backoff';

export interface SyncLoopDeps {
  run: (trigger: string) => Promise<{ healthy: boolean }>;
  intervalMs: number;
  timers: Timers;
  random?: () => number;
  /** For "next sync at …": when the loop will wake by itself. */
  now?: () => number;
}

export class SyncLoop {
  private stopped = true;
  private wake: AbortController | null = null;
  private failures = 0;
  private loop: Promise<void> | null = null;
  /** A trigger that arrived while a run was in progress: run again right after it. */
  private requestedDuringRun = false;
  private nextAt: number | null = null;

  constructor(private readonly deps: SyncLoopDeps) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.abort();
    await this.loop;
  }

  /** When the next run starts by itself (ms since the epoch), or null while one runs or the loop is stopped. */
  nextRunAt(): number | null {
    return this.stopped ? null : this.nextAt;
  }

  /** Runs as soon as the current run (if any) ends. */
  trigger(): void {
    if (this.wake) this.wake.abort();
    else this.requestedDuringRun = true;
  }

  private async runLoop(): Promise<void> {
    let trigger = 'start';
    while (!this.stopped) {
      this.requestedDuringRun = false;
      let healthy = false;
      try {
        healthy = (await this.deps.run(trigger)).healthy;
      } catch {
        healthy = false;
      }
      this.failures = healthy ? 0 : this.failures + 1;
      const delay = healthy
        ? this.deps.intervalMs
        : Math.max(this.deps.intervalMs / 4, backoffDelay(this.failures, { baseMs: this.deps.intervalMs / 2, capMs: 15 * 60_000, random: this.deps.random ?? Math.random }));
      if (this.requestedDuringRun && !this.stopped) {
        trigger = 'requested';
        continue;
      }
      this.wake = new AbortController();
      trigger = 'interval';
      this.nextAt = (this.deps.now ?? Date.now)() + delay;
      try {
        await this.deps.timers.sleep(delay, this.wake.signal);
      } catch {
        trigger = 'requested';
      } finally {
        this.wake = null;
        this.nextAt = null;
      }
    }
  }
}
