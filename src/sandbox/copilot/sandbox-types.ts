// Records as the Career Copilot backend stores and serialises them (DESIGN §7).
// The sandbox keeps its own copy of these shapes on purpose: it plays the server,
// so a mistake in the client's schema must not be mirrored here.

export const SANDBOX_STATUSES = ['interested', 'applied', 'interview', 'offer', 'rejected', 'accepted', 'declined'] as const;
export type SandboxStatus = (typeof SANDBOX_STATUSES)[number];

export interface SandboxJob {
  id: number;
  title: string;
  company: string;
  location?: string | null;
  description?: string | null;
  salary_range?: string | null;
  job_type?: string | null;
  remote_option?: string | null;
  link?: string | null;
  /** Owner; a job without one is visible to every user (handy for tests). */
  user_id?: number | null;
}

export interface SandboxApplication {
  id: number;
  user_id: number;
  job_id: number;
  status: SandboxStatus;
  /** YYYY-MM-DD */
  applied_date: string | null;
  response_date: string | null;
  offer_date: string | null;
  /** Naive local datetime, YYYY-MM-DDTHH:MM:SS, no offset (FastAPI's serialisation). */
  interview_date: string | null;
  follow_up_date: string | null;
  notes: string | null;
  interview_feedback: string | null;
  /** Naive ISO with microseconds, like FastAPI's datetime.utcnow().isoformat(). */
  created_at: string;
  updated_at: string;
}

export interface SandboxUser {
  id: number;
  email: string;
  username: string;
  password: string;
}

/** The fields PUT /applications/{id} accepts (the backend's ApplicationUpdate). */
export const UPDATABLE_FIELDS = [
  'status',
  'interview_date',
  'follow_up_date',
  'notes',
  'interview_feedback',
  'applied_date',
  'response_date',
  'offer_date',
] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];
