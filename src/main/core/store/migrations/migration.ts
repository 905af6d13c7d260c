export interface Migration {
  /** Strictly increasing; recorded in PRAGMA user_version. */
  version: number;
  name: string;
  /** SQL run inside the migration transaction. */
  up: string;
}
