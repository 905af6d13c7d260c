#!/usr/bin/env node
// `ccal`: the command line over the same core the desktop app uses.
import { Command, Option } from 'commander';
import { join } from 'node:path';
import { ConflictChoice, DEFAULT_PREFERENCES, ItemKind, type PreferencesPatch } from '../../shared/domain';
import { InvalidInputError } from '../../shared/errors';
import type { CalendarCore } from '../core/app';
import { loadConfig } from '../core/config';
import { repairDatabase } from '../core/store/repair';
import { fail, makeOut, type Out } from './output';
import { formatAudit, formatConflicts, formatItems, formatMetrics, formatState, formatSummary } from './format';
import { readPassword } from './password';
import { createRuntime } from './runtime';
import { writeFileSync } from 'node:fs';

const program = new Command('ccal')
  .description('Career Copilot Calendar: keeps your interviews, follow-ups and reminders in your calendar.')
  .showHelpAfterError()
  .version('0.1.0');

const jsonOption = (): Option => new Option('--json', 'print machine-readable JSON');

/** Runs a command body with a core, closing it afterwards and printing failures plainly. */
async function withCore(json: boolean, body: (core: CalendarCore, out: Out) => Promise<void>): Promise<void> {
  const out = makeOut(json);
  let core: CalendarCore | null = null;
  try {
    core = createRuntime();
    await body(core, out);
  } catch (error) {
    fail(out, error);
  } finally {
    await core?.stop();
    core?.close();
  }
}

program
  .command('signin')
  .description('Sign in to Career Copilot (the token is kept in the system keychain)')
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
  .addOption(jsonOption())
  .action(async (provider: string, o: { calendarList?: boolean; json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      if (provider !== 'google') throw new InvalidInputError(`Unknown provider "${provider}". Available: google.`);
      core.on('consentUrl', ({ url }) => {
        process.stderr.write(`Open this link in a browser on this computer to allow access:\n  ${url}\nWaiting for the browser…\n`);
      });
      const account = await core.connect({ provider: 'google', calendarList: o.calendarList === true });
      out.print(`Connected ${account.email} (Google Calendar). Events go to calendar "${account.calendarId}".`, account);
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
        `Disconnected ${accountId}.${r.revoked ? ' Access was revoked at the provider.' : ' The provider could not be reached to revoke access; the local secrets were deleted anyway. You can also remove access in your account settings.'}${o.removeEvents ? ` Removed ${r.removedEvents} event(s).` : ''}`,
        r,
      );
    });
  });

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

program
  .command('sync')
  .description('Sync now (--once) or keep syncing about once a minute')
  .option('--once', 'run one sync and exit')
  .option('--allow-deletes', 'approve deletions a safety stop held back')
  .addOption(jsonOption())
  .action(async (o: { once?: boolean; allowDeletes?: boolean; json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      if (o.once) {
        const bar = out.progress();
        const summary = await core.syncNow({ allowDeletes: o.allowDeletes === true }, (p) => bar.update(p)).finally(() => bar.stop());
        out.print(formatSummary(summary), summary);
        return;
      }
      await runContinuously(core, out);
    });
  });

program
  .command('run')
  .description('Keep syncing about once a minute until stopped (Ctrl+C)')
  .addOption(jsonOption())
  .action(async (o: { json?: boolean }) => {
    await withCore(o.json === true, (core, out) => runContinuously(core, out));
  });

program
  .command('status')
  .description('Accounts, queue, conflicts and problems')
  .addOption(jsonOption())
  .action(async (o: { json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      const state = await core.getState();
      out.print(formatState(state), state);
    });
  });

program
  .command('items')
  .description('Items from Career Copilot and how each stands in your calendars')
  .addOption(jsonOption())
  .action(async (o: { json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      const items = await core.listItems();
      out.print(formatItems(items, (await core.getState()).preferences.timeZone), items);
    });
  });

program
  .command('conflicts')
  .description('Items changed on both sides, waiting for your choice')
  .addOption(jsonOption())
  .action(async (o: { json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      const conflicts = await core.listConflicts();
      out.print(formatConflicts(conflicts, (await core.getState()).preferences.timeZone), conflicts);
    });
  });

program
  .command('resolve')
  .description('Resolve a conflict: keep_copilot, keep_calendar or keep_both')
  .argument('<id>', 'conflict number (see ccal conflicts)')
  .argument('<choice>', 'keep_copilot | keep_calendar | keep_both')
  .option('--remember', 'use this answer for future conflicts too')
  .option('--no-sync', 'only record the answer; send it with the next sync')
  .addOption(jsonOption())
  .action(async (id: string, choice: string, o: { remember?: boolean; sync?: boolean; json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      const parsedChoice = ConflictChoice.safeParse(choice);
      if (!parsedChoice.success) throw new InvalidInputError(`"${choice}" is not a choice. Use keep_copilot, keep_calendar or keep_both.`);
      await core.resolveConflict({ id: positiveInt(id, 'conflict number'), choice: parsedChoice.data, remember: o.remember === true });
      const summary = o.sync === false ? null : await core.syncNow({});
      out.print(`Conflict #${id} resolved (${choice}${o.remember ? ', remembered' : ''}).${summary ? `\n${formatSummary(summary)}` : ''}`, { resolved: Number(id), summary });
    });
  });

