import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/store/database';
import { latestVersion, MIGRATIONS } from '../../src/main/core/store/migrations';
import { m003Retention } from '../../src/main/core/store/migrations/003-retention';
import { repairDatabase } from '../../src/main/core/store/repair';
import { newLink } from '../../src/main/core/store/links-repo';
import { Store } from '../../src/main/core/store/store';
import { StoreError } from '../../src/shared/errors';

const dir = (): string => mkdtempSync(join(tmpdir(), 'ccal-store-'));

describe('SQLite store', () => {
  it('opens in WAL mode at the latest schema version', () => {
    const db = openDatabase(join(dir(), 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('upgrades a version-1 database and keeps its data', () => {
    const file = join(dir(), 'old.db');
    const first = MIGRATIONS[0];
    if (!first) throw new Error('no migrations');
    const v1 = openDatabase(file, [first]);
    v1.prepare("INSERT INTO accounts (id, provider, email, status, created_at) VALUES ('google:a@b.c', 'google', 'a@b.c', 'connected', '2026-01-01')").run();
    v1.prepare("INSERT INTO outbox (idempotency_key, source_id, op, next_attempt_at, created_at) VALUES ('k', 's', 'create', '2026-01-01', '2026-01-01')").run();
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const store = Store.open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(store.accounts.all().map((a) => a.id)).toEqual(['google:a@b.c']);
    expect(store.outbox.all()).toHaveLength(1);
    const indexes = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'outbox_due'").all();
    expect(indexes).toHaveLength(1);
    store.close();
  });

  it('upgrades a version-2 database to the roll-up tables, keeps its runs and audit rows, and rolls them up', () => {
    const file = join(dir(), 'v2.db');
    const before = MIGRATIONS.filter((m) => m.version < m003Retention.version);
    const v2 = openDatabase(file, before);
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    const insertRun = v2.prepare("INSERT INTO sync_runs (started_at, finished_at, outcome, trigger, stats) VALUES (?, ?, 'ok', 'timer', ?)");
    const stats = JSON.stringify({ requests: { copilot: 3, provider: 1 }, latenciesMs: [1200] });
    for (let day = 1; day <= 9; day++) insertRun.run(`2026-03-0${day}T12:00:00.000Z`, `2026-03-0${day}T12:00:05.000Z`, stats);
    v2.prepare("INSERT INTO accounts (id, provider, email, status, created_at) VALUES ('google:a@b.c', 'google', 'a@b.c', 'connected', '2026-03-01')").run();
    v2.prepare("INSERT INTO audit_log (at, account_id, action, outcome) VALUES ('2026-03-01T12:00:01.000Z', 'google:a@b.c', 'calendar.create', 'ok')").run();
    v2.prepare("INSERT INTO audit_log (at, account_id, action, outcome) VALUES ('2026-03-01T12:00:00.000Z', 'google:a@b.c', 'connect', 'ok')").run();
    v2.close();

    const store = Store.open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(store.runs.count()).toBe(9);
    expect(store.audit.count()).toBe(2);
    expect(store.rollups.runDaysFrom('')).toEqual([]);
    expect(store.rollups.rolledUntil()).toBeNull();

    const report = store.maintenance(new Date('2026-03-09T13:00:00.000Z'));
    expect(report).toMatchObject({ ran: true, runsRolledUp: 6 }); // March 1–6; the 7th, 8th and 9th stay raw
    expect(store.runs.count()).toBe(3);
    const days = store.rollups.runDaysFrom('');
    expect(days.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(days[0]).toMatchObject({ runs: 1, ok: 1, copilotRequests: 3, providerRequests: 1, latencyCount: 1, latencySumMs: 1200 });
    expect(store.rollups.calendarDaysFrom('')).toEqual([{ day: '2026-03-01', provider: 'google', successes: 1, failures: 0 }]);
    expect(store.audit.count()).toBe(2); // both younger than any audit limit
    store.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = join(dir(), 'newer.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'store_newer' }) as Error);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back a failed migration as a whole', () => {
    const file = join(dir(), 'broken.db');
    const bad = [...MIGRATIONS, { version: latestVersion() + 1, name: 'broken', up: 'CREATE TABLE x (a); SELECT * FROM no_such_table;' }];
    expect(() => openDatabase(file, bad)).toThrow();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'accounts'").all()).toHaveLength(0);
    db.close();
  });

  it('says a damaged file is damaged, and repair keeps it and recovers unsent Career Copilot writes', () => {
    const folder = dir();
    const file = join(folder, 'calendar.db');
    const store = Store.open(file);
    store.outbox.enqueue({ op: 'copilot_put', accountId: null, sourceId: 'application:1:interview', payload: { applicationId: 1, patch: { interview_date: '2026-06-01T10:00:00' }, remoteHash: null, remoteId: null, etag: null }, now: '2026-01-01T00:00:00Z' });
    store.outbox.enqueue({ op: 'create', accountId: 'google:x', sourceId: 'application:2:interview', payload: {}, now: '2026-01-01T00:00:00Z' });
    const { rootpage } = store.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'jobs'").get() as { rootpage: number };
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // Damage one table's page, the way a failing disk would; the outbox stays readable.
    const bytes = readFileSync(file);
    bytes.fill(0xff, (rootpage - 1) * pageSize, (rootpage - 1) * pageSize + 64);
    writeFileSync(file, bytes);

    let error: unknown;
    try {
      Store.open(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_corrupt');
    expect((error as StoreError).userMessage).toMatch(/ccal repair/);
    const result = repairDatabase(file, new Date('2026-01-02T00:00:00Z'));
    expect(existsSync(result.setAsideAs)).toBe(true);
    expect(readdirSync(folder).some((f) => f.includes('damaged'))).toBe(true);
    const fresh = Store.open(file);
    expect(result.unreadable).toBe(false);
    expect(result.salvaged).toBe(1);
    expect(fresh.outbox.all().map((e) => e.op)).toEqual(['copilot_put']);
    fresh.close();
  });

  it('reports a file that is not a database at all as damaged', () => {
    const file = join(dir(), 'garbage.db');
    writeFileSync(file, 'this is not a database, it is a shopping list '.repeat(200));
    expect(() => Store.open(file)).toThrowError(expect.objectContaining({ code: 'store_corrupt' }) as Error);
  });

  it('writes an intent and its outbox entry in one transaction', () => {
    const store = Store.open(join(dir(), 'tx.db'));
    store.accounts.upsert({ id: 'google:a', provider: 'google', email: 'a', scopes: [], calendarId: 'primary', now: 'now' });
    expect(() =>
      store.tx(() => {
        store.links.put(newLink('google:a', 's', 'primary'));
        store.outbox.enqueue({ op: 'create', accountId: 'google:a', sourceId: 's', payload: {}, now: 'now' });
        throw new Error('crash in the middle');
      }),
    ).toThrow('crash in the middle');
    expect(store.links.all()).toEqual([]);
    expect(store.outbox.all()).toEqual([]);
    store.close();
  });

  it('acknowledges an outbox entry only if it is still the one that was sent (compare-and-set)', () => {
    const store = Store.open(join(dir(), 'cas.db'));
    store.outbox.enqueue({ op: 'update', accountId: 'google:a', sourceId: 's', payload: {}, now: 'now' });
    const sent = store.outbox.all()[0];
    if (!sent) throw new Error('no entry');
    // A newer decision replaces the row while the write is in flight: same id, new revision.
    store.outbox.enqueue({ op: 'delete', accountId: 'google:a', sourceId: 's', payload: {}, now: 'now' });
    expect(store.outbox.ack(sent)).toBe(false);
    expect(store.outbox.all().map((e) => e.op)).toEqual(['delete']);
    store.outbox.reschedule(sent, 'later', 'old failure', true);
    expect(store.outbox.all()[0]).toMatchObject({ attempts: 0, failed: false });
    const current = store.outbox.all()[0];
    if (!current) throw new Error('no entry');
    expect(store.outbox.ack(current)).toBe(true);
    expect(store.outbox.all()).toEqual([]);
    store.close();
  });

  it('upgrades a version-2 database to the status model, keeping links and what they agreed on', () => {
    const file = join(dir(), 'v2.db');
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 2));
    old.prepare("INSERT INTO accounts (id, provider, email, status, created_at) VALUES ('google:a', 'google', 'a', 'connected', 'now')").run();
    old.prepare("INSERT INTO links (account_id, source_id, calendar_id, remote_id, etag, base_item_hash, base_remote_hash, state) VALUES ('google:a', 'application:1:interview', 'primary', 'ev1', '\"7\"', 'draft', 'remote', 'remote_deleted')").run();
    old.close();
    const store = Store.open(file);
    expect(store.links.get('google:a', 'application:1:interview')).toMatchObject({ remoteId: 'ev1', revision: '"7"', baseDraftHash: 'draft', baseRemoteHash: 'remote', seenRemoteHash: 'remote', baseSourceHash: null, seenGone: false, state: 'remote_deleted' });
    store.close();
  });

  it('lets one writer hold the data folder at a time, and takes over from a holder that died', () => {
    const store = Store.open(join(dir(), 'lease.db'));
    const a = { owner: 'a', pid: 1, host: 'h' };
    const b = { owner: 'b', pid: 2, host: 'h' };
    expect(store.lease.tryAcquire(a, 1000, 30_000, () => true)).toBeNull();
    expect(store.lease.tryAcquire(b, 2000, 30_000, () => true)).toMatchObject({ owner: 'a' });
    expect(store.lease.tryAcquire(b, 2000, 30_000, () => false)).toBeNull(); // a's process is gone
    expect(store.lease.tryAcquire(a, 3000, 30_000, () => true)).toMatchObject({ owner: 'b' });
    expect(store.lease.tryAcquire(a, 40_000, 30_000, () => true)).toBeNull(); // b's lease expired
    store.close();
  });
});
