// idna's nameprep (stringprep on Unicode 3.2.0) and unicodedata.ucd_3_2_0.normalize('NFKC') on random strings,
// against every interpreter (fixtures/codecs/nameprep.json.gz, written by scripts/generate-codec-gap-fixtures.mjs).
import { describe, expect, it } from 'vitest';
import { IdnaLabelError } from '../../../src/codecs/idna-label-error.js';
import { nameprep, nfkc32 } from '../../../src/codecs/nameprep.js';
import { perVersion, loadFixture } from '../../helpers/codecs-fixtures.js';
import type { Answer, Grouped } from '../../helpers/codecs-fixtures.js';

interface Case {
  input: number[];
  answers: Grouped;
}
const { cases } = loadFixture<{ cases: Case[] }>('codecs/nameprep.json.gz');

/** What CPython's exception says, from our IdnaLabelError: 3.13+ a UnicodeEncodeError, before a UnicodeError. */
function asPython(e: unknown, minor: number): Answer {
  if (!(e instanceof IdnaLabelError) || !e.label) throw e;
  const prepped = e.label;
  if (minor <= 12) return { error: 'UnicodeError', message: e.reason };
  const cp = prepped[e.start];
  const what =
    e.end === e.start + 1
      ? `character '${cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`}' in position ${e.start}`
      : `characters in position ${e.start}-${e.end - 1}`;
  return { error: 'UnicodeEncodeError', message: `'idna' codec can't encode ${what}: ${e.reason}` };
}

describe('nameprep and NFKC on Unicode 3.2.0 (fixtures/codecs/nameprep.json.gz)', () => {
  it(`${cases.length} random strings, every version`, () => {
    const misses: string[] = [];
    let checked = 0;
    for (const c of cases) {
      for (const [v, want] of perVersion(c.answers)) {
        const minor = Number(v.slice(2));
        const w = want as { nfkc: number[]; nameprep: Answer };
        checked++;
        const nfkc = nfkc32(c.input, minor);
        let got: Answer;
        try {
          got = { ok: nameprep(c.input, minor) };
        } catch (e) {
          got = asPython(e, minor);
        }
        if (
          (JSON.stringify(nfkc) !== JSON.stringify(w.nfkc) || JSON.stringify(got) !== JSON.stringify(w.nameprep)) &&
          misses.length < 20
        ) {
          misses.push(
            `[${v}] ${JSON.stringify(c.input)}\n  want ${JSON.stringify(w)}\n  got  ${JSON.stringify({ nfkc, nameprep: got })}`,
          );
        }
      }
    }
    expect(misses).toEqual([]);
    expect(checked).toBeGreaterThan(cases.length * 9);
  });
});
