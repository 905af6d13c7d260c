import { prepared, type Db } from './database';
import { LinkState } from '../../../shared/domain';

export interface Link {
  accountId: string;
  sourceId: string;
  calendarId: string;
  remoteId: string | null;
  etag: string | null;
  remoteUpdated: string | null;
  baseItemHash: string | null;
  baseRemoteHash: string | null;
  generation: number;
  state: LinkState;
  lastSyncedAt: string | null;
}

interface LinkRow {
  account_id: string;
  source_id: string;
  calendar_id: string;
  remote_id: string | null;
  etag: string | null;
  remote_updated: string | null;
  base_item_hash: string | null;
  base_remote_hash: string | null;
  generation: number;
  state: string;
  last_synced_at: string | null;
}

function fromRow(r: LinkRow): Link {
  return {
    accountId: r.account_id,
    sourceId: r.source_id,
    calendarId: r.calendar_id,
    remoteId: r.remote_id,
    etag: r.etag,
    remoteUpdated: r.remote_updated,
    baseItemHash: r.base_item_hash,
    baseRemoteHash: r.base_remote_hash,
    generation: r.generation,
    state: LinkState.parse(r.state),
    lastSyncedAt: r.last_synced_at,
  };
}

export class LinksRepo {
  constructor(private readonly db: Db) {}

  get(accountId: string, sourceId: string): Link | null {
    const row = prepared(this.db, 'SELECT * FROM links WHERE account_id = ? AND source_id = ?').get(accountId, sourceId) as
      | LinkRow
      | undefined;
    return row ? fromRow(row) : null;
  }

  forAccount(accountId: string): Link[] {
    return (prepared(this.db, 'SELECT * FROM links WHERE account_id = ?').all(accountId) as LinkRow[]).map(fromRow);
  }

  forSource(sourceId: string): Link[] {
    return (prepared(this.db, 'SELECT * FROM links WHERE source_id = ?').all(sourceId) as LinkRow[]).map(fromRow);
  }

  all(): Link[] {
    return (prepared(this.db, 'SELECT * FROM links').all() as LinkRow[]).map(fromRow);
  }

  put(link: Link): void {
    prepared(this.db, 
        `INSERT INTO links (account_id, source_id, calendar_id, remote_id, etag, remote_updated, base_item_hash, base_remote_hash, generation, state, last_synced_at)
         VALUES (@accountId, @sourceId, @calendarId, @remoteId, @etag, @remoteUpdated, @baseItemHash, @baseRemoteHash, @generation, @state, @lastSyncedAt)
         ON CONFLICT(account_id, source_id) DO UPDATE SET
           calendar_id = excluded.calendar_id, remote_id = excluded.remote_id, etag = excluded.etag,
           remote_updated = excluded.remote_updated, base_item_hash = excluded.base_item_hash,
           base_remote_hash = excluded.base_remote_hash, generation = excluded.generation,
           state = excluded.state, last_synced_at = excluded.last_synced_at`,
      )
      .run(link);
  }

  deleteForAccount(accountId: string): void {
    prepared(this.db, 'DELETE FROM links WHERE account_id = ?').run(accountId);
  }

  isDetached(accountId: string, remoteId: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM detached_events WHERE account_id = ? AND remote_id = ?').get(accountId, remoteId) !==
      undefined
    );
  }

  detach(accountId: string, remoteId: string): void {
    prepared(this.db, 'INSERT OR IGNORE INTO detached_events (account_id, remote_id) VALUES (?, ?)').run(accountId, remoteId);
  }
}
