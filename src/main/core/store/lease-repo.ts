// One writer per data folder, across processes: a lease row taken with a write
// transaction (SQLite serialises those between processes). The holder renews it
// while it works; a lease whose holder is gone (its process died, or it expired)
// can be taken over, so a crash never locks the user out.
import { prepared, type Db } from './database';

export interface LeaseHolder {
  owner: string;
  pid: number;
  host: string;
}

export class LeaseRepo {
  constructor(private readonly db: Db) {}

  /** Takes or renews the lease for `ttlMs`; returns the other holder when it is taken. */
  tryAcquire(me: LeaseHolder, nowMs: number, ttlMs: number, isAlive: (holder: LeaseHolder) => boolean): LeaseHolder | null {
    return this.db
      .transaction((): LeaseHolder | null => {
        const row = prepared(this.db, 'SELECT owner, pid, host, expires_at AS expiresAt FROM writer_lease WHERE id = 1').get() as
          | (LeaseHolder & { expiresAt: number })
          | undefined;
        const mine = row?.owner === me.owner;
        if (row && !mine && row.expiresAt > nowMs && isAlive(row)) return { owner: row.owner, pid: row.pid, host: row.host };
        prepared(
          this.db,
          `INSERT INTO writer_lease (id, owner, pid, host, expires_at) VALUES (1, @owner, @pid, @host, @expiresAt)
           ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at`,
        ).run({ ...me, expiresAt: nowMs + ttlMs });
        return null;
      })
      .immediate();
  }

  release(owner: string): void {
    prepared(this.db, 'DELETE FROM writer_lease WHERE id = 1 AND owner = ?').run(owner);
  }
}
