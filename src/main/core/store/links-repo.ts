// The status table: one row per (account, item), holding both sides' identity and
// what each side last said (docs/DESIGN.md, "Status table").
import { z } from 'zod';
import { prepared, type Db } from './database';
import { LinkState, Timing } from '../../../shared/domain';

export interface Link {
  accountId: string;
  sourceId: string;
  calendarId: string;
  remoteId: string | null;
  /** Increments each time a new event is created for this item (keep both, re-create, move): the create key. */
  generation: number;
  state: LinkState;
  /** Hash of Career Copilot's own data for the item when both sides last agreed. */
  baseSourceHash: string | null;
  /** Hash of the draft we last wrote (how we rendered it). */
  baseDraftHash: string | null;
  /** The calendar's time/status state when both sides last agreed. */
  baseRemoteHash: string | null;
  /** The calendar's last observation: revision, time state, timing, title, gone. */
  revision: string | null;
  remoteUpdated: string | null;
  seenRemoteHash: string | null;
  seenTiming: Timing | null;
  seenTitle: string | null;
  seenGone: boolean;
  /** Where the user can open the event in the calendar's web app, if the service gives one. */
  webLink: string | null;
  lastSyncedAt: string | null;
}

interface LinkRow {
  account_id: string;
  source_id: string;
  calendar_id: string;
  remote_id: string | null;
  generation: number;
  state: string;
  base_source_hash: string | null;
  base_draft_hash: string | null;
  base_remote_hash: string | null;
  revision: string | null;
  remote_updated: string | null;
  seen_remote_hash: string | null;
  seen_timing: string | null;
  seen_title: string | null;
  seen_gone: number;
  web_link: string | null;
  last_synced_at: string | null;
}

const StoredTiming = z.string().transform((s, ctx) => {
  const parsed = Timing.safeParse(JSON.parse(s));
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'stored timing is not valid' });
    return z.NEVER;
  }
  return parsed.data;
});

function fromRow(r: LinkRow): Link {
  return {
    accountId: r.account_id,
    sourceId: r.source_id,
    calendarId: r.calendar_id,
    remoteId: r.remote_id,
    generation: r.generation,
    state: LinkState.parse(r.state),
    baseSourceHash: r.base_source_hash,
    baseDraftHash: r.base_draft_hash,
    baseRemoteHash: r.base_remote_hash,
    revision: r.revision,
    remoteUpdated: r.remote_updated,
    seenRemoteHash: r.seen_remote_hash,
    seenTiming: r.seen_timing === null ? null : StoredTiming.parse(r.seen_timing),
    seenTitle: r.seen_title,
    seenGone: r.seen_gone === 1,
    webLink: r.web_link,
    lastSyncedAt: r.last_synced_at,
  };
}

/** A link nobody has agreed on yet (a new item, or an event found in the calendar). */
export function newLink(accountId: string, sourceId: string, calendarId: string): Link {
  return {
    accountId,
    sourceId,
    calendarId,
    remoteId: null,
    generation: 0,
    state: 'pending',
    baseSourceHash: null,
    baseDraftHash: null,
    baseRemoteHash: null,
    revision: null,
    remoteUpdated: null,
    seenRemoteHash: null,
    seenTiming: null,
    seenTitle: null,
    seenGone: false,
    webLink: null,
    lastSyncedAt: null,
  };
}

/** The link with no event behind it yet: the remote identity and every observation cleared (a new event follows). */
export function withoutRemote(link: Link): Link {
  return { ...link, remoteId: null, revision: null, remoteUpdated: null, seenRemoteHash: null, seenTiming: null, seenTitle: null, seenGone: false, webLink: null };
}

export class LinksRepo {
  constructor(private readonly db: Db) {}

  get(accountId: string, sourceId: string): Link | null {
    const row = prepared(this.db, 'SELECT * FROM links WHERE account_id = ? AND source_id = ?').get(accountId, sourceId) as LinkRow | undefined;
    return row ? fromRow(row) : null;
  }

