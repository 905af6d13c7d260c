// The audit log as files a user can keep or hand to support: JSON Lines as the
// core exports it, and CSV for a spreadsheet.
import type { AuditEntryView } from '../shared/contract';

const COLUMNS = ['id', 'at', 'account', 'action', 'outcome', 'detail'] as const;

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
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

/** Words a search box matches in one entry. */
export function auditSearchText(e: AuditEntryView): string {
  return `${e.at} ${e.accountId ?? ''} ${e.action} ${e.outcome} ${JSON.stringify(e.detail)}`.toLowerCase();
}

/** Hands a text file to the browser (or Electron's) download handling. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
