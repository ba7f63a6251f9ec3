// Property tests: whatever the bytes, codec name and version, the decoders return a string or throw one of the
// documented errors (docs/decoding.md), and their errors are self-consistent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  decodeSource,
  detectEncoding,
  KNOWN_VERSIONS,
  lookupCodec,
  setWarningHandler,
  UnicodeDecodeError,
} from '../../src/index.js';
import { codecAliases, codecModules } from '../../src/codecs/registry.js';
import { assertSeeded, SEED_NOTE } from '../helpers/seeds.js';

setWarningHandler(() => {}); // unicode_internal and 3.15's non-ASCII names warn; not the subject here

// No NotImplementedError: the full entry decodes every codec, idna's xn-- labels and \N{...} included.
const DOCUMENTED = new Set([
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'LookupError',
  'ValueError',
  'UnicodeError',
  'RuntimeError',
  'SyntaxError',
  'IndexError',
]);
const versions = [...KNOWN_VERSIONS];
const names = [
  ...new Set([...codecModules(15), ...codecModules(6), ...codecAliases(15).keys(), ...codecAliases(6).keys()]),
];

function checkError(e: unknown, input: Uint8Array, version: string, codec?: string): void {
  const err = e as Error;
  expect(DOCUMENTED.has(err.name), `${err.name}: ${err.message}`).toBe(true);
  // The rarer classes only where docs/decoding.md says: iso2022_jp_2's ESC N, punycode's IndexError of 3.6.
  if (err.name === 'RuntimeError' && codec !== undefined) expect(lookupCodec(codec)).toMatch(/^iso2022_jp_2/);
  // punycode's IndexError, 3.6 and older only (it quoted the character after a bad one, past the end).
  if (err.name === 'IndexError') {
    expect(Number(version.slice(2)), err.message).toBeLessThanOrEqual(6);
    expect(err.message).toMatch(/string index out of range/);
    // (idna runs punycode on its xn-- labels)
    if (codec !== undefined) expect(['punycode', 'idna']).toContain(lookupCodec(codec));
  }
  if (err instanceof UnicodeDecodeError) {
    expect(err.start).toBeGreaterThanOrEqual(0);
    expect(err.end).toBeGreaterThan(err.start);
    // (punycode's "Invalid character" error of 3.13+ reports positions past the input, as CPython does, and so
    // does idna, which re-raises it at the label's offset)
    if (err.encoding !== 'punycode' && err.encoding !== 'idna') expect(err.end).toBeLessThanOrEqual(err.object.length);
    expect(err.object.length).toBeLessThanOrEqual(input.length);
    expect(err.message).toMatch(
      /^'[-\w]+' codec can't decode (byte 0x[0-9a-f]{2} in position \d+|bytes in position \d+-\d+): .+$/,
    );
  }
}

