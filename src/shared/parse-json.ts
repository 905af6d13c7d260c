import type { z } from 'zod';

/** JSON text (or an already-parsed value) read through a schema; null when it is not JSON or does not fit. */
export function parseJsonAs<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> | null {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
