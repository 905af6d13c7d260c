import type { Migration } from './migration';

// The executor asks "what is due?" every run and the metrics page reads recent runs;
// both scanned whole tables in version 1.
export const m002Indexes: Migration = {
  version: 2,
  name: 'indexes for due outbox operations and recent runs',
  up: `
    CREATE INDEX outbox_due ON outbox(failed, next_attempt_at);
    CREATE INDEX sync_runs_by_start ON sync_runs(started_at);
  `,
};
