// Signing in to Career Copilot and connecting or disconnecting calendars.
import { Option, type Command } from 'commander';
import { InvalidInputError } from '../../../shared/errors';
import { jsonOption, withCore } from '../command-kit';
import { caldavLoginFrom, type CaldavConnectOptions } from '../caldav-login';
import { readPassword } from '../password';
import { MICROSOFT_DISCONNECT_NOTE } from '../../core/auth/microsoft-config';

const PROVIDER_LABELS = { google: 'Google Calendar', microsoft: 'Outlook' } as const;

export function register(program: Command): void {
  program
    .command('signin')
    .description('Sign in to Career Copilot (the session token is kept in the system keychain)')
    .requiredOption('--email <email>', 'your Career Copilot email or username')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(jsonOption())
    .action(async (o: { email: string; passwordStdin?: boolean; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        const password = await readPassword(o.passwordStdin === true);
        const { email } = await core.signIn({ email: o.email, password });
        out.print(`Signed in to Career Copilot as ${email}.`, { email });
      });
    });

  program
    .command('signout')
    .description('Forget the Career Copilot session (queued changes are kept)')
    .addOption(jsonOption())
    .action(async (o: { json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        await core.signOut();
        out.print('Signed out of Career Copilot. Queued changes are kept.', { signedOut: true });
      });
    });

  program
    .command('connect')
    .description('Connect a calendar account: Google and Outlook open the browser (or print the link when there is none); CalDAV asks for an app-specific password')
    .argument('<provider>', 'google, microsoft (Outlook / Microsoft 365: work, school or personal) or caldav')
    .option('--calendar-list', 'Google: also allow reading your calendar list, to choose a calendar other than the main one')
    .option('--private-calendar', 'most private: the app makes its own "Career Copilot" calendar and writes only there')
    .option('--server <url>', 'CalDAV: the server address, e.g. https://cloud.example.com/remote.php/dav')
    .option('--preset <name>', 'CalDAV: icloud or fastmail instead of --server')
    .option('--username <name>', 'CalDAV: your user name (iCloud: your Apple ID email)')
    .option('--password-stdin', 'CalDAV: read the app-specific password from standard input')
    .addOption(jsonOption())
    .action(async (provider: string, o: CaldavConnectOptions & { calendarList?: boolean; privateCalendar?: boolean; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        if (provider === 'caldav') {
          const caldav = await caldavLoginFrom(o);
          const account = await core.connect({ provider: 'caldav', caldav, dedicatedCalendar: o.privateCalendar === true });
          out.print(`Connected ${account.email} (CalDAV). Events go to calendar ${account.calendarId}; "ccal calendars ${account.id}" lists the others.`, account);
          return;
        }
        if (provider !== 'google' && provider !== 'microsoft') throw new InvalidInputError(`Unknown provider "${provider}". Available: google, microsoft, caldav.`);
        if (provider === 'microsoft' && o.calendarList) throw new InvalidInputError('--calendar-list is for Google; Outlook can already list your calendars.');
        core.on('consentUrl', ({ url }) => {
          process.stderr.write(`Open this link in a browser on this computer to allow access:\n  ${url}\nWaiting for the browser…\n`);
        });
        const account = await core.connect({ provider, calendarList: o.calendarList === true, dedicatedCalendar: o.privateCalendar === true });
        const where = account.calendarId === 'primary' || account.calendarId === 'default' ? 'your main calendar' : o.privateCalendar ? 'its own "Career Copilot" calendar' : `calendar ${account.calendarId}`;
        out.print(`Connected ${account.email} (${PROVIDER_LABELS[provider]}). Events go to ${where}. Run "ccal sync --once" to sync now.`, account);
      });
    });

  program
    .command('disconnect')
    .description('Revoke access, delete the stored secrets, and optionally remove the events the app created')
    .argument('<account>', 'account id, e.g. google:you@example.com (see ccal status)')
    .addOption(new Option('--remove-events', 'also delete the events this app created').conflicts('keepEvents'))
    .option('--keep-events', 'leave the events in the calendar')
    .addOption(jsonOption())
    .action(async (accountId: string, o: { removeEvents?: boolean; keepEvents?: boolean; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        if (!o.removeEvents && !o.keepEvents) {
          throw new InvalidInputError('Say what to do with the events this app created: add --remove-events or --keep-events.');
        }
        const r = await core.disconnect({ accountId, removeEvents: o.removeEvents === true });
        const access = r.revoked ? ' Access was revoked at the provider.' : accountId.startsWith('microsoft:') ? ` ${MICROSOFT_DISCONNECT_NOTE}` : notRevoked(accountId);
        out.print(`Disconnected ${accountId}.${access}${o.removeEvents ? ` Removed ${r.removedEvents} event${r.removedEvents === 1 ? '' : 's'}.` : ''}`, r);
      });
    });
}

function notRevoked(accountId: string): string {
  // CalDAV has no revocation endpoint: the password stays valid until the user removes it.
  if (accountId.startsWith('caldav:')) {
    return ' The password was deleted from this computer. CalDAV has no way to revoke it from here: remove the app-specific password in your account settings (iCloud: account.apple.com; Fastmail: Settings → Privacy & Security).';
  }
  return ' The provider could not be reached to revoke access; the local secrets were deleted anyway. You can also remove access in your account settings.';
}
