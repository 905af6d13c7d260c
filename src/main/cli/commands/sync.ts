// Syncing once, or continuously.
import type { Command } from 'commander';
import type { CalendarCore } from '../../core/app';
import { jsonOption, withCore } from '../command-kit';
import { formatSummary } from '../format';
import type { Out } from '../output';

export function register(program: Command): void {
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
}

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
