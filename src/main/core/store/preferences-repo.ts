import { prepared, type Db } from './database';
import { DEFAULT_PREFERENCES, Preferences, type PreferencesPatch } from '../../../shared/domain';

const KEY = 'preferences';

export class PreferencesRepo {
  constructor(private readonly db: Db) {}

  get(): Preferences {
    const row = prepared(this.db, 'SELECT value FROM preferences WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return DEFAULT_PREFERENCES;
    // Fields added in later versions fall back to their defaults.
    const stored = JSON.parse(row.value) as Partial<Preferences>;
    const parsed = Preferences.safeParse({ ...DEFAULT_PREFERENCES, ...stored, kinds: { ...DEFAULT_PREFERENCES.kinds, ...stored.kinds } });
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  }

  /** False until preferences are first saved (the first run). */
  isStored(): boolean {
    return prepared(this.db, 'SELECT 1 FROM preferences WHERE key = ?').get(KEY) !== undefined;
  }

  update(patch: PreferencesPatch): Preferences {
    const current = this.get();
    const next = Preferences.parse({ ...current, ...patch, kinds: { ...current.kinds, ...patch.kinds } });
    prepared(this.db, 'INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(next));
    return next;
  }
}
