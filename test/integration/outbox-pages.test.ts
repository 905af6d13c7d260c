// A sync run reads its queue a page at a time (bounded memory for a big first
// sync): the pages must cover exactly what was due, in order, and the counts must
// match what the pages hold.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/main/core/store/store';

const open = (): Store => Store.open(join(mkdtempSync(join(tmpdir(), 'ccal-outbox-')), 'a.db'));

describe('outbox pages', () => {
  it('pages through what is due, oldest first, skipping waiting and parked entries', () => {
    const store = open();
    for (let i = 0; i < 250; i++) store.outbox.enqueue({ op: 'create', accountId: i % 2 ? 'google:a' : 'google:b', sourceId: `application:${i}:interview`, payload: {}, now: '2026-01-01T00:00:00.000Z' });
    store.outbox.enqueue({ op: 'copilot_put', accountId: null, sourceId: 'application:7:interview', payload: { applicationId: 7, patch: {}, remoteHash: null, remoteId: null, etag: null }, now: '2026-01-01T00:00:00.000Z' });
    store.outbox.enqueue({ op: 'create', accountId: 'google:a', sourceId: 'later', payload: {}, now: '2026-02-01T00:00:00.000Z' });
    const all = store.outbox.all();
    const parked = all[3];
    const waiting = all[4];
    if (!parked || !waiting) throw new Error('setup');
    store.outbox.reschedule(parked, '2026-01-01T00:00:00.000Z', 'failed for good', true);
    store.outbox.reschedule(waiting, '2026-03-01T00:00:00.000Z', 'try later', false);

    const now = '2026-01-15T00:00:00.000Z';
    const seen: number[] = [];
    for (let after = 0; ; ) {
      const page = store.outbox.dueIdsAfter(now, after, 100);
      seen.push(...page);
      if (page.length < 100) break;
      after = page.at(-1) ?? after;
    }
    const expected = all.filter((e) => e.id !== parked.id && e.id !== waiting.id && e.sourceId !== 'later').map((e) => e.id);
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(249);
    // Each entry is read as it is sent: one acked or rescheduled meanwhile is not due any more.
    expect(store.outbox.due(now, expected[0] ?? 0)?.sourceId).toBe('application:0:interview');
    expect(store.outbox.due(now, waiting.id)).toBeNull();
    expect(store.outbox.due(now, parked.id)).toBeNull();

    const counts = store.outbox.dueCounts(now);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(249);
    expect(counts.find((c) => c.copilot)).toEqual({ accountId: null, copilot: true, count: 1 });
    expect(counts.filter((c) => !c.copilot).map((c) => [c.accountId, c.count]).sort()).toEqual([['google:a', 124], ['google:b', 124]]);
    store.close();
  });
});
