import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWarningHandler } from '../../../src/index.js';
import type { PythonWarning } from '../../../src/index.js';
import { comparable, coreAnswer, loadPathAnswers, targetFor } from '../../helpers/path-answers.js';

const { interpreters, cases } = loadPathAnswers();
const warnings: PythonWarning[] = [];

beforeAll(() => {
  setWarningHandler((w) => warnings.push(w));
});
afterAll(() => {
  setWarningHandler(null);
});

describe(`bytecode paths agree with ${interpreters.length} interpreters (fixtures/paths)`, () => {
  it('the fixtures cover every version 3.6-3.15 plain, -O and -OO', () => {
    const keys = new Set(cases.flatMap((c) => Object.keys(c.expect)));
    for (const v of ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15']) {
      for (const suffix of ['', '-O', '-OO']) expect(keys.has(v + suffix), v + suffix).toBe(true);
    }
  });

  for (const fn of ['facts', 'cache_from_source', 'source_from_cache', 'source_hash', 'isalnum'] as const) {
    it(`${fn}: every case, every interpreter`, () => {
      const misses: string[] = [];
      let compared = 0;
      for (const c of cases.filter((x) => x.fn === fn)) {
        for (const [key, answer] of Object.entries(c.expect)) {
          const want = comparable(answer);
          if (!want) continue;
          compared++;
          const got = coreAnswer(c, targetFor(key, c.env));
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            misses.push(
              `[${key}] ${JSON.stringify(c.args)} ${JSON.stringify(c.env ?? {})}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`,
            );
          }
        }
      }
      expect(compared).toBeGreaterThan(0);
      expect(misses.slice(0, 10).join('\n')).toBe('');
    });
  }

  it('debugOverride warns (DeprecationWarning) wherever CPython did', () => {
    const c = cases.find(
      (x) => x.fn === 'cache_from_source' && x.args.debug_override === true && !('optimization' in x.args),
    );
    const answer = c?.expect['3.12'];
    expect(answer && 'warnings' in answer ? answer.warnings : []).toEqual(['DeprecationWarning']);
    warnings.length = 0;
    setWarningHandler((w) => warnings.push(w));
    coreAnswer(c!, targetFor('3.12', c!.env));
    expect(warnings.map((w) => w.category)).toEqual(['DeprecationWarning']);
  });
});
