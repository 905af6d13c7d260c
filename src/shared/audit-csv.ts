// The activity log as CSV for a spreadsheet, for the window's export and
// "ccal audit --export file.csv" alike: fixed columns, quoted where needed, and
// no cell a spreadsheet would run as a formula.
import type { AuditEntryView } from './contract';

const COLUMNS = ['id', 'at', 'account', 'action', 'outcome', 'detail'] as const;

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: AuditEntryView[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([String(e.id), e.at, e.accountId ?? '', e.action, e.outcome, JSON.stringify(e.detail)].map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The entries of a JSON Lines export; a line that is not an entry is skipped. */
export function parseJsonLines(text: string): AuditEntryView[] {
  const out: AuditEntryView[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as AuditEntryView;
      if (typeof value === 'object' && value !== null && typeof value.action === 'string') out.push(value);
    } catch {
      // a damaged line is left out of the CSV, not fatal
    }
  }
  return out;
}
