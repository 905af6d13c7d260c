// Human output for the terminal: local times in the user's zone, relative ages,
// tables, and for every problem the command that fixes it. --json prints the
// core's data instead.
import { DateTime } from 'luxon';
import type { AppState, AuditEntryView, Metrics, SyncSummary } from '../../shared/contract';
import type { AccountView, ConflictView, ItemView, Preferences, Timing } from '../../shared/domain';
import { notAddedReason } from '../../shared/not-added';
import { alertLine, cliMessage } from './cli-words';
import { table } from './table';

const PROVIDERS: Record<AccountView['provider'], string> = { google: 'Google Calendar', microsoft: 'Outlook', caldav: 'CalDAV' };
const KINDS: Record<ItemView['kind'], string> = { interview: 'Interview', follow_up: 'Follow-up', reminder: 'Prep block' };

function local(iso: string, zone: string): DateTime {
  const d = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return d.isValid ? d : DateTime.fromISO(iso);
}

/** "Tue 10 Mar, 14:00" (with the year when it is not this one). */
export function at(iso: string, zone: string, now = new Date()): string {
  const d = local(iso, zone);
  return d.toFormat(d.year === DateTime.fromJSDate(now).setZone(zone).year ? 'ccc d LLL, HH:mm' : 'ccc d LLL yyyy, HH:mm');
}

/** "3 minutes ago", "in 2 hours". */
export function ago(iso: string, now = new Date()): string {
  const seconds = (Date.parse(iso) - now.getTime()) / 1000;
  if (Math.abs(seconds) < 45) return 'just now';
  return DateTime.fromISO(iso).toRelative({ base: DateTime.fromJSDate(now) }) ?? iso;
}

/** When an item happens, in the user's zone. */
export function when(t: Timing | null, zone: string, now = new Date()): string {
  if (!t) return 'deleted';
  if (t.type === 'allDay') {
    const d = DateTime.fromISO(t.date);
    return `${d.toFormat(d.year === now.getUTCFullYear() ? 'ccc d LLL' : 'ccc d LLL yyyy')}, all day`;
  }
  return `${at(t.startUtc, zone, now)}–${local(t.endUtc, zone).toFormat('HH:mm')}`;
}

function accountLine(a: AccountView, now: Date): string {
  const status = a.status === 'connected' ? 'connected' : a.status === 'needs_reauth' ? 'needs reconnecting' : a.status === 'error' ? 'sync problem' : 'disconnected';
  const calendar = a.calendarId === 'primary' ? 'main calendar' : a.scopes.some((s) => s.endsWith('/calendar.app.created')) ? '"Career Copilot" (private) calendar' : `calendar ${a.calendarId}`;
  return `${a.email} — ${status}, ${calendar}, ${a.lastSyncAt ? `synced ${ago(a.lastSyncAt, now)}` : 'not synced yet'}`;
}

export function kindsWords(k: Preferences['kinds']): string {
  return [k.interview && 'interviews', k.follow_up && 'follow-ups', k.reminder && 'reminders'].filter(Boolean).join(', ') || 'nothing';
}

