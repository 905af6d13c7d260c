// What every ccal command shares: the --json option, a core opened for the
// command and closed after it, failures printed plainly, and number parsing.
import { Option } from 'commander';
import { InvalidInputError } from '../../shared/errors';
import type { CalendarCore } from '../core/app';
import { fail, makeOut, type Out } from './output';
import { createRuntime } from './runtime';

export const jsonOption = (): Option => new Option('--json', 'print machine-readable JSON');

/** Runs a command body with a core, closing it afterwards and printing failures plainly. */
export async function withCore(json: boolean, body: (core: CalendarCore, out: Out) => Promise<void>): Promise<void> {
  const out = makeOut(json);
  let core: CalendarCore | null = null;
  try {
    core = createRuntime();
    await body(core, out);
  } catch (error) {
    fail(out, error);
  } finally {
    await core?.stop();
    core?.close();
  }
}

export function positiveInt(v: string, what: string): number {
  const n = nonNegativeInt(v, what);
  if (n === 0) throw new InvalidInputError(`The ${what} must be at least 1.`);
  return n;
}

export function nonNegativeInt(v: string, what: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new InvalidInputError(`The ${what} must be a whole number, not "${v}".`);
  return Number(v);
}

export function splitOnce(v: string, sep: string): [string, string] {
  const at = v.indexOf(sep);
  if (at <= 0) throw new InvalidInputError(`Expected account=calendarId, got "${v}".`);
  return [v.slice(0, at), v.slice(at + 1)];
}
