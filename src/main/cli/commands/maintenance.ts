// Retrying, the activity log, metrics, repair and the sandbox demo.
import type { Command } from 'commander';
import { join } from 'node:path';
import { loadConfig } from '../../core/config';
import { writePrivateFile } from '../../core/store/private-files';
import { repairDatabase } from '../../core/store/repair';
import { jsonOption, positiveInt, withCore } from '../command-kit';
import { formatAudit, formatMetrics, formatSummary } from '../format';
import { fail, makeOut } from '../output';

export function register(program: Command): void {
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
          writePrivateFile(o.export, jsonLines);
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
    .option('--ui', 'after the scripted demo, serve the app in your browser and keep syncing until Ctrl+C (build it first: npx electron-vite build)')
    .option('--data-dir <dir>', 'where the demo keeps its database (default: a fresh temporary folder)')
    .addOption(jsonOption())
    .action(async (o: { items: string; keepRunning?: boolean; ui?: boolean; dataDir?: string; json?: boolean }) => {
      const out = makeOut(o.json === true);
      try {
        // Loaded only here: the sandbox servers are not part of the everyday command line.
        const { runDemo } = await import('../demo');
        await runDemo({ out, applications: positiveInt(o.items, 'items'), keepRunning: o.keepRunning === true, ui: o.ui === true, dataDir: o.dataDir });
      } catch (error) {
        fail(out, error);
      }
    });
}
