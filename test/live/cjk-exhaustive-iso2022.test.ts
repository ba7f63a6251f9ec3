// ISO 2022 and hz: every two bytes after each escape-sequence prefix and designation, against CPython's
// digests (fixtures/cjk/digests.json.gz, identical on all interpreters).
import { describe, expect, it } from 'vitest';
import { type DigestCase, digestMismatches, loadCjkFixture, withoutStacks } from '../helpers/cjk-helpers.js';

const { cases, versions } = loadCjkFixture<{ cases: DigestCase[]; versions: string[] }>('digests.json.gz');
// The escape-parsing prefixes (ESC, ESC $, ESC $ (, ...) exercise code the ISO 2022 codecs share; by default
// they are checked on the three codecs whose flags differ (iso2022_kr: shifts; iso2022_jp: JIS X 0208:1990
// prefix; iso2022_jp_2: G2), every designation on every codec. CJK_EXHAUSTIVE=1 checks all of them.
const GENERIC = new Set(['1b', '1b24', '1b2428', '1b2429', '1b26', '1b2640', '1b26401b', '1b2e']);
const FLAG_CODECS = new Set(['iso2022_kr', 'iso2022_jp', 'iso2022_jp_2', 'hz']);
const all = process.env.CJK_EXHAUSTIVE === '1';
const stateful = cases.filter(
  (c) =>
    (c.codec.startsWith('iso2022') || c.codec === 'hz') && (all || !GENERIC.has(c.prefix) || FLAG_CODECS.has(c.codec)),
);

describe(`ISO 2022 and hz, exhaustive after each prefix (CPython ${versions.join(', ')})`, () => {
  it('has the cases', () => expect(stateful.length).toBeGreaterThan(all ? 90 : 50));
  for (const kase of stateful) {
    it(`${kase.codec} after ${JSON.stringify(kase.prefix)}: every two bytes`, () => {
      expect(withoutStacks(() => digestMismatches(kase))).toEqual([]);
    });
  }
});
