// The user's part of a loopback OAuth consent, the same for every service: show
// the consent URL (the UI offers it as a link), try to open the browser, and wait
// for the listener's authorization code. A cancel from the caller ends the wait
// with the service's own "cancelled" message.
import type { AppError } from '../../../shared/errors';
import { createLogger } from '../telemetry/logger';
import type { UrlOpener } from '../ports';
import type { OAuthListener } from './loopback-listener';

const log = createLogger('oauth');

export interface ConsentSteps {
  openUrl: UrlOpener;
  onConsentUrl: (url: string) => void;
}

export async function consentCode(
  listener: OAuthListener,
  consentUrl: string,
  steps: ConsentSteps,
  cancelled: (reason: unknown) => AppError,
  signal?: AbortSignal,
): Promise<string> {
  steps.onConsentUrl(consentUrl);
  const opened = await steps.openUrl(consentUrl).catch(() => false);
  if (!opened) log.info('no browser opened; waiting for the consent URL to be visited by hand');
  try {
    return (await listener.result).code;
  } catch (error) {
    if (signal?.aborted) throw cancelled(signal.reason);
    throw error;
  }
}
