// kill -9 the sync process at random points, many times, while it pushes a few
// hundred items; then let it finish and check the calendar itself: no duplicate,
// nothing missing, every link pointing at its event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { startHarness, taggedEvents, type Harness } from '../fixtures/harness';
import { collect, spawnCli } from '../fixtures/cli';
import { Store } from '../../src/main/core/store/store';

const APPLICATIONS = 150; // each with an interview and a follow-up: 300 events
const KILLS = 12;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ google: { latencyMs: 15 } });
  const job = h.copilot.addJob({ title: 'Data Engineer', company: 'Initech', location: 'Remote' });
  const base = DateTime.now().setZone('Europe/Berlin').startOf('day').plus({ days: 2 });
  for (let i = 0; i < APPLICATIONS; i++) {
    h.copilot.addApplication(
      {
        job_id: job.id,
        status: 'interview',
        interview_date: base.plus({ hours: 9 + (i % 8), days: Math.floor(i / 8) }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
        follow_up_date: base.plus({ days: 3 + Math.floor(i / 8) }).toISODate(),
      },
      'jane@careercopilot.example',
    );
  }
  h.core.close(); // the CLI processes own the database from here on
}, 60_000);

afterAll(async () => {
  h.restart();
  await h.close();
});

/** A deterministic pseudo-random sequence, so a failing run can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('crash safety', () => {
  it('converges after repeated kill -9 with zero duplicates and zero missing', async () => {
    const seed = Number(process.env.CCAL_CRASH_SEED ?? Date.now() % 100_000);
    console.log(`crash test seed ${seed} (replay with CCAL_CRASH_SEED=${seed})`);
    const random = rng(seed);
    let killed = 0;
    for (let round = 0; round < KILLS; round++) {
      const writesBefore = h.google.stats().writes;
      const child = spawnCli(h.config, ['sync', '--once', '--json']);
      const done = collect(child);
      // Kill after a random number of calendar writes, or (sometimes) before any.
      const target = random() < 0.2 ? 0 : 1 + Math.floor(random() * 40);
      const started = Date.now();
      while (child.exitCode === null && Date.now() - started < 20_000) {
        if (target === 0 && Date.now() - started > 300 + random() * 900) break;
        if (target > 0 && h.google.stats().writes - writesBefore >= target) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        killed++;
      }
      await done;
      if (taggedEvents(h.google).size === APPLICATIONS * 2 && child.exitCode === 0) break;
    }
    expect(killed).toBeGreaterThan(3);

    const final = await collect(spawnCli(h.config, ['sync', '--once', '--json']));
    expect(final.code, final.stderr).toBe(0);
    const settle = await collect(spawnCli(h.config, ['sync', '--once', '--json']));
    expect(settle.code, settle.stderr).toBe(0);

    const tagged = taggedEvents(h.google);
    const duplicates = [...tagged].filter(([, copies]) => copies.length > 1);
    expect(duplicates).toEqual([]);
    expect(tagged.size).toBe(APPLICATIONS * 2);

    const store = Store.open(join(h.config.dataDir, 'calendar.db'));
    try {
      const links = store.links.all();
      expect(links).toHaveLength(APPLICATIONS * 2);
      for (const link of links) {
        expect(link.state).toBe('synced');
        expect(tagged.get(link.sourceId)?.[0]?.id).toBe(link.remoteId);
      }
      expect(store.outbox.all()).toEqual([]);
    } finally {
      store.close();
    }
  }, 240_000);
});
