// Opens the SQLite database: WAL, foreign keys, migrations keyed on user_version,
// clear errors for a damaged file or one written by a newer version, and the
// data folder and database files private to the user (0700 / 0600).
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '../../../shared/errors';
import { MIGRATIONS, latestVersion } from './migrations';
import type { Migration } from './migrations/migration';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from './private-files';

/** The files SQLite keeps beside the database; they hold the same data. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

export type Db = Database.Database;

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  makePrivate(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (cause) {
    throw ioError(file, cause);
  }
  try {
    // Read-only checks first: a damaged file or one from a newer version must be
    // left exactly as it was found.
    db.pragma('busy_timeout = 5000');
    checkIntegrity(db, file);
    refuseNewer(db, file, migrations);
    db.pragma('journal_mode = WAL');
    // New -wal/-shm files take the database's mode; checked again in case a SQLite build does not.
    tightenIfPresent(...SIDE_FILES.map((suffix) => file + suffix));
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, file, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw classify(file, error);
  }
}

/**
 * The folder and the database are made private before SQLite opens anything:
 * SQLite creates a new database 0644 under the usual umask, and its -wal, -shm
 * and -journal files copy the database's mode, so a 0600 database keeps them
 * private too. Whatever an older version or a copy by hand left looser is tightened.
 */
function makePrivate(file: string): void {
  if (file === ':memory:' || file === '') return;
  ensurePrivateDir(dirname(file));
  ensurePrivateFile(file);
  tightenIfPresent(...SIDE_FILES.map((suffix) => file + suffix));
}

function checkIntegrity(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const verdict = rows.map((r) => r.quick_check).join('; ');
  if (verdict !== 'ok') throw corruptError(file, new Error(verdict));
}

export function migrate(db: Db, file: string, migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1];
    const cur = migrations[i];
    if (prev && cur && cur.version <= prev.version) {
      throw new Error(`Migrations out of order: ${cur.version} after ${prev.version}`);
    }
  }
  refuseNewer(db, file, migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // All pending migrations in one transaction: a failure leaves the old version intact.
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

function refuseNewer(db: Db, file: string, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'store_newer',
      `The local database (${file}) was written by a newer version of Career Copilot Calendar. Update the app; your data was left untouched.`,
    );
  }
}

export function isLatest(db: Db): boolean {
  return (db.pragma('user_version', { simple: true }) as number) === latestVersion();
}

/**
 * Sets a damaged database aside (kept, never deleted) so a fresh one can be built:
 * Career Copilot and the calendar hold everything needed to rebuild it, and the
 * app's events are found again by their private tag. Returns the new path of the
 * damaged file.
 */
export function setAsideDamagedDatabase(file: string, now: Date): string {
  const aside = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

function classify(file: string, error: unknown): StoreError {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return corruptError(file, error);
  }
  return ioError(file, error);
}

function corruptError(file: string, cause: unknown): StoreError {
  return new StoreError(
    'store_corrupt',
    `The local database (${file}) is damaged. Run "ccal repair" to set it aside and rebuild it from Career Copilot and your calendar; the damaged file is kept and unsent changes are recovered from it where possible.`,
    { cause },
  );
}

function ioError(file: string, cause: unknown): StoreError {
  const code = (cause as { code?: string }).code ?? '';
  const full = code === 'SQLITE_FULL' || code === 'ENOSPC';
  return new StoreError(
    'store_io',
    full
      ? `The disk holding ${file} is full, so nothing could be saved. Free some space and try again; nothing was lost.`
      : `The local database (${file}) can't be opened or written (${code || 'unknown error'}). Check that the folder exists and is writable, then try again.`,
    { cause, retryable: full },
  );
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per database. Preparing on every call left
 * thousands of native statements waiting for the garbage collector, which cannot
 * see their size: a 10,000-item sync peaked at hundreds of megabytes.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