describe(`fuzz: only documented errors ${SEED_NOTE}`, () => {
  it('decodeBytes over every codec name, version and random bytes', () => {
    assertSeeded(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(...names),
        fc.constantFrom(...versions),
        (bytes, name, v) => {
          try {
            expect(typeof decodeBytes(bytes, name, { target: v })).toBe('string');
          } catch (e) {
            checkError(e, bytes, v, name);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decodeSource and detectEncoding over random sources with random cookies', () => {
    const cookie = fc
      .constantFrom('', '# coding: ', '#!x\n# -*- coding: ', '\xef\xbb\xbf# coding=')
      .chain((pre) =>
        fc.constantFrom(...names.slice(0, 400), 'bogus', 'latin-1-x').map((n) => (pre ? `${pre}${n}\n` : '')),
      );
    assertSeeded(
      fc.property(cookie, fc.uint8Array({ maxLength: 80 }), fc.constantFrom(...versions), (head, tail, v) => {
        const bytes = new Uint8Array([...Buffer.from(head, 'latin1'), ...tail]);
        try {
          expect(typeof decodeSource(bytes, { target: v })).toBe('string');
        } catch (e) {
          checkError(e, bytes, v);
        }
        try {
          const r = detectEncoding(bytes, { target: v, filename: 'f.py' });
          expect(r.lines.length).toBeLessThanOrEqual(2);
        } catch (e) {
          checkError(e, bytes, v);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe(`fuzz: agreement with independent references ${SEED_NOTE}`, () => {
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  it('utf-8: same text as a fatal TextDecoder; on error, the bytes before `start` are valid', () => {
    const utf8ish = fc
      .array(
        fc.oneof(
          fc.integer({ min: 0, max: 255 }).map((b) => [b]),
          fc
            .integer({ min: 0, max: 0x10ffff })
            .filter((cp) => cp < 0xd800 || cp > 0xdfff)
            .map((cp) => [...Buffer.from(String.fromCodePoint(cp))]),
        ),
        { maxLength: 40 },
      )
      .map((xs) => new Uint8Array(xs.flat()));
    assertSeeded(
      fc.property(utf8ish, (bytes) => {
        let want: string | null = null;
        try {
          want = fatal.decode(bytes);
        } catch {
          /* invalid */
        }
        try {
          const got = decodeBytes(bytes, 'utf-8');
          expect(got).toBe(want);
        } catch (e) {
          expect(want).toBeNull();
          const err = e as UnicodeDecodeError;
          expect(() => fatal.decode(bytes.subarray(0, err.start))).not.toThrow();
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('round trips: text encoded as UTF-8 (with BOM for utf-8-sig), UTF-16 and UTF-32 (LE, BE, with BOM) decodes back', () => {
    const text = fc
      .array(
        fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff),
        { maxLength: 60 },
      )
      .map((cps) => String.fromCodePoint(...cps));
    const units = (s: string, be: boolean) => {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const u = s.charCodeAt(i);
        out[2 * i + (be ? 0 : 1)] = u >> 8;
        out[2 * i + (be ? 1 : 0)] = u & 0xff;
      }
      return out;
    };
    const ucs4 = (s: string, be: boolean) => {
      const cps = [...s].map((c) => c.codePointAt(0) as number);
      const out = new Uint8Array(cps.length * 4);
      const view = new DataView(out.buffer);
      cps.forEach((cp, i) => view.setUint32(4 * i, cp, !be));
      return out;
    };
    const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
    assertSeeded(
      fc.property(text, (s) => {
        expect(decodeBytes(new TextEncoder().encode(s), 'utf-8')).toBe(s);
        expect(decodeBytes(cat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(s)), 'utf-8-sig')).toBe(s);
        expect(decodeBytes(units(s, false), 'utf-16-le')).toBe(s);
        expect(decodeBytes(units(s, true), 'utf-16-be')).toBe(s);
        expect(decodeBytes(cat(new Uint8Array([0xfe, 0xff]), units(s, true)), 'utf-16')).toBe(s);
        // Without a BOM, 'utf-16' reads little-endian, unless the text itself starts with what reads as one.
        if (!/^[\ufeff\ufffe]/.test(s)) expect(decodeBytes(units(s, false), 'utf-16')).toBe(s);
        expect(decodeBytes(units(`\ufeff${s}`, false), 'utf-16')).toBe(s);
        expect(decodeBytes(ucs4(s, false), 'utf-32-le')).toBe(s);
        expect(decodeBytes(ucs4(s, true), 'utf-32-be')).toBe(s);
        expect(decodeBytes(cat(new Uint8Array([0, 0, 0xfe, 0xff]), ucs4(s, true)), 'utf-32')).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodeSource of cookie-free UTF-8 = TextDecoder + universal newlines (final CR dropped up to 3.14)', () => {
    assertSeeded(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\u00e9', '\u20ac', '\u{1f600}', '#', '\t') }),
        fc.constantFrom(...versions),
        (text, v) => {
          const bytes = new TextEncoder().encode(`x\n${text}`);
          let want = fatal.decode(bytes);
          if (Number(v.slice(2)) <= 14 && want.endsWith('\r')) want = want.slice(0, -1);
          want = want.replace(/\r\n?/g, '\n');
          expect(decodeSource(bytes, { target: v })).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
