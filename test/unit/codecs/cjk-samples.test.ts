// Random and edge-case byte strings per CJK codec, and CPython's own Lib/test/cjkencodings texts, against
// CPython's answers (fixtures/cjk/samples.json.gz: text, or UnicodeDecodeError encoding/start/end/reason/
// message, identical on every interpreter asked, and iso2022_jp_2's RuntimeError whose message changed in 3.12).
import { describe, expect, it } from 'vitest';
import { getCjkDecoder } from '../../../src/codecs/cjk/index.js';
import { UnicodeDecodeError } from '../../../src/errors.js';
import { answerOf, decoderFor, fromHex, loadCjkFixture, type Sample } from '../../helpers/cjk-helpers.js';

interface Samples {
  versions: string[];
  runtimeMessages: Record<string, string>;
  samples: Sample[];
}
const { samples, versions, runtimeMessages } = loadCjkFixture<Samples>('samples.json.gz');
const codecs = [...new Set(samples.map((s) => s.codec))];

describe(`CJK samples (CPython ${versions.join(', ')})`, () => {
  it("covers the 24 codecs, and CPython's test texts", () => {
    expect(codecs.length).toBe(24);
    // 15 texts, several decoded by more than one codec (scripts/generate-cjk-fixtures.mjs, corpusSamples).
    expect(samples.filter((s) => s.source).length).toBeGreaterThanOrEqual(15);
  });

  for (const codec of codecs) {
    it(`${codec}: ${samples.filter((s) => s.codec === codec).length} samples`, () => {
      const decode = decoderFor(codec);
      const mismatches: string[] = [];
      for (const s of samples.filter((x) => x.codec === codec)) {
        const got = answerOf(decode, fromHex(s.hex));
        const want = s.error === 'RuntimeError' ? { error: 'RuntimeError', message: runtimeMessages['15'] } : s;
        const { codec: _c, hex: _h, source, ...expected } = want as Sample;
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          mismatches.push(
            `${source ?? s.hex.slice(0, 80)}: ${JSON.stringify(got).slice(0, 200)} != ${JSON.stringify(expected).slice(0, 200)}`,
          );
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }

  it("iso2022_jp_2's internal codec error has each version's message", () => {
    const bytes = fromHex('1b2e4a1b4e61'); // ESC . J ESC N a
    for (const [minor, message] of Object.entries(runtimeMessages)) {
      expect(answerOf(decoderFor('iso2022_jp_2', Number(minor)), bytes)).toEqual({ error: 'RuntimeError', message });
    }
    expect(Object.keys(runtimeMessages).length).toBeGreaterThan(0);
  });

  it('throws the core UnicodeDecodeError class', () => {
    // b'\x80'.decode('gbk'): the trap listed in the issue.
    const decode = decoderFor('gbk');
    expect(() => decode(Uint8Array.of(0x80))).toThrow(UnicodeDecodeError);
    expect(() => decode(Uint8Array.of(0x80))).toThrow(
      "'gbk' codec can't decode byte 0x80 in position 0: incomplete multibyte sequence",
    );
  });

  it('knows exactly the CJK codec names', () => {
    for (const codec of codecs) expect(getCjkDecoder(codec)).toBeTypeOf('function');
    for (const other of ['utf_8', 'shift-jis', 'SHIFT_JIS', 'sjis', 'cp1252', '', 'euc_jp/3'])
      expect(getCjkDecoder(other)).toBeUndefined();
  });
});
