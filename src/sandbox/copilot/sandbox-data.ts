// The sandbox's "database": users, jobs and applications in memory, with the
// same id sequences and timestamps a SQL backend would give them.
import { SandboxClock } from './sandbox-clock';
import type { SandboxApplication, SandboxJob, SandboxUser } from './sandbox-types';

export class SandboxData {
  readonly clock = new SandboxClock();
  private readonly users: SandboxUser[];
  private readonly jobs = new Map<number, SandboxJob>();
  /** created_at and updated_at of each job, for the JSON the API returns. */
  private readonly jobStamps = new Map<number, { created_at: string; updated_at: string }>();
  private readonly apps = new Map<number, SandboxApplication>();
  private nextJobId = 1;
  private nextAppId = 1;
  /** Told of every insert, edit and delete, so the WebSocket can push it (DESIGN §7). */
  onAppChange: ((app: SandboxApplication, deleted: boolean) => void) | null = null;

  constructor(users: { email: string; password: string; username?: string }[]) {
    if (users.length === 0) throw new Error('The Career Copilot sandbox needs at least one user.');
    this.users = users.map((u, i) => ({ id: i + 1, email: u.email, password: u.password, username: u.username ?? u.email.split('@')[0] ?? u.email }));
  }

  /** By email or username, as the login form accepts either. */
  findUser(identifier: string): SandboxUser | undefined {
    const wanted = identifier.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted || u.username.toLowerCase() === wanted);
  }

  userById(id: number): SandboxUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** The named user, or the first one; a typo in a test fails loudly. */
  user(email?: string): SandboxUser {
    const found = email === undefined ? this.users[0] : this.findUser(email);
    if (!found) throw new Error(`The Career Copilot sandbox has no user ${email ?? ''}.`);
    return found;
  }

  job(id: number, forUserId?: number): SandboxJob | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (forUserId !== undefined && job.user_id != null && job.user_id !== forUserId) return undefined;
    return job;
  }

  putJob(job: Omit<SandboxJob, 'id'> & { id?: number }): SandboxJob {
    const id = job.id ?? this.nextJobId;
    const stored: SandboxJob = { ...job, id };
    this.jobs.set(id, stored);
    const now = this.clock.stamp();
    this.jobStamps.set(id, { created_at: this.jobStamps.get(id)?.created_at ?? now, updated_at: now });
    this.nextJobId = Math.max(this.nextJobId, id + 1);
    return { ...stored };
  }

  /** Applies `patch` and bumps updated_at, as the backend's PUT /jobs/{id} does. */
  patchJob(id: number, patch: Partial<Omit<SandboxJob, 'id'>>): SandboxJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`The Career Copilot sandbox has no job ${id}.`);
    return this.putJob({ ...job, ...patch, id });
  }

  jobTimestamps(id: number): { created_at: string; updated_at: string } {
    const stamps = this.jobStamps.get(id);
    if (stamps) return stamps;
    const now = this.clock.stamp();
    return { created_at: now, updated_at: now };
  }

  /**
   * What GET /jobs lists for a user, ordered by id. The backend lists the jobs the
   * user owns (Job.user_id); the sandbox also has unowned jobs, visible to every
   * user so tests need not name an owner. Listing every unowned job to every user
   * would show one test user another's jobs, so an unowned job is listed only to
   * users whose applications reference it — exactly the jobs the calendar needs.
   * Either way a listed job is one GET /jobs/{id} would answer for that user.
   */
  jobsOf(userId: number): SandboxJob[] {
    const referenced = new Set(this.appsOf(userId).map((a) => a.job_id));
    return [...this.jobs.values()]
      .filter((j) => (j.user_id != null ? j.user_id === userId : referenced.has(j.id)))
      .sort((a, b) => a.id - b.id);
  }

  app(id: number): SandboxApplication | undefined {
    return this.apps.get(id);
  }

  /** One user's applications ordered by id, as the backend's ORDER BY id. */
  appsOf(userId: number): SandboxApplication[] {
    return [...this.apps.values()].filter((a) => a.user_id === userId).sort((a, b) => a.id - b.id);
  }

  insertApp(input: Partial<SandboxApplication> & { job_id: number }, userId: number): SandboxApplication {
    if (input.id !== undefined && this.apps.has(input.id)) throw new Error(`Application ${input.id} exists already in the sandbox.`);
    const id = input.id ?? this.nextAppId;
    const now = this.clock.stamp();
    // Every column in the order the backend serialises them, with its defaults.
    const app: SandboxApplication = {
      id,
      user_id: userId,
      job_id: input.job_id,
      status: input.status ?? 'interested', // ApplicationCreate's default
      applied_date: input.applied_date ?? null,
      response_date: input.response_date ?? null,
      offer_date: input.offer_date ?? null,
      interview_date: input.interview_date ?? null,
      follow_up_date: input.follow_up_date ?? null,
      notes: input.notes ?? null,
      interview_feedback: input.interview_feedback ?? null,
      created_at: input.created_at ?? now,
      updated_at: input.updated_at ?? now,
    };
    this.apps.set(id, app);
    this.nextAppId = Math.max(this.nextAppId, id + 1);
    this.onAppChange?.({ ...app }, false);
    return { ...app };
  }

  /** Applies `patch` and bumps updated_at, as any edit in Career Copilot does. */
  patchApp(id: number, patch: Partial<SandboxApplication>): SandboxApplication {
    const app = this.apps.get(id);
    if (!app) throw new Error(`The Career Copilot sandbox has no application ${id}.`);
    const next: SandboxApplication = { ...app, ...patch, id: app.id, updated_at: this.clock.stamp() };
    this.apps.set(id, next);
    this.onAppChange?.({ ...next }, false);
    return { ...next };
  }

  deleteApp(id: number): void {
    const app = this.apps.get(id);
    this.apps.delete(id);
    if (app) this.onAppChange?.({ ...app, updated_at: this.clock.stamp() }, true);
  }

  /** Replaces one user's jobs and applications with `data`, keeping the given ids. */
  replaceUserData(userId: number, data: { jobs: SandboxJob[]; applications: SandboxApplication[] }): void {
    for (const [id, app] of this.apps) if (app.user_id === userId) this.apps.delete(id);
    for (const [id, job] of this.jobs) if (job.user_id === userId) this.jobs.delete(id);
    for (const job of data.jobs) {
      const existing = this.jobs.get(job.id);
      if (existing && existing.user_id != null && existing.user_id !== userId) throw new Error(`Job id ${job.id} belongs to another sandbox user.`);
      this.putJob({ ...job, user_id: job.user_id === undefined ? userId : job.user_id });
    }
    for (const app of data.applications) {
      const owner = this.apps.get(app.id);
      if (owner && owner.user_id !== userId) throw new Error(`Application id ${app.id} belongs to another sandbox user.`);
      this.apps.set(app.id, { ...app, user_id: userId });
      this.nextAppId = Math.max(this.nextAppId, app.id + 1);
    }
  }
}
