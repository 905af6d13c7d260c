// What syncs, how it looks, and where it goes. Every value is checked here,
// against the flag the user typed, so an error names "--follow-up-hour", never
// the core's field.
import { Option, type Command } from 'commander';
import type { PreferencesPatch } from '../../../shared/domain';
import { InvalidInputError } from '../../../shared/errors';
import { isKnownZone } from '../../core/time/known-zone';
import { intOption, jsonOption, splitOnce, withCore } from '../command-kit';

const KINDS = ['interview', 'follow_up', 'reminder'] as const;

export function register(program: Command): void {
  program
    .command('prefs')
    .description('Show or change preferences')
    .option('--kinds <list>', 'kinds to sync: comma-separated interview,follow_up,reminder (or "none")')
    .option('--reminder-minutes <n>', 'minutes before an interview for the reminder (0–40320)')
    .addOption(new Option('--reminder-style <style>', 'alert on the event, or a separate prep block').choices(['alert', 'block']))
    .addOption(new Option('--detail <mode>', 'write details or only "Busy"').choices(['full', 'busy_only']))
    .option('--duration <minutes>', 'default interview length (5–1440)')
    .option('--follow-up-hour <hour>', 'follow-ups at this hour (0–23), or "all-day"')
    .addOption(new Option('--conflict-policy <policy>', 'when both sides changed').choices(['ask', 'keep_copilot', 'keep_calendar', 'keep_both']))
    .addOption(new Option('--delete-policy <policy>', 'when you delete an event in the calendar').choices(['keep_deleted', 'clear_in_copilot']))
    .option('--time-zone <zone>', 'your IANA time zone, e.g. Europe/Berlin')
    .option('--max-deletes <n>', 'stop and ask before deleting more events than this in one run (0–10000)')
    .option('--calendar <account=calendarId>', 'target calendar for an account')
    .option('--yes', 'do not ask before a change that re-times events already in your calendar (a new time zone)')
    .addOption(jsonOption())
    .action(async (o: Record<string, string | boolean | undefined>) => {
      await withCore(o.json === true, async (core, out) => {
        const patch = parsePrefs(o);
        if (patch.timeZone !== undefined && o.yes !== true) await confirmRetime(core, patch);
        if (typeof o.calendar === 'string') {
          const [accountId, calendarId] = splitOnce(o.calendar, '=');
          await core.setCalendar({ accountId, calendarId });
        }
        const changed = Object.keys(patch).length > 0;
        const prefs = changed ? await core.setPreferences(patch) : (await core.getState()).preferences;
        const { formatPreferences } = await import('../format');
        out.print(`${changed ? 'Saved.\n' : ''}${formatPreferences(prefs)}`, prefs);
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

/**
 * A new zone re-reads every naive Career Copilot time, so events already in the
 * calendar move: say how many, with an example, and ask first.
 */
async function confirmRetime(core: import('../../core/app').CalendarCore, patch: PreferencesPatch): Promise<void> {
  const preview = await core.previewPreferences({ timeZone: patch.timeZone });
  if (preview.retimedEvents === 0) return;
  const { when } = await import('../format');
  const example = preview.examples[0];
  const what = `Changing the time zone to ${patch.timeZone} moves ${preview.retimedEvents} event${preview.retimedEvents === 1 ? '' : 's'} already in your calendar${example ? ` (for example "${example.title}": ${when(example.before, patch.timeZone ?? 'UTC')} → ${when(example.after, patch.timeZone ?? 'UTC')})` : ''}.`;
  if (!process.stdin.isTTY) throw new InvalidInputError(`${what} Run the command again with --yes to go ahead.`);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${what} Continue? [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new InvalidInputError('Nothing was changed.');
  } finally {
    rl.close();
  }
}

export function parsePrefs(o: Record<string, string | boolean | undefined>): PreferencesPatch {
  const patch: PreferencesPatch = {};
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const kinds = str('kinds');
  if (kinds !== undefined) {
    const chosen = kinds === 'none' ? [] : kinds.split(',').map((k) => k.trim());
    for (const k of chosen) if (!(KINDS as readonly string[]).includes(k)) throw new InvalidInputError(`--kinds: unknown kind "${k}". Use interview, follow_up, reminder (comma-separated), or none.`);
    patch.kinds = Object.fromEntries(KINDS.map((k) => [k, chosen.includes(k)]));
  }
  const minutes = str('reminderMinutes');
  if (minutes !== undefined) patch.reminderMinutes = intOption(minutes, '--reminder-minutes', 0, 40320);
  if (str('reminderStyle') !== undefined) patch.reminderStyle = str('reminderStyle') as 'alert' | 'block';
  if (str('detail') !== undefined) patch.detail = str('detail') as 'full' | 'busy_only';
  const duration = str('duration');
  if (duration !== undefined) patch.defaultDurationMinutes = intOption(duration, '--duration', 5, 24 * 60);
  const hour = str('followUpHour');
  if (hour !== undefined) patch.followUpHour = hour === 'all-day' ? null : intOption(hour, '--follow-up-hour', 0, 23);
  if (str('conflictPolicy') !== undefined) patch.conflictPolicy = str('conflictPolicy') as PreferencesPatch['conflictPolicy'];
  if (str('deletePolicy') !== undefined) patch.deletePolicy = str('deletePolicy') as PreferencesPatch['deletePolicy'];
  const zone = str('timeZone');
  if (zone !== undefined) {
    if (!isKnownZone(zone)) throw new InvalidInputError(`--time-zone: "${zone}" is not a time zone this computer knows. Use an IANA name such as Europe/Berlin.`);
    patch.timeZone = zone;
  }
  const maxDeletes = str('maxDeletes');
  if (maxDeletes !== undefined) patch.maxDeletesWithoutAsking = intOption(maxDeletes, '--max-deletes', 0, 10_000);
  return patch;
}
