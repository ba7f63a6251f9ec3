import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSource, detectEncoding, setWarningHandler } from '../../src/index.js';
import { runEverywhere } from '../../scripts/fixtures/codecs-oracle.mjs';
import { outcome } from '../helpers/codecs-fixtures.js';
import type { Answer } from '../helpers/codecs-fixtures.js';
import { FRESH_SEED } from '../helpers/seeds.js';

// Random Python sources nobody chose by hand (BOMs, coding cookies in every spelling and place, odd codec names,
// newline kinds, undecodable and NUL bytes), answered by every interpreter on the machine (Pyodide's 3.14 and
// 3.15 always, pyenv's 3.6-3.13 where installed) and compared with decodeSource and detectEncoding. Seeded.

const FILENAME = "dir/it's.py";
const codecName = fc.constantFrom(
  'utf-8',
  'utf8',
  'UTF-8',
  'utf_8',
  'U8',
  'utf',
  'utf-8-sig',
  'UTF8-sig',
  'utf-8-foo',
  'cp65001',
  'latin-1',
  'Latin-1',
  'latin1',
  'l1',
  'iso-8859-1',
  'iso-latin-1',
  'latin-1-bar',
  'iso8859-15',
  'cp1252',
  'ascii',
  'us-ascii',
  'koi8-r',
  'mac-roman',
  'cp437',
  'shift_jis',
  'euc-jp',
  'euc_kr',
  'gbk',
  'big5',
  'hz',
  'iso2022_jp',
  'x-mac-japanese',
  'utf-16',
  'utf-16-le',
  'utf-32',
  'utf-7',
  'idna',
  'punycode',
  'unicode-escape',
  'raw-unicode-escape',
  'undefined',
  'mbcs',
  'rot13',
  'hex',
  'base64',
  'zlib',
  'bogus',
);
const line = fc.oneof(
  codecName.map((n) => `# -*- coding: ${n} -*-`),
  codecName.map((n) => `# coding=${n}`),
  codecName.map((n) => `#coding:${n}`),
  codecName.map((n) => `# vim: set fileencoding=${n} :`),
  codecName.map((n) => `  # coding: ${n}`),
  codecName.map((n) => `\f# coding: ${n}`),
  codecName.map((n) => `x = 1 # coding: ${n}`),
  codecName.map((n) => `# coding: ${n}x`),
  codecName.map((n) => `# coding: ${n} \xe9`),
  fc.constantFrom('#!/usr/bin/python', '# comment', '', '   ', '\\', 'pass', '#\xe9'),
);
const newline = fc.constantFrom('\n', '\r\n', '\r', '\n', '');
const bodyByte = fc.oneof(
  fc.constantFrom(0x41, 0x0a, 0x0d, 0xe9, 0xc3, 0xa9, 0x81, 0x00, 0x23, 0x80, 0xff, 0xef, 0xbb, 0xbf, 0x5c, 0x0c),
  fc.integer({ min: 0, max: 255 }),
);
const source = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, newline), { maxLength: 2 }), fc.array(bodyByte, { maxLength: 12 }))
  .map(([bom, lines, body]) => {
    const head = (bom ? '\xef\xbb\xbf' : '') + lines.map(([l, n]) => l + n).join('');
    return Buffer.concat([Buffer.from(head, 'latin1'), Uint8Array.from(body)]).toString('hex');
  });
// 1000 cases from a fixed seed (the same every run) and 200 from this run's fresh seed (helpers/seeds.ts).
const cases = [
  ...fc.sample(source, { numRuns: 1000, seed: 263 }),
  ...fc.sample(source, { numRuns: 200, seed: FRESH_SEED }),
];

/** The fixture's shape: a UnicodeDecodeError keeps its fields, other errors are class and message. */
const plain = (a: Answer) =>
  a.error === 'UnicodeDecodeError' ? a : a.error ? { error: a.error, message: a.message } : a;
const detect = (bytes: Uint8Array, version: string, filename: string | null) => {
  const r = detectEncoding(bytes, { target: version, filename });
  return { encoding: r.encoding, lines: r.lines.map((l) => Buffer.from(l).toString('hex')) };
};

beforeAll(() => {
  setWarningHandler(() => {});
});
afterAll(() => {
  setWarningHandler(null);
});

describe(`decoding sources, random inputs, live against every interpreter on this machine (seeds 263 fixed and ${FRESH_SEED} fresh; replay with PYCACHE_SEED=${FRESH_SEED})`, () => {
  it(`decodeSource and detectEncoding = decode_source and tokenize.detect_encoding on ${cases.length} random sources`, async () => {
    type Answers = { cases: { decode_source: Answer; detect: Answer; detect_named: Answer }[] };
    const script = new URL('../../scripts/fixtures/codecs-source.py', import.meta.url).pathname;
    const byVersion = (await runEverywhere(script, { cases, filename: FILENAME })) as Record<string, Answers>;
    expect(Object.keys(byVersion)).toEqual(expect.arrayContaining(['3.14', '3.15']));
    const misses: string[] = [];
    let compared = 0;
    for (const [version, answers] of Object.entries(byVersion)) {
      answers.cases.forEach((want, i) => {
        const bytes = Buffer.from(cases[i], 'hex');
        const got = {
          decode_source: plain(outcome(() => decodeSource(bytes, { target: version }))),
          detect: outcome(() => detect(bytes, version, null)),
          detect_named: outcome(() => detect(bytes, version, FILENAME)),
        };
        for (const key of ['decode_source', 'detect', 'detect_named'] as const) {
          compared++;
          const expected = key === 'decode_source' ? plain(want[key]) : want[key];
          if (JSON.stringify(got[key]) !== JSON.stringify(expected)) {
            misses.push(
              `[${version}] ${key} ${cases[i]}\n  want ${JSON.stringify(expected)}\n  got  ${JSON.stringify(got[key])}`,
            );
          }
        }
      });
    }
    expect(compared).toBeGreaterThanOrEqual(cases.length * 3 * 2);
    expect(misses.slice(0, 10).join('\n')).toBe('');
  }, 600_000);
});
