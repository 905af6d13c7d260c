// One logger per module (createLogger('sync')), JSON lines, with redaction built in:
// known secret-bearing keys are censored by pino, and every string is scrubbed of
// bearer tokens and JWT-looking values before it is written.
import { pino, type Logger, type DestinationStream } from 'pino';
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
    hooks: {
      // Scrub free-form text too: error messages from libraries can quote a header.
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: Logger['info']) {
        const cleaned = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<Logger['info']>;
        method.apply(this, cleaned);
      },
    },
    formatters: {
      log(object: Record<string, unknown>) {
        return JSON.parse(scrubSecrets(JSON.stringify(object))) as Record<string, unknown>;
      },
    },
  };
  root = destination ? pino(options, destination) : pino(options);
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
