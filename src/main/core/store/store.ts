// The store: one database, its repositories, and a transaction helper so every
// multi-row change is atomic.
import type { Db } from './database';
import { openDatabase } from './database';
import { AccountsRepo } from './accounts-repo';
import { AuditRepo } from './audit-repo';
import { ConflictsRepo } from './conflicts-repo';
import { CursorsRepo } from './cursors-repo';
import { ApplicationsRepo } from './applications-repo';
import { JobsRepo } from './jobs-repo';
import { KvRepo } from './kv-repo';
import { LeaseRepo } from './lease-repo';
import { LinksRepo } from './links-repo';
import { OutboxRepo } from './outbox-repo';
import { PreferencesRepo } from './preferences-repo';
import { runMaintenance, type MaintenanceReport } from './retention';
import { RollupsRepo } from './rollups-repo';
import { RunsRepo } from './runs-repo';
import { SkippedRecordsRepo } from './skipped-repo';

export class Store {
  readonly accounts: AccountsRepo;
  readonly audit: AuditRepo;
  readonly conflicts: ConflictsRepo;
  readonly cursors: CursorsRepo;
  readonly applications: ApplicationsRepo;
  readonly jobs: JobsRepo;
  readonly kv: KvRepo;
  readonly lease: LeaseRepo;
  readonly links: LinksRepo;
  readonly outbox: OutboxRepo;
  readonly preferences: PreferencesRepo;
  readonly rollups: RollupsRepo;
  readonly runs: RunsRepo;
  readonly skipped: SkippedRecordsRepo;

  /**
   * One transaction function for every tx(): better-sqlite3 builds a wrapper (and
   * its savepoint variants) per db.transaction() call, which a big sync made for
   * every write (docs/DESIGN.md, "Memory").
   */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(readonly db: Db) {
    this.inTransaction = db.transaction((fn: () => unknown) => fn());
    this.accounts = new AccountsRepo(db);
    this.audit = new AuditRepo(db);
    this.conflicts = new ConflictsRepo(db);
    this.cursors = new CursorsRepo(db);
    this.applications = new ApplicationsRepo(db);
    this.jobs = new JobsRepo(db);
    this.kv = new KvRepo(db);
    this.lease = new LeaseRepo(db);
    this.links = new LinksRepo(db);
    this.outbox = new OutboxRepo(db);
    this.preferences = new PreferencesRepo(db);
    this.rollups = new RollupsRepo(db);
    this.runs = new RunsRepo(db);
    this.skipped = new SkippedRecordsRepo(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  /**
   * Rolls up and prunes old sync_runs and audit_log rows (store/retention.ts). Does
   * the work at most once per 24 hours, so it is meant to be called once per sync
   * run, outside the run's own transaction.
   */
  maintenance(now: Date): MaintenanceReport {
    return runMaintenance(this, now);
  }

  close(): void {
    this.db.close();
  }
}
