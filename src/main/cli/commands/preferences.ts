// What syncs, how it looks, and where it goes.
import { Option, type Command } from 'commander';
import { DEFAULT_PREFERENCES, ItemKind, type PreferencesPatch } from '../../../shared/domain';
import { InvalidInputError } from '../../../shared/errors';
import { jsonOption, nonNegativeInt, positiveInt, splitOnce, withCore } from '../command-kit';

export function register(program: Command): void {
  program
    .command('prefs')
    .description('Show or change preferences')
    .option('--kinds <list>', 'kinds to sync: comma-separated interview,follow_up,reminder (or "none")')
    .option('--reminder-minutes <n>', 'minutes before an interview for the reminder')
    .addOption(new Option('--reminder-style <style>', 'alert on the event, or a separate prep block').choices(['alert', 'block']))
    .addOption(new Option('--detail <mode>', 'write details or only "Busy"').choices(['full', 'busy_only']))
    .option('--duration <minutes>', 'default interview length')
    .option('--follow-up-hour <hour>', 'follow-ups at this hour, or "all-day"')
    .addOption(new Option('--conflict-policy <policy>', 'when both sides changed').choices(['ask', 'keep_copilot', 'keep_calendar', 'keep_both']))
    .addOption(new Option('--delete-policy <policy>', 'when you delete an event in the calendar').choices(['keep_deleted', 'clear_in_copilot']))
    .option('--time-zone <zone>', 'your IANA time zone, e.g. Europe/Berlin')
    .option('--max-deletes <n>', 'stop and ask before deleting more events than this in one run')
    .option('--calendar <account=calendarId>', 'target calendar for an account')
    .addOption(jsonOption())
    .action(async (o: Record<string, string | boolean | undefined>) => {
      await withCore(o.json === true, async (core, out) => {
        const patch = parsePrefs(o);
        if (typeof o.calendar === 'string') {
          const [accountId, calendarId] = splitOnce(o.calendar, '=');
          await core.setCalendar({ accountId, calendarId });
        }
        const prefs = Object.keys(patch).length > 0 ? await core.setPreferences(patch) : (await core.getState()).preferences;
        out.print(JSON.stringify(prefs, null, 2), prefs);
      });
    });

  program
    .command('calendars')
    .description('Calendars of a connected account you can send events to (choose one with prefs --calendar)')
    .argument('<account>', 'account id, e.g. google:you@example.com (see ccal status)')
    .addOption(jsonOption())
    .action(async (accountId: string, o: { json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        const calendars = await core.listCalendars(accountId);
        out.print(calendars.map((c) => `${c.id}${c.primary ? ' (main)' : ''}${c.canWrite ? '' : ' [read-only]'} — ${c.name}`).join('\n') || 'No calendars.', calendars);
      });
    });
}

function parsePrefs(o: Record<string, string | boolean | undefined>): PreferencesPatch {
  const patch: PreferencesPatch = {};
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const kinds = str('kinds');
  if (kinds !== undefined) {
    const chosen = kinds === 'none' ? [] : kinds.split(',').map((k) => k.trim());
    for (const k of chosen) if (!ItemKind.safeParse(k).success) throw new InvalidInputError(`Unknown kind "${k}". Use interview, follow_up, reminder.`);
    patch.kinds = Object.fromEntries(Object.keys(DEFAULT_PREFERENCES.kinds).map((k) => [k, chosen.includes(k)]));
  }
  if (str('reminderMinutes') !== undefined) patch.reminderMinutes = nonNegativeInt(str('reminderMinutes') ?? '', 'reminder minutes');
  if (str('reminderStyle') !== undefined) patch.reminderStyle = str('reminderStyle') as 'alert' | 'block';
  if (str('detail') !== undefined) patch.detail = str('detail') as 'full' | 'busy_only';
  if (str('duration') !== undefined) patch.defaultDurationMinutes = positiveInt(str('duration') ?? '', 'duration');
  const hour = str('followUpHour');
  if (hour !== undefined) patch.followUpHour = hour === 'all-day' ? null : nonNegativeInt(hour, 'follow-up hour');
  if (str('conflictPolicy') !== undefined) patch.conflictPolicy = str('conflictPolicy') as PreferencesPatch['conflictPolicy'];
  if (str('deletePolicy') !== undefined) patch.deletePolicy = str('deletePolicy') as PreferencesPatch['deletePolicy'];
  if (str('timeZone') !== undefined) patch.timeZone = str('timeZone');
  if (str('maxDeletes') !== undefined) patch.maxDeletesWithoutAsking = nonNegativeInt(str('maxDeletes') ?? '', 'max deletes');
  return patch;
}
