// Retrying, the activity log, metrics, repair and the sandbox demo.
import type { Command } from 'commander';
import { intOption, jsonOption, positiveInt, withCore } from '../command-kit';
import { EXIT_HELP } from '../exit-codes';
import { fail, makeOut } from '../output';
import { syncOnce } from './sync';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function register(program: Command): void {
  program
    .command('retry')
    .description('Send failed changes again now')
    .addOption(jsonOption())
    .addHelpText('after', EXIT_HELP)
    .action(async (o: { json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        const before = (await core.getState()).outbox;
        const { requeued } = await core.retryFailed();
        // retryFailed counts what it moved forward (failed, or waiting for a later try); the rest was due anyway.
        const due = Math.max(0, before.pending + before.failed - requeued);
        const head =
          requeued + due === 0
            ? 'Nothing was waiting to be sent.'
            : `${requeued > 0 ? `${plural(requeued, 'change')} that had failed or were waiting for a later try are due now` : 'Nothing had failed'}${due > 0 ? `; ${plural(due, 'other change')} ${due === 1 ? 'was' : 'were'} already due` : ''}. Sending now:`;
        return syncOnce(core, out, false, head);
      });
    });

  program
    .command('audit')
    .description('The activity log (connects, refreshes, every write)')
    .option('--limit <n>', 'how many entries', '50')
    .option('--export <file>', 'write the whole log to a file: JSON Lines, or CSV when the name ends in .csv')
    .addOption(jsonOption())
    .action(async (o: { limit: string; export?: string; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        if (o.export) {
          const { writePrivateFile } = await import('../../core/store/private-files');
          const { jsonLines } = await core.exportAudit();
          const csv = o.export.toLowerCase().endsWith('.csv');
          const text = csv ? await import('../../../shared/audit-csv').then((m) => m.auditCsv(m.parseJsonLines(jsonLines))) : jsonLines;
          writePrivateFile(o.export, text);
          out.print(`Wrote the activity log to ${o.export} (${csv ? 'CSV' : 'JSON Lines'}).`, { file: o.export });
          return;
        }
        const { formatAudit } = await import('../format');
        const entries = await core.listAudit({ limit: intOption(o.limit, '--limit', 1, 5000) });
        out.print(formatAudit(entries, (await core.getState()).preferences.timeZone), entries);
      });
    });

  program
    .command('metrics')
    .description('Sync health: calendars, successes and failures, latency, requests per run')
    .addOption(jsonOption())
    .action(async (o: { json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        const { formatMetrics } = await import('../format');
        const m = await core.getMetrics();
        out.print(formatMetrics(m), m);
      });
    });

  program
    .command('repair')
    .description('Set a damaged local database aside and start a fresh one (unsent changes are recovered where possible)')
    .addOption(jsonOption())
    .action(async (o: { json?: boolean }) => {
      const out = makeOut(o.json === true);
      try {
        const [{ join }, { loadConfig }, { repairDatabase }] = await Promise.all([import('node:path'), import('../../core/config'), import('../../core/store/repair')]);
        const config = loadConfig();
        const r = repairDatabase(join(config.dataDir, 'calendar.db'), new Date());
        out.print(
          `The old database was kept as ${r.setAsideAs}. ${r.unreadable ? 'It could not be read, so changes not yet sent to Career Copilot could not be recovered.' : `Recovered ${plural(r.salvaged, 'change')} not yet sent to Career Copilot.`} Run "ccal sync --once" to rebuild the rest from Career Copilot and your calendar.`,
          r,
        );
      } catch (error) {
        fail(out, error);
      }
    });

  program
    .command('demo')
    .description(
      'Run against the built-in sandbox (local Career Copilot, Google and Outlook stand-ins) and show a sync happening in both calendars; when radicale is installed, a local Radicale joins as a third, CalDAV, calendar',
    )
    .option('--items <n>', 'how many applications to invent', '12')
    .option('--keep-running', 'keep the sandbox and sync running until Ctrl+C')
    .option('--ui', 'after the scripted demo, serve the app in your browser and keep syncing until Ctrl+C (build it first: npx electron-vite build)')
    .option('--data-dir <dir>', 'where the demo keeps its database (default: a temporary folder, removed at the end)')
    .option('--no-caldav', 'leave CalDAV out even when radicale is installed (optional: apt-get install radicale to include it)')
    .addOption(jsonOption())
    .action(async (o: { items: string; keepRunning?: boolean; ui?: boolean; dataDir?: string; caldav: boolean; json?: boolean }) => {
      const out = makeOut(o.json === true);
      try {
        // Loaded only here: the sandbox servers are not part of the everyday command line.
        const { runDemo } = await import('../demo');
        await runDemo({ out, applications: positiveInt(o.items, '--items'), keepRunning: o.keepRunning === true, ui: o.ui === true, dataDir: o.dataDir, caldav: o.caldav });
      } catch (error) {
        fail(out, error);
      }
    });
}
