// Signing in to Career Copilot and connecting or disconnecting calendars.
import { Option, type Command } from 'commander';
import { InvalidInputError } from '../../../shared/errors';
import { jsonOption, withCore } from '../command-kit';
import { readPassword } from '../password';

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
    .description('Connect a calendar account; opens the browser, or prints the link when there is none')
    .argument('<provider>', 'google')
    .option('--calendar-list', 'also allow reading your calendar list, to choose a calendar other than the main one')
    .option('--private-calendar', 'most private: the app makes its own "Career Copilot" calendar and can see no other')
    .addOption(jsonOption())
    .action(async (provider: string, o: { calendarList?: boolean; privateCalendar?: boolean; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        if (provider !== 'google') throw new InvalidInputError(`Unknown provider "${provider}". Available: google.`);
        core.on('consentUrl', ({ url }) => {
          process.stderr.write(`Open this link in a browser on this computer to allow access:\n  ${url}\nWaiting for the browser…\n`);
        });
        const account = await core.connect({ provider: 'google', calendarList: o.calendarList === true, dedicatedCalendar: o.privateCalendar === true });
        const where = account.calendarId === 'primary' ? 'your main calendar' : o.privateCalendar ? 'its own "Career Copilot" calendar' : `calendar ${account.calendarId}`;
        out.print(`Connected ${account.email} (Google Calendar). Events go to ${where}. Run "ccal sync --once" to sync now.`, account);
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
        out.print(
          `Disconnected ${accountId}.${r.revoked ? ' Access was revoked at the provider.' : ' The provider could not be reached to revoke access; the local secrets were deleted anyway. You can also remove access in your account settings.'}${o.removeEvents ? ` Removed ${r.removedEvents} event${r.removedEvents === 1 ? '' : 's'}.` : ''}`,
          r,
        );
      });
    });
}