program
  .command('retry')
  .description('Send failed changes again now')
  .addOption(jsonOption())
  .action(async (o: { json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      const r = await core.retryFailed();
      const summary = await core.syncNow({});
      out.print(`Requeued ${r.requeued} change(s).\n${formatSummary(summary)}`, { ...r, summary });
    });
  });

program
  .command('audit')
  .description('The activity log (connects, refreshes, every write)')
  .option('--limit <n>', 'how many entries', '50')
  .option('--export <file>', 'write the whole log as JSON lines to a file')
  .addOption(jsonOption())
  .action(async (o: { limit: string; export?: string; json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      if (o.export) {
        const { jsonLines } = await core.exportAudit();
        writeFileSync(o.export, jsonLines, { mode: 0o600 });
        out.print(`Wrote the activity log to ${o.export}.`, { file: o.export });
        return;
      }
      const entries = await core.listAudit({ limit: positiveInt(o.limit, 'limit') });
      out.print(formatAudit(entries), entries);
    });
  });

program
  .command('metrics')
  .description('Sync health: calendars, successes and failures, latency, requests per run')
  .addOption(jsonOption())
  .action(async (o: { json?: boolean }) => {
    await withCore(o.json === true, async (core, out) => {
      const m = await core.getMetrics();
      out.print(formatMetrics(m), m);
    });
  });

program
  .command('repair')
  .description('Set a damaged local database aside and start a fresh one (unsent changes are recovered where possible)')
  .addOption(jsonOption())
  .action((o: { json?: boolean }) => {
    const out = makeOut(o.json === true);
    try {
      const config = loadConfig();
      const r = repairDatabase(join(config.dataDir, 'calendar.db'), new Date());
      out.print(
        `The old database was kept as ${r.setAsideAs}. ${r.unreadable ? 'It could not be read, so changes not yet sent to Career Copilot could not be recovered.' : `Recovered ${r.salvaged} change(s) not yet sent to Career Copilot.`} Run "ccal sync --once" to rebuild the rest from Career Copilot and your calendar.`,
        r,
      );
    } catch (error) {
      fail(out, error);
    }
  });

program
  .command('demo')
  .description('Run against the built-in sandbox (local Career Copilot and Google stand-ins) and show a sync happening')
  .option('--items <n>', 'how many applications to invent', '12')
  .option('--keep-running', 'keep the sandbox and sync running until Ctrl+C')
  .option('--data-dir <dir>', 'where the demo keeps its database (default: a fresh temporary folder)')
  .addOption(jsonOption())
  .action(async (o: { items: string; keepRunning?: boolean; dataDir?: string; json?: boolean }) => {
    const out = makeOut(o.json === true);
    try {
      // Loaded only here: the sandbox servers are not part of the everyday command line.
      const { runDemo } = await import('./demo');
      await runDemo({ out, applications: positiveInt(o.items, 'items'), keepRunning: o.keepRunning === true, dataDir: o.dataDir });
    } catch (error) {
      fail(out, error);
    }
  });

async function runContinuously(core: CalendarCore, out: Out): Promise<void> {
  core.on('syncProgress', (p) => {
    if (p.phase === 'done') void core.getState().then((s) => out.print(`${new Date().toISOString()} ${s.lastRun?.outcome ?? ''} — ${s.outbox.pending} pending, ${s.openConflicts} conflict(s)`, s));
  });
  core.on('alert', (a) => process.stderr.write(`! ${a.message}\n`));
  core.start();
  out.print('Syncing about once a minute. Press Ctrl+C to stop.', { running: true });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
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

function positiveInt(v: string, what: string): number {
  const n = nonNegativeInt(v, what);
  if (n === 0) throw new InvalidInputError(`The ${what} must be at least 1.`);
  return n;
}

function nonNegativeInt(v: string, what: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new InvalidInputError(`The ${what} must be a whole number, not "${v}".`);
  return Number(v);
}

function splitOnce(v: string, sep: string): [string, string] {
  const at = v.indexOf(sep);
  if (at <= 0) throw new InvalidInputError(`Expected account=calendarId, got "${v}".`);
  return [v.slice(0, at), v.slice(at + 1)];
}

program.parseAsync(process.argv).catch((error: unknown) => fail(null, error));
