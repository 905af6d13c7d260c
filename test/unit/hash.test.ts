// Links store hashes of stableStringify's text, so its output may never change:
// checked against the first implementation, kept here as the definition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/main/core/sync/hash';

function definition(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(definition).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${definition(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('stableStringify', () => {
  it('writes what the first implementation wrote, for any JSON-like value (with undefined members and elements)', () => {
    const values = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(undefined), fc.constant(null), fc.boolean(), fc.double(), fc.string(), fc.string({ unit: 'binary' }), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 6 }),
    })).value;
    fc.assert(fc.property(values, (v) => {
        expect(stableStringify(v)).toBe(definition(v));
      }), { numRuns: 5000 });
  });

  it('sorts keys and leaves undefined members out', () => {
    expect(stableStringify({ b: 1, a: [undefined, 2], c: undefined })).toBe('{"a":[,2],"b":1}');
  });
});
