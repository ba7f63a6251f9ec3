// Every one- and two-byte input of the stateless CJK codecs, plus EUC code set 3, gb18030 four-byte and
// EUC-KR make-up sequences, against CPython's digests (fixtures/cjk/digests.json.gz, from all interpreters).
import { describe, expect, it } from 'vitest';
import { type DigestCase, digestMismatches, loadCjkFixture, withoutStacks } from '../helpers/cjk-helpers.js';

const { cases, versions } = loadCjkFixture<{ cases: DigestCase[]; versions: string[] }>('digests.json.gz');
const stateless = cases.filter((c) => !c.codec.startsWith('iso2022') && c.codec !== 'hz');

describe(`stateless CJK codecs, exhaustive (CPython ${versions.join(', ')})`, () => {
  it('has the cases', () => expect(stateless.length).toBeGreaterThan(30));
  for (const kase of stateless) {
    it(`${kase.codec} after ${JSON.stringify(kase.prefix)}: every lead and trail byte`, () => {
      expect(withoutStacks(() => digestMismatches(kase))).toEqual([]);
    });
  }
});
