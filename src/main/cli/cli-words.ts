// The core's sentences are written for the window ("Click Connect"); the command
// line names its own commands instead. Also the one place that turns an alert's
// action into the command that answers it.
import type { Alert } from '../../shared/contract';
import type { AccountView } from '../../shared/domain';

const CONNECT = 'ccal connect google';

/** A core message as the terminal says it. */
export function cliMessage(message: string, provider = 'google'): string {
  const connect = provider === 'google' ? CONNECT : `ccal connect ${provider}`;
  return message
    .replace(/\bClick Connect again\b/g, `Run "${connect}" again`)
    .replace(/\bClick Connect\b/g, `Run "${connect}"`)
    .replace(/\bReconnect to keep syncing\b/g, `Run "${connect}" to keep syncing`)
    .replace(/\bReconnect your Google account\b/g, `Reconnect with "${connect}"`)
    .replace(/\bpress Retry\b/g, 'run "ccal retry"')
    .replace(/ or the Approve button\b/g, '')
    .replace(/\bChoose which to keep\.$/, 'See them with "ccal conflicts".');
}

/** The command that answers an alert, or null when it has none. */
export function alertCommand(alert: Alert, accounts: AccountView[]): string | null {
  switch (alert.action) {
    case 'reconnect': {
      const account = accounts.find((a) => a.id === alert.accountId);
      return `ccal connect ${account?.provider ?? 'google'}`;
    }
    case 'retry':
      return 'ccal retry';
    case 'signin':
      return 'ccal signin --email you@example.com';
    case 'approve_deletes':
      return 'ccal sync --once --allow-deletes (or change preferences and sync again)';
    case 'open_conflicts':
      return 'ccal conflicts';
    case null:
      return null;
  }
}

/** An alert on one line, with what to run. */
export function alertLine(alert: Alert, accounts: AccountView[]): string {
  const account = accounts.find((a) => a.id === alert.accountId);
  const command = alertCommand(alert, accounts);
  const text = cliMessage(alert.message, account?.provider);
  return command && !text.includes(command.split(' (')[0] ?? command) ? `${text} → ${command}` : text;
}
