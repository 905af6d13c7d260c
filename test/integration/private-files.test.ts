// The data folder holds the user's interviews, their calendar links and the log:
// it is theirs alone (folder 0700, files 0600), whatever the umask, and a folder or
// file left looser by an older version or by hand is tightened when it is opened.
// Real files, real SQLite (with its -wal and -shm), real log destination.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, startLogging } from '../../src/main/cli/runtime';
import { AppConfig } from '../../src/main/core/config';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { openDatabase } from '../../src/main/core/store/database';
import { ensurePrivateDir, writePrivateFile } from '../../src/main/core/store/private-files';
import { Store } from '../../src/main/core/store/store';
import { configureLogging } from '../../src/main/core/telemetry/logger';
import { StoreError } from '../../src/shared/errors';

const posix = process.platform !== 'win32';
if (!posix) console.warn('private-files tests skipped: Windows has no POSIX modes (the user profile ACL protects the folder)');

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const octal = (mode: number): string => `0${mode.toString(8)}`;

let previousUmask = 0;
let base: string;

beforeAll(() => {
  // The usual desktop umask: without care, new files would be 0644 and folders 0755.
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});

function freshBase(): string {
  base = mkdtempSync(join(tmpdir(), 'ccal-private-'));
  return base;
}
afterEach(() => {
  configureLogging(null);
  rmSync(base, { recursive: true, force: true });
});

/** Every folder and file under `dir` with its mode, to compare in one assertion. */
function modesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': octal(modeOf(dir)) };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = octal(modeOf(path));
  }
  return out;
}

const configFor = (dataDir: string): AppConfig =>
  AppConfig.parse({ dataDir, copilot: { baseUrl: 'http://127.0.0.1:9/api/v1' }, google: { clientId: 'test-client' } });

describe.runIf(posix)('private data folder', () => {
  it('creates the folder 0700 and calendar.db, -wal and -shm 0600 under umask 0022', () => {
    const dataDir = join(freshBase(), 'data', 'nested');
    const file = join(dataDir, 'calendar.db');
    const db = openDatabase(file);
    try {
      db.prepare("INSERT INTO kv (key, value) VALUES ('k', 'v')").run();
      expect(modesUnder(dataDir)).toEqual({ '.': '0700', 'calendar.db': '0600', 'calendar.db-wal': '0600', 'calendar.db-shm': '0600' });
    } finally {
      db.close();
    }
  });

  it('tightens an existing folder, database and -wal/-shm left readable by others', () => {
    const dataDir = join(freshBase(), 'data');
    const file = join(dataDir, 'calendar.db');
    Store.open(file).close();
    // As an older version or a copy by hand might have left them: open to everyone,
    // with -wal and -shm still there (SQLite reads an empty WAL as no changes).
    writeFileSync(`${file}-wal`, '');
    writeFileSync(`${file}-shm`, '');
    chmodSync(dataDir, 0o777);
    chmodSync(file, 0o666);
    chmodSync(`${file}-wal`, 0o644);
    chmodSync(`${file}-shm`, 0o644);

    const again = Store.open(file);
    try {
      expect(modesUnder(dataDir)).toEqual({ '.': '0700', 'calendar.db': '0600', 'calendar.db-wal': '0600', 'calendar.db-shm': '0600' });
    } finally {
      again.close();
    }
  });

  it('keeps the owner bits it found and only removes the others', () => {
    const dir = join(freshBase(), 'data');
    mkdirSync(dir, { mode: 0o750 });
    chmodSync(dir, 0o750);
    ensurePrivateDir(dir);
    expect(octal(modeOf(dir))).toBe('0700');
  });

  it('the whole app, logs included, writes nothing others can read', async () => {
    const dataDir = join(freshBase(), 'data');
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'logs'), 0o755);
    writeFileSync(join(dataDir, 'logs', 'ccal.log'), '', { mode: 0o644 });

    const core = createRuntime({ config: configFor(dataDir), secrets: new MemorySecretStore(), openUrl: async () => false });
    try {
      await core.getState();
      const modes = modesUnder(dataDir);
      expect(Object.keys(modes)).toEqual(expect.arrayContaining(['.', 'logs', 'logs/ccal.log', 'calendar.db']));
      for (const [path, mode] of Object.entries(modes)) {
        const isDir = statSync(join(dataDir, path)).isDirectory();
        expect(`${path} ${mode}`).toBe(`${path} ${isDir ? '0700' : '0600'}`);
      }
    } finally {
      core.close();
    }
  });

  it('creates a fresh log file 0600', () => {
    const dataDir = join(freshBase(), 'data');
    startLogging(configFor(dataDir));
    expect(modesUnder(join(dataDir, 'logs'))).toEqual({ '.': '0700', 'ccal.log': '0600' });
  });

  it('writes an exported file 0600, also over an existing looser one', () => {
    const file = join(freshBase(), 'audit.jsonl');
    writeFileSync(file, 'old', { mode: 0o644 });
    chmodSync(file, 0o644);
    writePrivateFile(file, '{"a":1}\n');
    expect(octal(modeOf(file))).toBe('0600');
    writePrivateFile(join(base, 'new.jsonl'), 'x');
    expect(octal(modeOf(join(base, 'new.jsonl')))).toBe('0600');
  });

  it('says so in words when the folder cannot be made', () => {
    const blocker = join(freshBase(), 'not-a-folder');
    writeFileSync(blocker, '');
    let caught: unknown;
    try {
      ensurePrivateDir(join(blocker, 'data'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('store_io');
    expect((caught as StoreError).userMessage).toContain(join(blocker, 'data'));
    expect((caught as StoreError).cause).toBeInstanceOf(Error);
  });
});
