// One logger per module (createLogger('sync')), JSON lines, with redaction built in:
// every logged value goes through loggable() (errors written out in full, secret
// keys censored at any depth, free text scrubbed of credentials), and pino's own
// redaction of the known secret paths stays as a second net.
import { join } from 'node:path';
import { pino, type Logger, type DestinationStream } from 'pino';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../store/private-files';
import { loggable } from './log-values';
import { scrubSecrets } from './redact';

export type { Logger };

const REDACT_PATHS = [
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.password',
  '*.token',
  '*.authorization',
  '*.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'access_token',
  'refresh_token',
  'password',
  'token',
];

let root: Logger = pino({ level: process.env.CCAL_LOG_LEVEL ?? 'silent' });

/** Points every module's logger at `destination` (a log file in the data folder). */
export function configureLogging(destination: DestinationStream | null, level = 'info'): void {
  const options = {
    level: destination ? level : 'silent',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // `err` is already written out by loggable(); pino's serializer would fold
    // the causes into the message a second time.
    serializers: { err: (value: unknown) => value },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: Logger['info']) {
        method.apply(this, cleanArguments(args as unknown[]) as Parameters<Logger['info']>);
      },
    },
    formatters: {
      // Runs before pino's serializers and its JSON step, so an Error reaching
      // them would already be `{}`: loggable() writes it out first.
      log(object: Record<string, unknown>) {
        return loggable(object) as Record<string, unknown>;
      },
    },
  };
  root = destination ? pino(options, destination) : pino(options);
}

/**
 * A log file in the data folder's logs/ folder, private like the rest (folders
 * 0700, the file 0600, an older looser one tightened). Sync writes: a crash
 * must not lose the lines that explain it.
 */
export function privateLogDestination(dataDir: string, fileName: string): DestinationStream {
  const dir = join(dataDir, 'logs');
  ensurePrivateDir(dataDir);
  ensurePrivateDir(dir);
  const dest = join(dir, fileName);
  ensurePrivateFile(dest);
  return pino.destination({ dest, sync: true, mode: PRIVATE_FILE_MODE });
}

export function createLogger(module: string): Logger {
  // Loggers are made at import time, before configureLogging runs, so each one
  // follows the root it was made under and makes a new child only when the root
  // changes (a child per call was garbage on every log line).
  let madeFrom: Logger | null = null;
  let child: Logger = root;
  const current = (): Logger => {
    if (madeFrom !== root) {
      madeFrom = root;
      child = root.child({ module });
    }
    return child;
  };
  return new Proxy({} as Logger, {
    get(_target, prop) {
      const target = current();
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The log call's arguments with the message and any interpolated value scrubbed.
 * An Error given alone, or as `{ err }` without a message, lends pino its message
 * as the line's text; pino would take it raw, so it is scrubbed here.
 */
function cleanArguments(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (typeof first === 'string') return [scrubSecrets(first), ...rest.map(loggable)];
  const merged = first instanceof Error ? { err: first } : first;
  const err = typeof merged === 'object' && merged !== null ? (merged as { err?: unknown }).err : undefined;
  const [given, ...values] = rest;
  const text = typeof given === 'string' ? given : err instanceof Error ? err.message : undefined;
  const tail = typeof given === 'string' ? values : rest;
  return text === undefined ? [merged, ...tail.map(loggable)] : [merged, scrubSecrets(text), ...tail.map(loggable)];
}
