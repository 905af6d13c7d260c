import { prepared, type Db } from './database';

/** Small non-secret facts: the signed-in Career Copilot user, a pending guard approval. */
export class KvRepo {
  constructor(private readonly db: Db) {}

  get<T>(key: string): T | null {
    const row = prepared(this.db, 'SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  set(key: string, value: unknown): void {
    prepared(this.db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    prepared(this.db, 'DELETE FROM kv WHERE key = ?').run(key);
  }
}
