import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The definition, written for clarity rather than speed: the hashes of stored events depend on it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => `${JSON.stringify(key)}:${reference(member)}`);
  return `{${entries.join(',')}}`;
}

describe('canonical JSON', () => {
  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"z":1}]},"b":1}',
    );
  });

  it('matches the definition on any JSON-like value', () => {
    const anything = fc.anything({
      withObjectString: true,
      withNullPrototype: true,
      withBoxedValues: false,
      withMap: false,
      withSet: false,
      withBigInt: false,
      withDate: false,
      withTypedArray: false,
      withSparseArray: true,
    });
    fc.assert(
      fc.property(anything, (value) => canonicalJson(value) === reference(value)),
      { numRuns: 2_000 },
    );
  });

  it('matches the definition on any code units, lone surrogates and control characters included', () => {
    // One UTF-16 code unit at a time, so lone surrogates come up too.
    const text = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });
    const leaf = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree')), fc.dictionary(text, tie('tree'))),
    }));
    fc.assert(
      fc.property(tree, (value) => canonicalJson(value) === reference(value)),
      { numRuns: 3_000 },
    );
  });

  it('matches the definition on keys that sort differently by code unit and by locale', () => {
    const value = { é: 1, e: 2, Z: 3, a: 4, '\u{1F600}': 5, '\uFFFF': 6, '10': 7, '9': 8 };
    expect(canonicalJson(value)).toBe(reference(value));
  });
});
