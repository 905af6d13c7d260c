import type { Migration } from './migration';

// A year of minute-by-minute syncing is half a million sync_runs rows and more
// audit rows than that. Raw runs are kept for a few days only (store/retention.ts);
// what the metrics need of older days lives in these daily roll-ups, one row per
// UTC day (YYYY-MM-DD), a few hundred rows a year.
export const m003Retention: Migration = {
  version: 3,
  name: 'daily roll-ups of sync runs and calendar outcomes',
  up: `
    CREATE TABLE run_days (
      day               TEXT PRIMARY KEY,        -- UTC day the runs started on
      runs              INTEGER NOT NULL DEFAULT 0,
      ok                INTEGER NOT NULL DEFAULT 0,
      partial           INTEGER NOT NULL DEFAULT 0,
      failed            INTEGER NOT NULL DEFAULT 0,
      stopped           INTEGER NOT NULL DEFAULT 0,
      unfinished        INTEGER NOT NULL DEFAULT 0, -- started, never finished (the app was killed)
      copilot_requests  INTEGER NOT NULL DEFAULT 0,
      provider_requests INTEGER NOT NULL DEFAULT 0,
      latency_count     INTEGER NOT NULL DEFAULT 0,
      latency_sum_ms    INTEGER NOT NULL DEFAULT 0,
      latency_hist      TEXT NOT NULL DEFAULT '{}' -- JSON {bucket: count}, see telemetry/latency-histogram.ts
    );
    CREATE TABLE calendar_days (
      day       TEXT NOT NULL,                   -- UTC day of the audit rows
      provider  TEXT NOT NULL,
      successes INTEGER NOT NULL DEFAULT 0,
      failures  INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (day, provider)
    );
  `,
};