export function formatState(s: AppState, now = new Date()): string {
  const zone = s.preferences.timeZone;
  const rows: [string, string][] = [];
  rows.push(['Career Copilot', s.copilot.signedIn ? `signed in as ${s.copilot.email ?? 'unknown'} (${s.copilot.baseUrl})` : `not signed in (${s.copilot.baseUrl}) → ccal signin --email you@example.com`]);
  if (s.accounts.length === 0) rows.push(['Calendars', 'none connected → ccal connect google']);
  for (const a of s.accounts) rows.push([PROVIDERS[a.provider], accountLine(a, now)]);
  rows.push(['Syncing', `${kindsWords(s.preferences.kinds)}; times in ${zone}; ${s.preferences.detail === 'busy_only' ? 'only "Busy" in the calendar' : 'full details'}`]);
  const queue = `${s.outbox.pending} change${s.outbox.pending === 1 ? '' : 's'} waiting to be sent, ${s.outbox.failed} failed`;
  rows.push(['Queue', `${queue}; ${s.openConflicts} conflict${s.openConflicts === 1 ? '' : 's'} open${s.openConflicts > 0 ? ' → ccal conflicts' : ''}`]);
  if (s.lastRun) {
    const end = s.lastRun.finishedAt ?? s.lastRun.startedAt;
    rows.push(['Last sync', `${at(end, zone, now)} (${ago(end, now)}) — ${runOutcome(s.lastRun.outcome)}`]);
  } else {
    rows.push(['Last sync', 'never → ccal sync --once']);
  }
  const label = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(label)}  ${v}`);
  if (s.alerts.length > 0) {
    lines.push('', 'Needs attention:');
    for (const a of s.alerts) lines.push(`  ! ${alertLine(a, s.accounts)}`);
  }
  return lines.join('\n');
}

function runOutcome(outcome: string | null): string {
  switch (outcome) {
    case null:
      return 'still running';
    case 'ok':
      return 'complete';
    case 'partial':
      return 'finished with problems';
    case 'failed':
      return 'failed';
    case 'stopped':
      return 'stopped to ask before deleting';
    default:
      return outcome;
  }
}

/**
 * A sync's result in one line plus its messages. `nextAttemptAt` (when the queue
 * will try again) replaces a vague "in a moment" with the time.
 */
export function formatSummary(s: SyncSummary, context: { zone?: string; nextAttemptAt?: string | null; now?: Date } = {}): string {
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
  const parts = [
    s.created > 0 && `${n(s.created, 'event')} added`,
    s.updated > 0 && `${n(s.updated, 'event')} updated`,
    s.deleted > 0 && `${n(s.deleted, 'event')} removed`,
    s.pulled > 0 && `${n(s.pulled, 'change')} sent back to Career Copilot`,
    s.conflicts > 0 && `${n(s.conflicts, 'new conflict')} (ccal conflicts)`,
    s.failures > 0 && `${n(s.failures, 'change')} failed`,
    s.skippedRecords > 0 && `${n(s.skippedRecords, 'record')} from Career Copilot skipped`,
  ].filter((p): p is string => typeof p === 'string');
  const head =
    s.outcome === 'ok'
      ? parts.length > 0
        ? `Sync complete: ${parts.join(', ')}.`
        : 'Sync complete: everything was already up to date.'
      : s.outcome === 'stopped'
        ? `Sync stopped to ask before deleting${parts.length > 0 ? ` (${parts.join(', ')})` : ''}.`
        : `Sync not complete${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
  const now = context.now ?? new Date();
  const retry = context.nextAttemptAt ? `at ${local(context.nextAttemptAt, context.zone ?? 'UTC').toFormat('HH:mm')} (${ago(context.nextAttemptAt, now)})` : 'once Google allows it again';
  const messages = s.messages.map((m) => `  ${cliMessage(m).replace(/\bin a moment\b/, retry)}`);
  return [head, ...messages].join('\n');
}

export function formatItems(items: ItemView[], accounts: AccountView[], prefs: Preferences, now = new Date()): string {
  const zone = prefs.timeZone;
  if (items.length === 0) return 'Nothing from Career Copilot yet. Sign in ("ccal signin") and run "ccal sync --once".';
  const rows = items.map((i) => [when(i.timing, zone, now), KINDS[i.kind], who(i), itemState(i, accounts, prefs)]);
  return table([{ header: 'When' }, { header: 'Kind' }, { header: 'What', flexible: true }, { header: 'In your calendar' }], rows);
}

/** Company first, then the role: from the job when the core has it, else from the title ("<role> at <company>"). */
function who(i: ItemView): string {
  if (i.company) return `${i.company}${i.role ? ` — ${i.role}` : ''}`;
  const rest = i.title.replace(/^(Interview|Follow up|Prepare for interview|Prepare for)\s*:\s*/i, '');
  const at = rest.lastIndexOf(' at ');
  return at > 0 ? `${rest.slice(at + 4)} — ${rest.slice(0, at)}` : rest;
}

function itemState(i: ItemView, accounts: AccountView[], prefs: Preferences): string {
  if (i.cancelled) {
    if (i.links.some((l) => l.state === 'synced')) return 'cancelled, kept as a record';
    return i.links.length === 0 ? 'cancelled, not in your calendar' : 'cancelled, removed from your calendar';
  }
  if (!i.syncEnabled) return 'switched off';
  if (!i.wantedByPreferences) return `not added (${notAddedReason(i.kind, prefs)})`;
  if (i.links.length === 0) return accounts.length === 0 ? 'not synced (no calendar connected)' : 'waiting to sync';
  return i.links
    .map((l) => {
      const name = PROVIDERS[accounts.find((a) => a.id === l.accountId)?.provider ?? 'google'];
      if (l.failed) return 'failed → ccal retry';
      switch (l.state) {
        case 'synced':
          return `synced to ${name}`;
        case 'pending':
          return 'waiting to sync';
        case 'conflict':
          return 'conflict → ccal conflicts';
        case 'remote_deleted':
          return `deleted in ${name}`;
        case 'removed':
          return `removed from ${name}`;
      }
    })
    .join('; ');
}

