import type { Migration } from './migration';

// The status model of docs/DESIGN.md ("Status table"), in the spirit of vdirsyncer's:
// - Career Copilot's own records are kept as they came (`applications`); calendar items
//   are derived from them and the preferences on demand, so no stored item can go
//   stale when a preference changes (the old `items` table is dropped).
// - A link keeps what each side last said apart: `base_source_hash` (Career
//   Copilot's data both sides agreed on) apart from `base_draft_hash` (what we last
//   wrote), so a change in how we render an event never counts as news from Career
//   Copilot; and the calendar's last observation (`seen_*`) apart from the agreed
//   `base_remote_hash`, so what a listing said is stored with its cursor whatever a
//   guard holds back.
// - Outbox rows carry a revision: an acknowledgement is compare-and-set against the
//   row it sent.
// - One writer at a time across processes: a lease row.
export const m004StatusModel: Migration = {
  version: 4,
  name: 'status model: applications, both sides per link, observations, outbox revisions, writer lease',
  up: `
    CREATE TABLE applications (
      id        INTEGER PRIMARY KEY,
      job_id    INTEGER NOT NULL,
      record    TEXT NOT NULL,                 -- the validated application, as Career Copilot sent it
      gone      INTEGER NOT NULL DEFAULT 0,    -- no longer listed by Career Copilot
      seen_at   TEXT NOT NULL
    );
    DROP TABLE items;
    ALTER TABLE links RENAME COLUMN base_item_hash TO base_draft_hash;
    ALTER TABLE links RENAME COLUMN etag TO revision;
    ALTER TABLE links ADD COLUMN base_source_hash TEXT;
    ALTER TABLE links ADD COLUMN seen_remote_hash TEXT;
    ALTER TABLE links ADD COLUMN seen_timing TEXT;          -- JSON Timing of the live event last seen
    ALTER TABLE links ADD COLUMN seen_title TEXT;
    ALTER TABLE links ADD COLUMN seen_gone INTEGER NOT NULL DEFAULT 0;
    UPDATE links SET seen_remote_hash = base_remote_hash;
    CREATE INDEX links_by_remote ON links(account_id, remote_id);
    ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE skipped_records (
      record_key  TEXT PRIMARY KEY,              -- application id, or a hash of a record without one
      hash        TEXT NOT NULL,                 -- of the record and the reason: reported once per change
      reported_at TEXT NOT NULL
    );
    CREATE TABLE writer_lease (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      owner       TEXT NOT NULL,
      pid         INTEGER NOT NULL,
      host        TEXT NOT NULL,
      expires_at  INTEGER NOT NULL               -- ms since the epoch
    );
  `,
};
