// One writer at a time: jobs in one process run in order, and two processes on one
// data folder (a second `ccal` beside the desktop app) wait for each other through
// the writer lease — including after the holder is killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, appendFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import { Store } from '../../src/main/core/store/store';
import { WriteQueue } from '../../src/main/core/sync/write-queue';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function queueFor(store: Store, waits: string[] = []): WriteQueue {
  return new WriteQueue({ store, clock: systemClock, timers: systemTimers, self: { pid: process.pid, host: hostname() }, isAlive: (h) => alive(h.pid), leaseTtlMs: 3_000, onWaiting: (h) => waits.push(String(h.pid)) });
}

/** Starts the lease holder and resolves once it holds the lease. */
function startHolder(db: string, log: string, holdMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/lease-holder.ts'), db, log, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('holding')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`lease holder exited early (${code})`)));
  });
}

describe('the write queue', () => {
  it('runs jobs one at a time, in order, and tells a long job that another waits', async () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'ccal-q-')), 'q.db'));
    const q = queueFor(store);
    const order: string[] = [];
    let sawWaiting = false;
    const first = q.run(async () => {
      order.push('a start');
      await systemTimers.sleep(50);
      sawWaiting = q.hasWaiting();
      order.push('a end');
    });
    const second = q.run(async () => {
      order.push('b');
    });
    const failing = q.run(async () => {
      throw new Error('boom');
    });
    const third = q.run(async () => {
      order.push('c');
    });
    await Promise.all([first, second, expect(failing).rejects.toThrow('boom'), third]);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
    expect(sawWaiting).toBe(true);
    expect(q.hasWaiting()).toBe(false);
    store.close();
  });

  it('makes a second process on the same data folder wait until the first is done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccal-q2-'));
    const db = join(dir, 'calendar.db');
    const log = join(dir, 'log');
    const store = Store.open(db);
    const child = await startHolder(db, log, 1500);
    const waits: string[] = [];
    await queueFor(store, waits).run(async () => {
      appendFileSync(log, `parent start ${Date.now()}\n`);
    });
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(lines).toEqual(['child start', 'child end', 'parent start']);
    expect(waits).toEqual([String(child.pid)]);
    store.close();
  });

  it('takes over the data folder from a process killed while it held it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccal-q3-'));
    const db = join(dir, 'calendar.db');
    const log = join(dir, 'log');
    const store = Store.open(db);
    const child = await startHolder(db, log, 60_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    let ran = false;
    await queueFor(store).run(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(existsSync(log) && readFileSync(log, 'utf8')).not.toMatch(/child end/);
    store.close();
  });
});
