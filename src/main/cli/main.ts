#!/usr/bin/env node
// `ccal`: the command line over the same core the desktop app uses.
import { Command } from 'commander';
import { register as registerInspect } from './commands/inspect';
import { register as registerMaintenance } from './commands/maintenance';
import { register as registerPreferences } from './commands/preferences';
import { register as registerSession } from './commands/session';
import { register as registerSync } from './commands/sync';
import { EXIT_HELP } from './exit-codes';
import { fail } from './output';

const program = new Command('ccal')
  .description('Career Copilot Calendar: keeps your interviews, follow-ups and reminders in your calendar.')
  .showHelpAfterError()
  .version('0.1.0')
  .addHelpText('after', `${EXIT_HELP}\n\nEvery command has --help, and --json for scripts.`);

registerSession(program);
registerPreferences(program);
registerSync(program);
registerInspect(program);
registerMaintenance(program);

program.parseAsync(process.argv).catch((error: unknown) => fail(null, error));
