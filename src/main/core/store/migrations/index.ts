// Ordered list of migrations. Append only: a shipped migration never changes.
import type { Migration } from './migration';
import { m001Initial } from './001-initial';
import { m002Indexes } from './002-indexes';
import { m003Retention } from './003-retention';
import { m004StatusModel } from './004-status-model';
import { m005WebLinks } from './005-web-links';

export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Indexes, m003Retention, m004StatusModel, m005WebLinks];

export function latestVersion(): number {
  return MIGRATIONS.at(-1)?.version ?? 0;
}
