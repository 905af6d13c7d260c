// Career Copilot's API shapes (DESIGN §7), validated with zod where they enter.
import { z } from 'zod';

export const ApplicationStatus = z.enum(['interested', 'applied', 'interview', 'offer', 'rejected', 'accepted', 'declined']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

const IsoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** FastAPI serialises a naive datetime without offset, e.g. 2026-12-01T14:30:00 (fractional seconds allowed). */
const NaiveDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/);
/** created_at / updated_at: naive or with an offset. */
const AnyDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/);

export const CopilotApplication = z.object({
  id: z.number().int().positive(),
  user_id: z.number().int(),
  job_id: z.number().int(),
  status: ApplicationStatus,
  applied_date: IsoDateString.nullable().optional(),
  response_date: IsoDateString.nullable().optional(),
  offer_date: IsoDateString.nullable().optional(),
  interview_date: NaiveDateTime.nullable().optional(),
  follow_up_date: IsoDateString.nullable().optional(),
  notes: z.string().max(20000).nullable().optional(),
  interview_feedback: z.string().max(20000).nullable().optional(),
  created_at: AnyDateTime,
  updated_at: AnyDateTime.nullable().optional(),
});
export type CopilotApplication = z.infer<typeof CopilotApplication>;

export const CopilotJob = z.object({
  id: z.number().int(),
  title: z.string().max(500),
  company: z.string().max(500),
  location: z.string().max(500).nullable().optional(),
});
export type CopilotJob = z.infer<typeof CopilotJob>;

export const CopilotUser = z.object({
  id: z.number().int(),
  email: z.string(),
  username: z.string().nullable().optional(),
});
export type CopilotUser = z.infer<typeof CopilotUser>;

/** Career Copilot's error envelope. */
export const CopilotErrorEnvelope = z.object({
  request_id: z.string().optional(),
  timestamp: z.string().optional(),
  error_code: z.string().optional(),
  detail: z.unknown(),
});

/** An application that failed validation: reported and skipped, the rest still sync. */
export interface RejectedRecord {
  id: number | null;
  reason: string;
  /** A hash of the record as received (never its content): a record is reported once per change. */
  fingerprint?: string;
}

/**
 * Takes one page's good records, each checked as it is iterated (once).
 * Synchronous, and nothing of the page may be kept: it is not alive afterwards.
 */
export type PageHandler<T> = (records: Iterable<T>) => void;

/** What a listing leaves once its pages have been handed on. */
export interface ListingSummary {
  /** Ids of the records read well, so an absent one can be told from a bad one. */
  listed: ReadonlySet<number>;
  rejected: RejectedRecord[];
  /** HTTP requests the listing cost: its pages, plus any retries or fresh passes. */
  requests: number;
}

export interface ApplicationListing {
  applications: CopilotApplication[];
  rejected: RejectedRecord[];
  requests: number;
}

export interface JobListing {
  jobs: CopilotJob[];
  rejected: RejectedRecord[];
  /** HTTP requests the listing cost: its pages, plus any retries or fresh passes. */
  requests: number;
}

/** The fields the app ever writes back. */
export interface ApplicationPatch {
  interview_date?: string | null;
  follow_up_date?: string | null;
}

export interface CopilotClient {
  /** Exchanges credentials for a JWT and stores it in the SecretStore. Returns the user. */
  login(identifier: string, password: string, signal?: AbortSignal): Promise<CopilotUser>;
  /** Forgets the stored JWT. */
  logout(): Promise<void>;
  me(signal?: AbortSignal): Promise<CopilotUser>;
  /** Every application, all pages followed (offset paging). Throws on a failed page. */
  listApplications(signal?: AbortSignal): Promise<ApplicationListing>;
  /**
   * The same listing, each page's good records handed to `onPage` as it is read
   * and none kept (a record can come twice if the listing shifted while read).
   */
  readApplications(onPage: PageHandler<CopilotApplication>, signal?: AbortSignal): Promise<ListingSummary>;
  /**
   * Every job of the user (GET /jobs, all pages followed), each record checked on
   * its own: a bad one is in `rejected`, a bad page throws. Refreshes getJob's cache.
   */
  listJobs(signal?: AbortSignal): Promise<JobListing>;
  /** The job listing page by page, as readApplications; also refreshes getJob's cache. */
  readJobs(onPage: PageHandler<CopilotJob>, signal?: AbortSignal): Promise<ListingSummary>;
  /** Cached per client lifetime (listJobs refreshes it); null when the job is gone (404). */
  getJob(jobId: number, signal?: AbortSignal): Promise<CopilotJob | null>;
  updateApplication(id: number, patch: ApplicationPatch, signal?: AbortSignal): Promise<CopilotApplication>;
  requestCount(): number;
}
