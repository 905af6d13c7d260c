// The Outlook account's pause after a 429 or a 503 with Retry-After: every call
// waits it out once, and a pause sat out is over even when the clock did not move
// with the sleep (a test's manual clock; a system clock set back meanwhile).
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src/main/core/ports';
import { PauseGate } from '../../src/main/core/providers/microsoft/microsoft-request-executor';
import { ManualClock } from '../fixtures/manual-clock';

/** Sleeps that return at once and are recorded; a wait that never ends fails instead of hanging the worker. */
function recordingTimers(onSleep: (ms: number) => void = () => undefined): Timers & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    sleep: async (ms) => {
      slept.push(ms);
      if (slept.length > 50) throw new Error(`still waiting after ${slept.length} sleeps`);
      onSleep(ms);
    },
  };
}

describe('Outlook pause gate', () => {
  it('waits a pause out once though the clock stood still during the sleep', async () => {
    const clock = new ManualClock('2026-12-02T09:00:00Z');
    const timers = recordingTimers();
    const gate = new PauseGate(clock, timers);
    gate.pause(1_000);
    await gate.wait();
    expect(timers.slept).toEqual([1_000]);
    expect(gate.remaining()).toBe(0);
    await gate.wait();
    expect(timers.slept).toEqual([1_000]);
  });

  it('waits for the clock when it moves with the sleep', async () => {
    const clock = new ManualClock('2026-12-02T09:00:00Z');
    const timers = recordingTimers((ms) => clock.advanceMs(ms));
    const gate = new PauseGate(clock, timers);
    gate.pause(2_000);
    await gate.wait();
    expect(timers.slept).toEqual([2_000]);
    expect(gate.remaining()).toBe(0);
  });

  it('keeps waiting when another call lengthened the pause during the sleep', async () => {
    const clock = new ManualClock('2026-12-02T09:00:00Z');
    let gate: PauseGate | null = null;
    const timers = recordingTimers((ms) => {
      clock.advanceMs(ms);
      if (timers.slept.length === 1) gate?.pause(3_000); // a 429 elsewhere, seen during the first second
    });
    gate = new PauseGate(clock, timers);
    gate.pause(1_000);
    await gate.wait();
    expect(timers.slept).toEqual([1_000, 3_000]);
    expect(gate.remaining()).toBe(0);
  });
});
