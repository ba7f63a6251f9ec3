import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWarningHandler } from '../../src/index.js';
import { pyenvInterpreters } from '../../scripts/interpreters.mjs';
import { answerPathCases } from '../../scripts/path-oracle.mjs';
import type { Answer, PathCase } from '../helpers/path-answers.js';
import { comparable, coreAnswer, loadPathAnswers, targetFor } from '../helpers/path-answers.js';

// Re-derives a sample of the committed fixtures from the interpreters present now: Pyodide (3.14, 3.15) is a
// devDependency, so it always runs; pyenv's CPython 3.12/3.13 only where installed.
const { cases } = loadPathAnswers();
const sample = cases.filter((_, i) => i % 7 === 0 && cases[i].fn !== 'isalnum').map(({ expect: _e, ...c }) => c);
const pyenv = pyenvInterpreters().filter((i) => ['3.8', '3.13'].includes(i.version));

beforeAll(() => {
  setWarningHandler(() => {});
});
afterAll(() => {
  setWarningHandler(null);
});

describe('bytecode paths, live against the interpreters on this machine', () => {
  it('the live sample is a real one (300+ cases), and says which interpreters it can use', () => {
    if (pyenv.length === 0)
      console.warn('paths-live: no pyenv CPython 3.8/3.13 here; only Pyodide 3.14/3.15 re-derived live');
    expect(sample.length).toBeGreaterThan(300);
  });

  it(`core = interpreters now, ${sample.length} cases (Pyodide 3.14/3.15${pyenv.length ? ', pyenv ' + pyenv.map((i) => i.full).join(', ') : ''})`, async () => {
    const misses: string[] = [];
    const seen: string[] = [];
    await answerPathCases(
      sample,
      (key, answers) => {
        seen.push(key);
        (answers as Answer[]).forEach((answer, i) => {
          const want = comparable(answer);
          if (!want) return;
          const c = sample[i] as PathCase;
          const got = coreAnswer(c, targetFor(key, c.env));
          if (JSON.stringify(got) !== JSON.stringify(want))
            misses.push(`[${key}] ${JSON.stringify(c.args)} want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
        });
      },
      { versions: ['3.14', '3.15', ...pyenv.map((i) => i.version)] },
    );
    expect(seen).toEqual(expect.arrayContaining(['3.14', '3.14-O', '3.15', '3.15-OO']));
    expect(misses.slice(0, 10).join('\n')).toBe('');
  });

  it('the committed fixtures are what the interpreters answer now (Pyodide 3.14)', async () => {
    const committed = new Map(cases.map((c) => [JSON.stringify([c.fn, c.args, c.env ?? null]), c.expect]));
    const diffs: string[] = [];
    await answerPathCases(
      sample,
      (key, answers) => {
        (answers as Answer[]).forEach((answer, i) => {
          const c = sample[i];
          const old = committed.get(JSON.stringify([c.fn, c.args, c.env ?? null]))?.[key];
          if (JSON.stringify(old) !== JSON.stringify(answer)) diffs.push(`[${key}] ${JSON.stringify(c.args)}`);
        });
      },
      { versions: ['3.14'] },
    );
    expect(diffs.slice(0, 10)).toEqual([]);
  });
});
