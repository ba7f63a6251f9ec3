// unicode_escape's \N{NAME} with each version's Unicode name database (names, aliases, computed CJK and Hangul
// names; named sequences refused), against every interpreter (fixtures/codecs/unicode-names.json.gz, written by
// scripts/generate-codec-gap-fixtures.mjs).
import { describe, expect, it } from 'vitest';
import { decodeBytes, setWarningHandler } from '../../../src/index.js';
import { fromHex, loadFixture, outcome, perVersion } from '../../helpers/codecs-fixtures.js';
import type { Answer, Grouped } from '../../helpers/codecs-fixtures.js';

setWarningHandler(() => {});

interface Case {
  input: string;
  answers: Grouped;
}
const { cases } = loadFixture<{ cases: Case[] }>('codecs/unicode-names.json.gz');

describe('\\N{NAME} (fixtures/codecs/unicode-names.json.gz)', () => {
  it(`bytes.decode('unicode_escape') on ${cases.length} escapes, every version`, () => {
    const misses: string[] = [];
    let checked = 0;
    let decoded = 0;
    for (const c of cases) {
      const bytes = fromHex(c.input);
      for (const [v, want] of perVersion(c.answers)) {
        checked++;
        if ('ok' in want) decoded++;
        const got: Answer = outcome(() => decodeBytes(bytes, 'unicode_escape', { target: v }));
        if (JSON.stringify(got) !== JSON.stringify(want) && misses.length < 20) {
          misses.push(
            `[${v}] ${Buffer.from(bytes).toString('latin1')}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`,
          );
        }
      }
    }
    expect(misses).toEqual([]);
    expect(checked).toBeGreaterThan(cases.length * 9);
    // most escapes name a character somewhere (the fixture is not all errors)
    expect(decoded).toBeGreaterThan(checked / 3);
  });

  it('a name added in a later Unicode version is unknown before it', () => {
    const cjkExtI = new TextEncoder().encode('\\N{CJK UNIFIED IDEOGRAPH-2EBF0}');
    expect(decodeBytes(cjkExtI, 'unicode_escape', { target: '3.13' })).toBe('\u{2ebf0}');
    expect(() => decodeBytes(cjkExtI, 'unicode_escape', { target: '3.12' })).toThrow('unknown Unicode character name');
  });
});

describe("\\N{NAME} before 3.6 (no interpreter: reasoned from What's New)", () => {
  it('name aliases are accepted from 3.3 on, as CPython 3.3 added them', () => {
    const alias = new TextEncoder().encode('\\N{BYTE ORDER MARK}');
    expect(decodeBytes(alias, 'unicode_escape', { target: '3.3' })).toBe('\ufeff');
    expect(() => decodeBytes(alias, 'unicode_escape', { target: '3.2' })).toThrow('unknown Unicode character name');
    expect(
      decodeBytes(new TextEncoder().encode('\\N{ZERO WIDTH NO-BREAK SPACE}'), 'unicode_escape', { target: '3.2' }),
    ).toBe('\ufeff');
  });
});
