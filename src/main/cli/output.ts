// How the command line speaks: plain sentences for people, --json for scripts,
// a progress bar on stderr (only on a terminal) for long work.
import { SingleBar, Presets } from 'cli-progress';
import { AppError, userMessageOf } from '../../shared/errors';
import type { SyncProgress } from '../core/sync/engine';
import { cliMessage } from './cli-words';
import { EXIT } from './exit-codes';

export interface Out {
  json: boolean;
  print(human: string, data: unknown): void;
  progress(): { update(p: SyncProgress): void; stop(): void };
}

export function makeOut(json: boolean): Out {
  return {
    json,
    print(human, data) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
    },
    progress() {
      if (json || !process.stderr.isTTY) {
        let lastPhase = '';
        return {
          update(p) {
            if (json || p.phase === lastPhase || p.phase === 'done') return;
            lastPhase = p.phase;
            process.stderr.write(`${PHASES[p.phase]}…\n`);
          },
          stop() {},
        };
      }
      const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
      let started = false;
      return {
        update(p) {
          if (p.phase === 'done') return;
          if (!started) {
            bar.start(Math.max(p.total, 1), p.done, { phase: PHASES[p.phase] });
            started = true;
          }
          bar.setTotal(Math.max(p.total, 1));
          bar.update(p.done, { phase: PHASES[p.phase] });
        },
        stop() {
          if (started) bar.stop();
        },
      };
    },
  };
}

const PHASES: Record<SyncProgress['phase'], string> = {
  copilot: 'Reading Career Copilot',
  calendar: 'Reading calendar changes',
  push: 'Sending changes',
  done: 'Done',
};

/** Prints a failure the way a person can act on it (naming the command that fixes it); exit code 1. */
export function fail(out: Out | null, error: unknown): never {
  const message = cliMessage(userMessageOf(error));
  const code = error instanceof AppError ? error.code : 'unexpected';
  if (out?.json) process.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
  else process.stderr.write(`ccal: ${message}\n`);
  process.exit(EXIT.error);
}
