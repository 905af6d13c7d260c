// Human-readable renderings of core results for the terminal.
import { DateTime } from 'luxon';
import type { AppState, AuditEntryView, Metrics, SyncSummary } from '../../shared/contract';
import type { ConflictView, ItemView, Timing } from '../../shared/domain';

export function when(t: Timing | null, zone: string): string {
  if (!t) return 'deleted';
  if (t.type === 'allDay') return `${t.date} (all day)`;
  const start = DateTime.fromISO(t.startUtc).setZone(zone);
  const end = DateTime.fromISO(t.endUtc).setZone(zone);
  return `${start.toFormat('yyyy-MM-dd HH:mm')}–${end.toFormat('HH:mm')} ${start.toFormat('ZZZZ')}`;
}

export function formatState(s: AppState): string {
  const lines: string[] = [];
  lines.push(`Career Copilot: ${s.copilot.signedIn ? `signed in as ${s.copilot.email ?? 'unknown'}` : 'not signed in'} (${s.copilot.baseUrl})`);
  if (s.accounts.length === 0) lines.push('Calendars: none connected. Run "ccal connect google".');
  for (const a of s.accounts) {
    lines.push(`Calendar: ${a.id} — ${a.status.replace('_', ' ')}, calendar "${a.calendarId}", last sync ${a.lastSyncAt ?? 'never'}${a.lastError ? `\n  ${a.lastError}` : ''}`);
  }
  const k = s.preferences.kinds;
  lines.push(`Syncing: ${[k.interview && 'interviews', k.follow_up && 'follow-ups', k.reminder && 'reminders'].filter(Boolean).join(', ') || 'nothing'}; zone ${s.preferences.timeZone}; ${s.preferences.detail === 'busy_only' ? 'busy only' : 'full details'}`);
  lines.push(`Queue: ${s.outbox.pending} pending, ${s.outbox.failed} failed; ${s.openConflicts} open conflict(s)`);
  if (s.lastRun) lines.push(`Last run: ${s.lastRun.startedAt} — ${s.lastRun.outcome ?? 'running'}`);
  for (const a of s.alerts) lines.push(`! ${a.message}`);
  return lines.join('\n');
}

export function formatSummary(s: SyncSummary): string {
  const head = `Sync ${s.outcome}: ${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${s.pulled} sent back to Career Copilot, ${s.conflicts} new conflict(s), ${s.failures} failed.`;
  return [head, ...s.messages.map((m) => `  ${m}`)].join('\n');
}

export function formatItems(items: ItemView[], zone: string): string {
  if (items.length === 0) return 'No items yet. Sign in and run "ccal sync --once".';
  return items
    .map((i) => {
      const states = i.links.map((l) => `${l.accountId}: ${l.state}`).join(', ') || 'not in a calendar';
      return `${i.sourceId.padEnd(30)} ${when(i.timing, zone).padEnd(34)} ${i.cancelled ? '[cancelled] ' : ''}${i.title}\n${' '.repeat(31)}${states}`;
    })
    .join('\n');
}

export function formatConflicts(conflicts: ConflictView[], zone: string): string {
  if (conflicts.length === 0) return 'No open conflicts.';
  return conflicts
    .map((c) => `#${c.id} ${c.title}\n  Career Copilot: ${when(c.copilotTiming, zone)}\n  Calendar:       ${when(c.calendarTiming, zone)}\n  ${c.explanation}\n  Resolve with: ccal resolve ${c.id} keep_copilot|keep_calendar|keep_both [--remember]`)
    .join('\n');
}

export function formatAudit(entries: AuditEntryView[]): string {
  if (entries.length === 0) return 'The activity log is empty.';
  return entries.map((e) => `${e.at} ${e.outcome.padEnd(6)} ${e.action.padEnd(22)} ${e.accountId ?? ''} ${JSON.stringify(e.detail)}`).join('\n');
}

export function formatMetrics(m: Metrics): string {
  const per = Object.entries(m.perProvider).map(([p, v]) => `${p}: ${v.successes} ok / ${v.failures} failed`).join('; ') || 'none';
  return [
    `Connected calendars: ${m.connectedCalendars}`,
    `Writes per provider (7 days): ${per}`,
    `Runs (7 days): ${m.runs}; requests per run: ${m.averageRequestsPerRun ?? '–'}`,
    `Latency (change seen → calendar acknowledged): average ${m.averageLatencyMs ?? '–'} ms, p95 ${m.p95LatencyMs ?? '–'} ms`,
    `Failures in the last hour: ${m.failuresLastHour}`,
  ].join('\n');
}
