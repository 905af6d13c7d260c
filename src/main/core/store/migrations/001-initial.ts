import type { Migration } from './migration';

// The tables of DESIGN §4. No column ever holds a token.
export const m001Initial: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    CREATE TABLE accounts (
      id            TEXT PRIMARY KEY,            -- e.g. google:alice@example.com
      provider      TEXT NOT NULL,
      email         TEXT NOT NULL,
      scopes        TEXT NOT NULL DEFAULT '[]',  -- JSON array of granted scopes
      status        TEXT NOT NULL,
      calendar_id   TEXT NOT NULL DEFAULT 'primary',
      last_sync_at  TEXT,
      last_error    TEXT,
      created_at    TEXT NOT NULL
    );
    CREATE TABLE preferences (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL                         -- JSON
    );
    CREATE TABLE items (
      source_id         TEXT PRIMARY KEY,        -- application:42:interview
      application_id    INTEGER NOT NULL,
      kind              TEXT NOT NULL,
      title             TEXT NOT NULL,
      timing            TEXT NOT NULL,           -- JSON Timing
      location          TEXT,
      notes             TEXT,
      cancelled         INTEGER NOT NULL DEFAULT 0,
      source_updated_at TEXT NOT NULL,
      hash              TEXT NOT NULL,
      seen_at           TEXT NOT NULL
    );
    CREATE INDEX items_by_application ON items(application_id);
    CREATE TABLE links (
      account_id        TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      source_id         TEXT NOT NULL,
      calendar_id       TEXT NOT NULL,
      remote_id         TEXT,
      etag              TEXT,
      remote_updated    TEXT,
      base_item_hash    TEXT,                    -- hash of the draft both sides last agreed on
      base_remote_hash  TEXT,                    -- hash of the calendar's time/status then
      generation        INTEGER NOT NULL DEFAULT 0,
      state             TEXT NOT NULL,
      last_synced_at    TEXT,
      PRIMARY KEY (account_id, source_id)
    );
    CREATE TABLE detached_events (
      account_id TEXT NOT NULL,
      remote_id  TEXT NOT NULL,
      PRIMARY KEY (account_id, remote_id)
    );
    CREATE TABLE outbox (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      account_id      TEXT,                      -- null for Career Copilot writes
      source_id       TEXT NOT NULL,
      op              TEXT NOT NULL,             -- create | update | delete | copilot_put
      payload         TEXT NOT NULL DEFAULT '{}',
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error      TEXT,
      failed          INTEGER NOT NULL DEFAULT 0, -- gave up after repeated permanent errors; kept, shown, retryable by hand
      created_at      TEXT NOT NULL,
      seen_change_at  TEXT                        -- when the change was first seen (latency metric)
    );
    CREATE TABLE cursors (
      account_id  TEXT NOT NULL,
      calendar_id TEXT NOT NULL,
      cursor      TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      PRIMARY KEY (account_id, calendar_id)
    );
    CREATE TABLE conflicts (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id    TEXT NOT NULL,
      source_id     TEXT NOT NULL,
      copilot       TEXT NOT NULL,               -- JSON Timing | null (cancelled)
      calendar      TEXT NOT NULL,               -- JSON RemoteEvent snapshot
      explanation   TEXT NOT NULL,
      detected_at   TEXT NOT NULL,
      resolved_at   TEXT,
      resolution    TEXT
    );
    CREATE UNIQUE INDEX conflicts_open ON conflicts(account_id, source_id) WHERE resolved_at IS NULL;
    CREATE TABLE jobs (
      id         INTEGER PRIMARY KEY,
      title      TEXT NOT NULL,
      company    TEXT NOT NULL,
      location   TEXT,
      fetched_at TEXT NOT NULL
    );
    CREATE TABLE kv (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE sync_runs (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      started_at   TEXT NOT NULL,
      finished_at  TEXT,
      outcome      TEXT,                         -- ok | partial | failed | stopped
      trigger      TEXT NOT NULL,
      stats        TEXT NOT NULL DEFAULT '{}'    -- JSON counts, requests, latencies
    );
    CREATE TABLE audit_log (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      at         TEXT NOT NULL,
      account_id TEXT,
      action     TEXT NOT NULL,
      outcome    TEXT NOT NULL,                  -- ok | failed | info
      detail     TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_by_time ON audit_log(at);
  `,
};
