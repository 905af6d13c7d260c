import { describe, expect, it } from 'vitest';
import { SyncLoop } from '../../src/main/core/scheduler/sync-loop';
import type { Timers } from '../../src/main/core/ports';

/** Timers whose sleeps resolve only when the test says so; records each requested delay. */
function manualTimers() {
  const sleeps: { ms: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const timers: Timers = {
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        const entry = { ms, resolve, reject };
        sleeps.push(entry);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
  return { timers, sleeps };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('sync loop', () => {
  it('runs at start, then once per interval, and early on request', async () => {
    const { timers, sleeps } = manualTimers();
    const triggers: string[] = [];
    const loop = new SyncLoop({ intervalMs: 60_000, timers, run: async (t) => (triggers.push(t), { healthy: true }) });
    loop.start();
    await tick();
    expect(triggers).toEqual(['start']);
    expect(sleeps.at(-1)?.ms).toBe(60_000);
    sleeps.at(-1)?.resolve();
    await tick();
    expect(triggers).toEqual(['start', 'interval']);
    loop.trigger();
    await tick();
    expect(triggers).toEqual(['start', 'interval', 'requested']);
    await loop.stop();
  });

  it('waits longer after failing runs and returns to the interval after a healthy one', async () => {
    const { timers, sleeps } = manualTimers();
    let healthy = false;
    const loop = new SyncLoop({ intervalMs: 60_000, timers, random: () => 0.999, run: async () => ({ healthy }) });
    loop.start();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await tick();
      delays.push(sleeps.at(-1)?.ms ?? -1);
      sleeps.at(-1)?.resolve();
    }
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    expect(delays[2]).toBeGreaterThan(delays[1] ?? 0);
    healthy = true;
    await tick();
    sleeps.at(-1)?.resolve();
    await tick();
    expect(sleeps.at(-1)?.ms).toBe(60_000);
    await loop.stop();
  });

  it('runs again right after a run during which a trigger arrived', async () => {
    const { timers, sleeps } = manualTimers();
    const triggers: string[] = [];
    const finishers: (() => void)[] = [];
    const finishRun = (): void => finishers.shift()?.();
    const loop = new SyncLoop({
      intervalMs: 60_000,
      timers,
      run: (t) => {
        triggers.push(t);
        return new Promise((resolve) => {
          finishers.push(() => resolve({ healthy: true }));
        });
      },
    });
    loop.start();
    await tick();
    loop.trigger(); // arrives mid-run
    finishRun();
    await tick();
    expect(triggers).toEqual(['start', 'requested']);
    expect(sleeps).toHaveLength(0);
    finishRun();
    await tick();
    expect(sleeps.at(-1)?.ms).toBe(60_000);
    await loop.stop();
  });

  it('keeps going when a run throws', async () => {
    const { timers, sleeps } = manualTimers();
    let runs = 0;
    const loop = new SyncLoop({ intervalMs: 1000, timers, run: async () => {
      runs++;
      throw new Error('offline');
    } });
    loop.start();
    await tick();
    sleeps.at(-1)?.resolve();
    await tick();
    expect(runs).toBe(2);
    await loop.stop();
  });
});
