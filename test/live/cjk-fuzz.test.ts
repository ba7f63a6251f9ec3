// Property tests of the CJK decoders: whatever the bytes, a decoder returns a string or throws
// UnicodeDecodeError with CPython's shape (or, for iso2022_jp_2 only, its documented RuntimeError), and
// strict decoding stops at the first error, so the bytes before it decode on their own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CJK_CODECS } from '../../src/codecs/cjk/index.js';
import { ISO2022_CODECS } from '../../src/codecs/cjk/codec-names.js';
import { UnicodeDecodeError } from '../../src/errors.js';
import { decoderFor } from '../helpers/cjk-helpers.js';
import { assertSeeded, SEED_NOTE } from '../helpers/seeds.js';

const STATEFUL: ReadonlySet<string> = new Set(['hz', ...ISO2022_CODECS]);

/** Bytes that steer the decoders into their interesting paths: escapes, shifts, leads, range ends. */
const EDGE = [
  0x00, 0x0a, 0x0e, 0x0f, 0x1b, 0x21, 0x24, 0x26, 0x28, 0x29, 0x2e, 0x30, 0x39, 0x40, 0x41, 0x42, 0x43, 0x44, 0x49,
  0x4a, 0x4e, 0x4f, 0x50, 0x51, 0x5c, 0x7b, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0x8e, 0x8f, 0xa0, 0xa1, 0xa4, 0xbf, 0xd4,
  0xd8, 0xdf, 0xe0, 0xf0, 0xfc, 0xfd, 0xfe, 0xff,
];
const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 48 }),
  fc.array(fc.constantFrom(...EDGE), { maxLength: 48 }).map((a) => Uint8Array.from(a)),
  fc
    .array(
      fc.oneof(fc.constantFrom(...EDGE), fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa1, max: 0xfe })),
      { maxLength: 64 },
    )
    .map((a) => Uint8Array.from(a)),
);

type Outcome = { text: string } | { error: UnicodeDecodeError };

function run(codec: string, bytes: Uint8Array): Outcome {
  try {
    return { text: decoderFor(codec)(bytes) };
  } catch (e) {
    if (e instanceof UnicodeDecodeError) return { error: e };
    // iso2022_jp_2 has one non-UnicodeDecodeError: ESC N after ESC . J (CPython's "internal codec error").
    const err = e as Error;
    if (codec === 'iso2022_jp_2' && err.name === 'RuntimeError' && err.message === 'internal codec error')
      return { text: '' };
    throw e;
  }
}

describe(`CJK decoders under fast-check ${SEED_NOTE}`, () => {
  for (const codec of CJK_CODECS) {
    it(`${codec}: only UnicodeDecodeError, with CPython's shape, and stops at the first error`, () => {
      assertSeeded(
        fc.property(bytesArb, (bytes) => {
          const outcome = run(codec, bytes);
          if ('text' in outcome) {
            expect(outcome.text.length).toBeLessThanOrEqual(bytes.length);
            return;
          }
          const { error } = outcome;
          expect(error.encoding).toBe(codec);
          expect(error.object).toBe(bytes);
          expect(error.start).toBeGreaterThanOrEqual(0);
          expect(error.end).toBeGreaterThan(error.start);
          expect(error.end).toBeLessThanOrEqual(bytes.length);
          expect(['illegal multibyte sequence', 'incomplete multibyte sequence']).toContain(error.reason);
          if (error.reason === 'incomplete multibyte sequence') expect(error.end).toBe(bytes.length);
          // Everything before the first error decodes by itself.
          expect('text' in run(codec, bytes.subarray(0, error.start))).toBe(true);
        }),
        { numRuns: 400 },
      );
    });
  }

  for (const codec of CJK_CODECS.filter((c) => !STATEFUL.has(c))) {
    it(`${codec}: stateless, so decoding splits at any point where both halves decode`, () => {
      assertSeeded(
        fc.property(bytesArb, bytesArb, (a, b) => {
          const left = run(codec, a);
          const right = run(codec, b);
          if (!('text' in left) || !('text' in right)) return;
          const joined = new Uint8Array(a.length + b.length);
          joined.set(a);
          joined.set(b, a.length);
          expect(run(codec, joined)).toEqual({ text: left.text + right.text });
        }),
        { numRuns: 200 },
      );
    });
  }
});
