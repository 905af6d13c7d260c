// A sync run's report as the user sees it: counts and each message once.
import type { SyncSummary } from '../../../shared/contract';
import type { SyncReport } from './engine';

export function summarize(r: SyncReport): SyncSummary {
  const messages = [
    ...(r.copilot.message ? [r.copilot.message] : []),
    ...r.accounts.flatMap((a) => [a.message, a.guard].filter((m): m is string => m !== null)),
    ...r.stats.errors.filter((e) => e !== r.copilot.message),
    ...r.rejected.map((x) => `Skipped application ${x.id ?? '(unknown id)'} from Career Copilot: ${x.reason}`),
  ];
  return {
    outcome: r.outcome,
    created: r.stats.created,
    updated: r.stats.updated,
    deleted: r.stats.deleted,
    pulled: r.stats.pulled,
    conflicts: r.stats.conflicts,
    failures: r.stats.failures,
    skippedRecords: r.stats.rejected,
    messages: [...new Set(messages)],
  };
}
