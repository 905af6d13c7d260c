// Looking at the state of things and answering conflicts.
import type { Command } from 'commander';
import { ConflictChoice } from '../../../shared/domain';
import { InvalidInputError } from '../../../shared/errors';
import { jsonOption, positiveInt, withCore } from '../command-kit';
import { formatConflicts, formatItems, formatState, formatSummary } from '../format';

export function register(program: Command): void {
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
}
