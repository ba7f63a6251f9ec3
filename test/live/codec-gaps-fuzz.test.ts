// Property tests for idna's xn-- labels and unicode_escape's \N{...} (random bytes rarely form either): on every
// version 3.0 - 3.15, a string or one of CPython's errors, never NotImplementedError or an internal error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeSource, KNOWN_VERSIONS, setWarningHandler, UnicodeDecodeError } from '../../src/index.js';

setWarningHandler(() => {});

const versions = [...KNOWN_VERSIONS];
const ALLOWED = new Set(['UnicodeDecodeError', 'UnicodeError', 'IndexError', 'SyntaxError']);

function check(run: () => string, input: Uint8Array): void {
  try {
    expect(typeof run()).toBe('string');
  } catch (e) {
    const err = e as Error;
    expect(ALLOWED.has(err.name), `${err.name}: ${err.message}`).toBe(true);
    if (err instanceof UnicodeDecodeError) {
      expect(err.start).toBeGreaterThanOrEqual(0);
      expect(err.end).toBeGreaterThan(err.start);
      expect(err.object.length).toBeLessThanOrEqual(input.length);
    }
  }
}

const labelByte = fc.oneof(fc.constantFrom(...Buffer.from('abcxyzAZ09-.', 'latin1')), fc.integer({ min: 0, max: 255 }));
const label = fc
  .tuple(fc.constantFrom('xn--', 'XN--', 'xN--', '', 'a.xn--'), fc.array(labelByte, { maxLength: 40 }))
  .map(([p, b]) => new Uint8Array([...Buffer.from(p, 'latin1'), ...b]));
const nameChars = fc.array(
  fc.constantFrom(
    ...Buffer.from('ABCEGHIJKLMNOPRSTUWY -0123456789abcdefhangul syllabCJK UNIFIED IDEOGRAPH-', 'latin1'),
    0x7d,
    0xe9,
  ),
  { maxLength: 40 },
);
const escape = fc
  .tuple(nameChars, fc.constantFrom('', '}', 'x'))
  .map(([n, tail]) => new Uint8Array([...Buffer.from('\\N{', 'latin1'), ...n, ...Buffer.from(tail, 'latin1')]));

describe('fuzz: xn-- labels and \\N{...}', () => {
  it('idna over random labels, every version (bytes.decode and decode_source)', () => {
    fc.assert(
      fc.property(label, fc.constantFrom(...versions), (b, v) => {
        check(() => decodeBytes(b, 'idna', { target: v }), b);
        const src = new Uint8Array([...Buffer.from('# coding: idna\n', 'latin1'), ...b]);
        check(() => decodeSource(src, { target: v }), src);
      }),
      { numRuns: 4000 },
    );
  });

  it('unicode_escape over random names, every version', () => {
    fc.assert(
      fc.property(escape, fc.constantFrom(...versions), (b, v) =>
        check(() => decodeBytes(b, 'unicode_escape', { target: v }), b),
      ),
      { numRuns: 4000 },
    );
  });
});