export function formatConflicts(conflicts: ConflictView[], zone: string, now = new Date()): string {
  if (conflicts.length === 0) return 'No conflicts: nothing changed on both sides.';
  return conflicts
    .map((c) =>
      [
        `#${c.id} ${c.title}`,
        `  In the calendar:  ${c.calendarTiming ? when(c.calendarTiming, zone, now) : 'deleted'}${c.calendarChangedAt ? ` (changed ${ago(c.calendarChangedAt, now)})` : ''}`,
        `  Career Copilot:   ${when(c.copilotTiming, zone, now)}${c.copilotChangedAt ? ` (changed ${ago(c.copilotChangedAt, now)})` : ''}`,
        `  Keep one:         ccal resolve ${c.id} keep_calendar | keep_copilot | keep_both  (add --remember to decide future ones the same way)`,
      ].join('\n'),
    )
    .join('\n\n');
}

export function formatAudit(entries: AuditEntryView[], zone: string, now = new Date()): string {
  if (entries.length === 0) return 'The activity log is empty.';
  const outcome = { ok: 'done', failed: 'FAILED', info: 'note' } as const;
  const rows = entries.map((e) => [
    `${at(e.at, zone, now)} (${ago(e.at, now)})`,
    e.action,
    outcome[e.outcome],
    e.accountId?.replace(/^[a-z]+:/, '') ?? '',
    Object.entries(e.detail)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' '),
  ]);
  return table([{ header: 'When' }, { header: 'What' }, { header: 'Outcome' }, { header: 'Account' }, { header: 'Details', flexible: true }], rows);
}

export function formatPreferences(p: Preferences): string {
  const rows: [string, string][] = [
    ['Put in the calendar', kindsWords(p.kinds)],
    ['Before an interview', p.reminderMinutes === 0 ? 'no reminder' : `${p.reminderMinutes} minutes before, ${p.reminderStyle === 'alert' ? 'as a reminder on the event' : 'as a separate "Prepare for …" block'}`],
    ['The calendar shows', p.detail === 'full' ? 'titles, places and notes' : 'only "Busy"'],
    ['Interviews last', `${p.defaultDurationMinutes} minutes (when Career Copilot gives no end)`],
    ['Follow-ups', p.followUpHour === null ? 'all day' : `at ${String(p.followUpHour).padStart(2, '0')}:00`],
    ['Time zone', p.timeZone],
    ['Changed on both sides', { ask: 'ask each time', keep_copilot: "keep Career Copilot's", keep_calendar: "keep the calendar's", keep_both: 'keep both' }[p.conflictPolicy]],
    ['Deleted in the calendar', p.deletePolicy === 'keep_deleted' ? 'stays deleted (not recreated)' : 'also cleared in Career Copilot'],
    ['Ask before deleting', `more than ${p.maxDeletesWithoutAsking} events in one sync`],
  ];
  const label = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(label)}  ${v}`).join('\n');
}

export function formatMetrics(m: Metrics): string {
  const per = Object.entries(m.perProvider).map(([p, v]) => `${p}: ${v.successes} ok / ${v.failures} failed`).join('; ') || 'none';
  const ms = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`);
  return [
    `Connected calendars: ${m.connectedCalendars}`,
    `Writes per provider (7 days): ${per}`,
    `Syncs (7 days): ${m.runs}; requests per sync: ${m.averageRequestsPerRun === null ? '–' : m.averageRequestsPerRun.toFixed(1)}`,
    `Time from a change to the calendar: ${m.p50LatencyMs != null ? `median ${ms(m.p50LatencyMs)}` : `average ${ms(m.averageLatencyMs)}`}, p95 ${ms(m.p95LatencyMs)}`,
    `Failures in the last hour: ${m.failuresLastHour}`,
  ].join('\n');
}
