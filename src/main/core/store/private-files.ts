// The data folder and everything the app writes in it are the user's alone:
// folders 0700, files 0600. A mode given at creation is cut by the umask and
// ignored for things that already exist, so what these helpers create is set to
// exactly that mode, and what they find is tightened: the group and other bits
// go, the owner's bits stay as they were.
// Windows has no POSIX modes; its per-user profile ACL does this job there.
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../../../shared/errors';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';
const OTHERS = 0o077;

/** Creates `dir` (and its parents) 0700, or tightens it if it exists. */
export function ensurePrivateDir(dir: string): void {
  try {
    const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (first === undefined) return tighten(dir);
    if (!POSIX) return;
    // Every folder made just now, from `dir` up to the first one created.
    for (let path = resolve(dir); ; path = dirname(path)) {
      chmodSync(path, PRIVATE_DIR_MODE);
      if (path === resolve(first) || path === dirname(path)) break;
    }
  } catch (cause) {
    throw privacyError(dir, cause);
  }
}

/** Creates an empty `file` 0600 if it is missing, or tightens it if it exists. */
export function ensurePrivateFile(file: string): void {
  try {
    let fd: number;
    try {
      fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return tighten(file);
    }
    try {
      if (POSIX) fchmodSync(fd, PRIVATE_FILE_MODE);
    } finally {
      closeSync(fd);
    }
  } catch (cause) {
    throw privacyError(file, cause);
  }
}

/** Tightens each of `files` that exists (e.g. SQLite's -wal and -shm). */
export function tightenIfPresent(...files: string[]): void {
  for (const file of files) {
    try {
      tighten(file);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw privacyError(file, cause);
    }
  }
}

/** Writes `data` to `file`, 0600 from creation and also when it replaces a looser file. */
export function writePrivateFile(file: string, data: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'w', PRIVATE_FILE_MODE);
    // Before the first byte: an existing file opened for writing keeps its old mode.
    if (POSIX) fchmodSync(fd, PRIVATE_FILE_MODE);
    writeSync(fd, data);
  } catch (cause) {
    throw privacyError(file, cause);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function tighten(path: string): void {
  if (!POSIX) return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & OTHERS) !== 0) chmodSync(path, mode & ~OTHERS);
}

function privacyError(path: string, cause: unknown): StoreError {
  const code = (cause as { code?: unknown }).code;
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new StoreError(
    'store_io',
    `The app could not create or protect ${path}${detail}. Check that its folder exists and belongs to you (or set CCAL_DATA_DIR to a folder of your own), then try again.`,
    { cause },
  );
}
