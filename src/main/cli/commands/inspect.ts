// Looking at the state of things and answering conflicts.
import type { Command } from 'commander';
import { InvalidInputError } from '../../../shared/errors';
import { jsonOption, positiveInt, withCore } from '../command-kit';
import { EXIT_HELP } from '../exit-codes';
import { syncOnce } from './sync';

const CHOICES = ['keep_copilot', 'keep_calendar', 'keep_both'] as const;
type Choice = (typeof CHOICES)[number];
const isChoice = (v: string): v is Choice => (CHOICES as readonly string[]).includes(v);

export function register(program: Command): void {
  program
    .command('status')
    .description('Accounts, queue, conflicts and problems')
    .addOption(jsonOption())
    .action(async (o: { json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        const { formatState } = await import('../format');
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
        const { formatItems } = await import('../format');
        const [items, state] = await Promise.all([core.listItems(), core.getState()]);
        out.print(formatItems(items, state.accounts, state.preferences), items);
      });
    });

  program
    .command('conflicts')
    .description('Items changed on both sides, waiting for your choice')
    .addOption(jsonOption())
    .action(async (o: { json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        const { formatConflicts } = await import('../format');
        const conflicts = await core.listConflicts();
        out.print(formatConflicts(conflicts, (await core.getState()).preferences.timeZone), conflicts);
      });
    });

  program
    .command('resolve')
    .description('Resolve a conflict: keep_calendar, keep_copilot or keep_both')
    .argument('<id>', 'conflict number (see ccal conflicts)')
    .argument('<choice>', 'keep_calendar | keep_copilot | keep_both')
    .option('--remember', 'decide future conflicts the same way, without asking (undo: ccal prefs --conflict-policy ask)')
    .option('--no-sync', 'only record the answer; send it with the next sync')
    .addOption(jsonOption())
    .addHelpText('after', EXIT_HELP)
    .action(async (id: string, choice: string, o: { remember?: boolean; sync?: boolean; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        if (!isChoice(choice)) throw new InvalidInputError(`"${choice}" is not a choice. Use keep_calendar, keep_copilot or keep_both.`);
        const number = positiveInt(id, 'The conflict number');
        await core.resolveConflict({ id: number, choice, remember: o.remember === true });
        const kept = { keep_calendar: "the calendar's version", keep_copilot: "Career Copilot's version", keep_both: 'both versions' }[choice];
        const head = `Conflict #${number}: kept ${kept}.${o.remember ? ` Future conflicts keep ${kept} without asking (undo: ccal prefs --conflict-policy ask).` : ''}`;
        if (o.sync === false) {
          out.print(`${head} It is sent with the next sync.`, { resolved: number, summary: null });
          return 0;
        }
        return syncOnce(core, out, false, head);
      });
    });
}
