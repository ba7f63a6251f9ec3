// idna's xn-- labels (ToUnicode with nameprep and the round-trip check), the 1024-character label limit and
// 3.15's incremental decoder in decode_source, against every interpreter's answers
// (fixtures/codecs/idna.json.gz, written by scripts/generate-codec-gap-fixtures.mjs).
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeSource, setWarningHandler } from '../../../src/index.js';
import { fromHex, loadFixture, outcome, perVersion } from '../../helpers/codecs-fixtures.js';
import type { Answer, Grouped } from '../../helpers/codecs-fixtures.js';

setWarningHandler(() => {});

interface Case {
  input: string;
  answers: Grouped;
}
const fixture = loadFixture<{ decode: Case[]; source: Case[] }>('codecs/idna.json.gz');

function compare(cases: Case[], run: (bytes: Uint8Array, version: string) => unknown) {
  const misses: string[] = [];
  let checked = 0;
  for (const c of cases) {
    const bytes = fromHex(c.input);
    for (const [v, want] of perVersion(c.answers)) {
      checked++;
      const got: Answer = outcome(() => run(bytes, v));
      if (JSON.stringify(got) !== JSON.stringify(want) && misses.length < 20) {
        misses.push(
          `[${v}] ${JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 120))}\n  want ${JSON.stringify(want).slice(0, 400)}\n  got  ${JSON.stringify(got).slice(0, 400)}`,
        );
      }
    }
  }
  return { misses, checked };
}

describe('idna xn-- labels (fixtures/codecs/idna.json.gz)', () => {
  it(`bytes.decode('idna') on ${fixture.decode.length} inputs, every version`, () => {
    const r = compare(fixture.decode, (b, v) => decodeBytes(b, 'idna', { target: v }));
    expect(r.misses).toEqual([]);
    expect(r.checked).toBeGreaterThan(fixture.decode.length * 9);
  });

  it(`decode_source of '# coding: idna' sources (${fixture.source.length}), every version`, () => {
    const r = compare(fixture.source, (b, v) => decodeSource(b, { target: v }));
    expect(r.misses).toEqual([]);
  });

  it('the examples: an xn-- label that is not a whole label stays; one that is raises what punycode raises', () => {
    const src = new TextEncoder().encode('# coding: idna\nxn--mnchen-3ya = 1\n');
    expect(decodeSource(src, { target: '3.12' })).toBe('# coding: idna\nxn--mnchen-3ya = 1\n');
    expect(decodeBytes(new TextEncoder().encode('xn--mnchen-3ya.xn--bcher-kva'), 'idna', { target: '3.12' })).toBe(
      'münchen.bücher',
    );
    const line = new TextEncoder().encode('xn--mnchen-3ya.xn--bcher-kva = 1\n');
    expect(() => decodeBytes(line, 'idna', { target: '3.12' })).toThrow("Invalid extended code point ' '");
  });
});
