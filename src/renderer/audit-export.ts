// The audit log as files a user can keep or hand to support: JSON Lines as the
// core exports it, and CSV for a spreadsheet (src/shared/audit-csv.ts).
import type { AuditEntryView } from '../shared/contract';

export { auditCsv, parseJsonLines } from '../shared/audit-csv';

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
