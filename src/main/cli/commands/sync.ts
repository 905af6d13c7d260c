// Syncing once, or continuously.
import type { Command } from 'commander';
import type { CalendarCore } from '../../core/app';
import { jsonOption, withCore } from '../command-kit';
import { EXIT_HELP } from '../exit-codes';
import type { Out } from '../output';

export function register(program: Command): void {
  program
    .command('sync')
    .description('Sync now (--once) or keep syncing about once a minute')
    .option('--once', 'run one sync and exit')
    .option('--allow-deletes', 'approve deletions a safety stop held back')
    .addOption(jsonOption())
    .addHelpText('after', EXIT_HELP)
    .action(async (o: { once?: boolean; allowDeletes?: boolean; json?: boolean }) => {
      await withCore(o.json === true, async (core, out) => {
        if (!o.once) return runContinuously(core, out);
        return syncOnce(core, out, o.allowDeletes === true);
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

/** One sync with its progress bar, the summary in words, and an exit status that says whether it was complete. */
export async function syncOnce(core: CalendarCore, out: Out, allowDeletes = false, prefix = ''): Promise<number> {
  const [{ formatSummary }, { syncVerdict }] = await Promise.all([import('../format'), import('../sync-result')]);
  const bar = out.progress();
  const summary = await core.syncNow({ allowDeletes }, (p) => bar.update(p)).finally(() => bar.stop());
  const state = await core.getState();
  const verdict = syncVerdict(summary, state);
  const text = formatSummary(summary, { zone: state.preferences.timeZone, nextAttemptAt: state.outbox.nextAttemptAt ?? null });
  const extra = verdict.reasons.filter((r) => !text.includes(r.split(' → ')[0] ?? r)).map((r) => `  ${r}`);
  out.print([prefix, text, ...extra].filter(Boolean).join('\n'), { ...summary, complete: verdict.code === 0, reasons: verdict.reasons });
  return verdict.code;
}

async function runContinuously(core: CalendarCore, out: Out): Promise<number> {
  const { runLine } = await import('../run-line');
  core.on('syncProgress', (p) => {
    if (p.phase !== 'done') return;
    void core.getState().then((s) => out.print(runLine(s), s));
  });
  core.on('alert', (a) => {
    if (!out.json) process.stderr.write(`! ${a.message}\n`);
  });
  core.start();
  out.print('Syncing about once a minute. Press Ctrl+C to stop.', { running: true });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}