  byRemoteId(accountId: string, remoteId: string): Link | null {
    const row = prepared(this.db, 'SELECT * FROM links WHERE account_id = ? AND remote_id = ?').get(accountId, remoteId) as LinkRow | undefined;
    return row ? fromRow(row) : null;
  }

  forAccount(accountId: string): Link[] {
    return (prepared(this.db, 'SELECT * FROM links WHERE account_id = ?').all(accountId) as LinkRow[]).map(fromRow);
  }

  /** This account's links among `sourceIds` (one statement, whatever their number). */
  forSources(accountId: string, sourceIds: readonly string[]): Link[] {
    const sql = 'SELECT * FROM links WHERE account_id = ? AND source_id IN (SELECT value FROM json_each(?))';
    return (prepared(this.db, sql).all(accountId, JSON.stringify(sourceIds)) as LinkRow[]).map(fromRow);
  }

  /**
   * Links that stand for an event in the calendar now (the guard's "most of them"
   * measure): an event seen and not gone, in a state that keeps it there. The
   * planner's isLive is the same rule on one link.
   */
  liveCount(accountId: string): number {
    const sql = "SELECT COUNT(*) AS n FROM links WHERE account_id = ? AND remote_id IS NOT NULL AND seen_gone = 0 AND state IN ('synced', 'conflict', 'kept')";
    return (prepared(this.db, sql).get(accountId) as { n: number }).n;
  }

  forSource(sourceId: string): Link[] {
    return (prepared(this.db, 'SELECT * FROM links WHERE source_id = ?').all(sourceId) as LinkRow[]).map(fromRow);
  }

  all(): Link[] {
    return (prepared(this.db, 'SELECT * FROM links').all() as LinkRow[]).map(fromRow);
  }

  put(link: Link): void {
    prepared(
      this.db,
      `INSERT INTO links (account_id, source_id, calendar_id, remote_id, generation, state, base_source_hash, base_draft_hash,
                          base_remote_hash, revision, remote_updated, seen_remote_hash, seen_timing, seen_title, seen_gone, web_link, last_synced_at)
       VALUES (@accountId, @sourceId, @calendarId, @remoteId, @generation, @state, @baseSourceHash, @baseDraftHash,
               @baseRemoteHash, @revision, @remoteUpdated, @seenRemoteHash, @seenTiming, @seenTitle, @seenGone, @webLink, @lastSyncedAt)
       ON CONFLICT(account_id, source_id) DO UPDATE SET
         calendar_id = excluded.calendar_id, remote_id = excluded.remote_id, generation = excluded.generation,
         state = excluded.state, base_source_hash = excluded.base_source_hash, base_draft_hash = excluded.base_draft_hash,
         base_remote_hash = excluded.base_remote_hash, revision = excluded.revision, remote_updated = excluded.remote_updated,
         seen_remote_hash = excluded.seen_remote_hash, seen_timing = excluded.seen_timing, seen_title = excluded.seen_title,
         seen_gone = excluded.seen_gone, web_link = excluded.web_link, last_synced_at = excluded.last_synced_at`,
    ).run({ ...link, seenTiming: link.seenTiming ? JSON.stringify(link.seenTiming) : null, seenGone: link.seenGone ? 1 : 0 });
  }

  deleteForAccount(accountId: string): void {
    prepared(this.db, 'DELETE FROM links WHERE account_id = ?').run(accountId);
  }

  isDetached(accountId: string, remoteId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM detached_events WHERE account_id = ? AND remote_id = ?').get(accountId, remoteId) !== undefined;
  }

  detach(accountId: string, remoteId: string): void {
    prepared(this.db, 'INSERT OR IGNORE INTO detached_events (account_id, remote_id) VALUES (?, ?)').run(accountId, remoteId);
  }
}
