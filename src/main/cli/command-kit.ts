// What every ccal command shares: the --json option, a core opened for the
// command and closed after it, failures printed plainly, exit codes, and number
// parsing. The core is loaded only when a command runs, so "ccal --help" does
// not pay for SQLite, the keychain and the Google client.
import { Option } from 'commander';
import { InvalidInputError } from '../../shared/errors';
import type { CalendarCore } from '../core/app';
import { fail, makeOut, type Out } from './output';

export const jsonOption = (): Option => new Option('--json', 'print machine-readable JSON');

/**
 * Runs a command body with a core, closing it afterwards and printing failures
 * plainly. The body's return value is the exit status (0 when it returns nothing).
 */
export async function withCore(json: boolean, body: (core: CalendarCore, out: Out) => Promise<number | void>): Promise<void> {
  const out = makeOut(json);
  let core: CalendarCore | null = null;
  let code = 0;
  try {
    const { createRuntime } = await import('./runtime');
    core = createRuntime();
    code = (await body(core, out)) ?? 0;
  } catch (error) {
    await closeQuietly(core);
    fail(out, error);
  }
  await closeQuietly(core);
  process.exitCode = code;
}

async function closeQuietly(core: CalendarCore | null): Promise<void> {
  if (!core) return;
  try {
    await core.stop();
  } finally {
    core.close();
  }
}

/** A whole number within limits, named by its flag in the message. */
export function intOption(v: string, flag: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(v)) throw new InvalidInputError(`${flag} must be a whole number, not "${v}".`);
  const n = Number(v);
  if (n < min || n > max) throw new InvalidInputError(`${flag} must be ${min}–${max}, not ${n}.`);
  return n;
}

export function positiveInt(v: string, what: string): number {
  return intOption(v, what, 1, 999_999_999);
}

export function splitOnce(v: string, sep: string): [string, string] {
  const at = v.indexOf(sep);
  if (at <= 0) throw new InvalidInputError(`Expected account=calendarId, got "${v}".`);
  return [v.slice(0, at), v.slice(at + 1)];
}
