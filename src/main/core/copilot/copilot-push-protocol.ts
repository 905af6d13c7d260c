// The wire side of Career Copilot's push channel (DESIGN §7): where the socket
// lives, what a message looks like, which close codes mean "sign in again", and
// the typed error the push client reports. Kept apart from the connection logic
// so both stay small.
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { parseJsonAs } from '../../../shared/parse-json';

/** The one message type we act on; the payload is only a hint to sync now. */
export const StatusUpdateMessage = z.object({
  type: z.literal('application_status_update'),
  data: z.object({
    application_id: z.number().int(),
    // Read but not trusted: the sync lists and diffs anyway, so a new status value
    // or timestamp format must not make us drop the hint.
    status: z.string().optional(),
    updated_at: z.string().optional(),
  }),
});
export type StatusUpdateMessage = z.infer<typeof StatusUpdateMessage>;

/** Frames bigger than this are not status hints; skip them without parsing. */
const MAX_MESSAGE_CHARS = 64 * 1024;

/** The update a text frame carries, or null for anything else (never throws). */
export function parsePushMessage(data: unknown): StatusUpdateMessage | null {
  if (typeof data !== 'string' || data.length > MAX_MESSAGE_CHARS) return null;
  return parseJsonAs(StatusUpdateMessage, data);
}

/**
 * 1008 is what the FastAPI backend sends for a missing, bad or expired token
 * (accept, then close with policy violation); 4401 is the common private-range
 * spelling of "unauthorized" some proxies and servers use. Either means retrying
 * with the same token is pointless.
 */
export const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 4401]);

/**
 * The socket's URL without the token: http→ws, https→wss, `<api root>/ws`.
 * Null when the API root is not http(s), so push stays off and polling carries on.
 */
export function pushEndpoint(baseUrl: string): URL | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * The backend's API takes the JWT in the query (`?token=`), so this string is a
 * secret: it goes to the socket constructor and nowhere else — never a log line,
 * never an error message.
 */
export function socketUrlWithToken(endpoint: URL, token: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('token', token);
  return url.toString();
}

export type PushFailureReason = 'auth_rejected' | 'unreachable' | 'no_token' | 'secrets_unavailable' | 'unsupported_url';

/** Why the push channel is not connected; a status for the UI and logs, never thrown at callers. */
export class CopilotPushError extends AppError {
  constructor(
    readonly reason: PushFailureReason,
    /** The close code, when the server (or the runtime) sent one. */
    readonly closeCode: number | null = null,
  ) {
    super(reason === 'auth_rejected' ? 'copilot_auth' : reason === 'unsupported_url' ? 'config_invalid' : 'copilot_unavailable', PUSH_MESSAGES[reason], {
      retryable: reason !== 'auth_rejected' && reason !== 'unsupported_url',
    });
  }
}

const PUSH_MESSAGES: Record<PushFailureReason, string> = {
  auth_rejected: 'Career Copilot refused live updates for this session. Sign in again; syncing every minute carries on meanwhile.',
  unreachable: 'Live updates from Career Copilot are not reaching the app right now. It keeps retrying and syncs every minute meanwhile.',
  no_token: 'Live updates from Career Copilot start after you sign in.',
  secrets_unavailable: 'The system keychain did not answer, so live updates from Career Copilot wait. The app retries on its own.',
  unsupported_url: 'The Career Copilot address is not http or https, so live updates are off; syncing every minute still works.',
};
