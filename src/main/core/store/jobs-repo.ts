import { prepared, type Db } from './database';

export interface CachedJob {
  id: number;
  title: string;
  company: string;
  location: string | null;
  fetchedAt: string;
}

/** Jobs rarely change; caching them keeps a quiet sync down to the listing pages. */
export class JobsRepo {
  constructor(private readonly db: Db) {}

  get(id: number): CachedJob | null {
    const row = prepared(this.db, 'SELECT id, title, company, location, fetched_at AS fetchedAt FROM jobs WHERE id = ?').get(id) as
      | CachedJob
      | undefined;
    return row ?? null;
  }

  put(job: CachedJob): void {
    prepared(this.db, 
        `INSERT INTO jobs (id, title, company, location, fetched_at) VALUES (@id, @title, @company, @location, @fetchedAt)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, company = excluded.company, location = excluded.location, fetched_at = excluded.fetched_at`,
      )
      .run(job);
  }
}
