// Re-derives a sample live from the interpreters (Pyodide's CPython 3.14 always; pyenv's CPython when installed)
// and compares with decodeBytes / decodeSource: random cases from a fixed seed and from a fresh one each run
// (helpers/seeds.ts; printed, PYCACHE_SEED=<seed> replays it). Also checks the stdlib fixture against the files on disk.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeSource } from '../../src/index.js';
import { codecModules } from '../../src/codecs/registry.js';
import { loadFixture, outcome, utf8SurrogatePass } from '../helpers/codecs-fixtures.js';
import type { Answer } from '../helpers/codecs-fixtures.js';
import { SEED_NOTE, SEEDS, seededRandom } from '../helpers/seeds.js';

const here = fileURLToPath(new URL('../../scripts/fixtures/', import.meta.url));
/** `n` cases, half from each seed. */
const perSeed = <T>(n: number, sample: (seed: number, n: number) => T[]): T[] =>
  SEEDS.flatMap((seed) => sample(seed, Math.ceil(n / SEEDS.length)));

function sampleCases(total: number): [string, string][] {
  return perSeed(total, sampleCasesFrom);
}

function sampleCasesFrom(seed: number, n: number): [string, string][] {
  const r = seededRandom(seed);
  const mods = codecModules(14).filter((m) => !/_codec$|^(rot_13|aliases|mbcs|oem|_win_cp_codecs)$/.test(m));
  const cases: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const len = Math.floor(r() * 24);
    const bytes = Array.from({ length: len }, () => (r() < 0.4 ? Math.floor(r() * 128) : Math.floor(r() * 256)));
    cases.push([mods[Math.floor(r() * mods.length)], Buffer.from(bytes).toString('hex')]);
  }
  return cases;
}

function sampleSources(total: number): string[] {
  return perSeed(total, sampleSourcesFrom);
}

function sampleSourcesFrom(seed: number, n: number): string[] {
  const r = seededRandom(seed + 1);
  const heads = [
    '',
    '# coding: latin-1\n',
    '#!x\n# -*- coding: cp1252 -*-\r\n',
    '\xef\xbb\xbf',
    '# coding: utf-16\n',
    '# coding: koi8-r\n',
    '#\n#coding=shift_jis\n',
  ];
  return Array.from({ length: n }, () => {
    const head = Buffer.from(heads[Math.floor(r() * heads.length)], 'latin1');
    const tail = Array.from(
      { length: Math.floor(r() * 20) },
      () => [0x0d, 0x0a, 0x41, 0xe9, 0x81, 0x00, Math.floor(r() * 256)][Math.floor(r() * 7)],
    );
    return Buffer.concat([head, Buffer.from(tail)]).toString('hex');
  });
}

/** Every text codec module (the round trips' subjects). */
const ROUND_TRIP_CODECS = codecModules(14).filter(
  (m) => !/_codec$|^(rot_13|aliases|mbcs|oem|_win_cp_codecs|unicode_internal)$/.test(m),
);

/** Python's len(): code points, not UTF-16 units. */
const codePoints = (s: string) => s.length - (s.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);

const plain = (a: Answer) =>
  a.error === 'UnicodeDecodeError' ? a : a.error ? { error: a.error, message: a.message } : a;

describe(`live comparison with the interpreters ${SEED_NOTE}`, () => {
  it('Pyodide (CPython 3.14): bytes.decode and decode_source on a fresh random sample', async () => {
    const { loadPyodide } = await import('pyodide');
    const py = await loadPyodide();
    const run = (script: string, request: unknown) => {
      py.globals.set('REQUEST_JSON', JSON.stringify(request));
      py.runPython(readFileSync(`${here}${script}`, 'utf8'));
      return JSON.parse(py.runPython('import json as _j\n_j.dumps(main(_j.loads(REQUEST_JSON)))') as string);
    };
    const cases = sampleCases(400);
    const answers = run('codecs-decode.py', { cases }) as Answer[];
    cases.forEach(([enc, hex], i) => {
      expect(
        plain(outcome(() => decodeBytes(Buffer.from(hex, 'hex'), enc, { target: '3.14' }))),
        `${enc} ${hex}`,
      ).toEqual(answers[i]);
    });
    const sources = sampleSources(150);
    const src = run('codecs-source.py', { cases: sources }) as { cases: { decode_source: Answer }[] };
    sources.forEach((hex, i) => {
      expect(plain(outcome(() => decodeSource(Buffer.from(hex, 'hex'), { target: '3.14' }))), hex).toEqual(
        src.cases[i].decode_source,
      );
    });
  });

  it('Pyodide (CPython 3.14): large round trips, a random 10,000-character text of every text codec per seed', async () => {
    const { loadPyodide } = await import('pyodide');
    const py = await loadPyodide();
    const request = (seed: number) => JSON.stringify({ codecs: ROUND_TRIP_CODECS, seed, chars: 10_000 });
    // Set before the script runs: without REQUEST_JSON it reads its request from stdin (and would wait there).
    py.globals.set('REQUEST_JSON', request(SEEDS[0]));
    py.runPython(readFileSync(`${here}codecs-roundtrip.py`, 'utf8'));
    const answers = SEEDS.flatMap((seed) => {
      py.globals.set('REQUEST_JSON', request(seed));
      return JSON.parse(py.runPython('import json as _j\n_j.dumps(main(_j.loads(REQUEST_JSON)))') as string) as [
        string,
        string | null,
        string | null,
        number | null,
      ][];
    });
    const checked = answers.filter(([, hex]) => hex !== null);
    // Every codec of the issue's list has such a text; only oddities (undefined, punycode, idna…) may lack one.
    expect(checked.length).toBeGreaterThanOrEqual(95 * SEEDS.length);
    const misses = checked.flatMap(([codec, hex, sha1, length]) => {
      const text = decodeBytes(Buffer.from(hex as string, 'hex'), codec, { target: '3.14' });
      // Compared as UTF-16 code units, as the oracle hashes them: a lone surrogate survives on both sides.
      const got = [createHash('sha1').update(Buffer.from(text, 'utf16le')).digest('hex'), text.length];
      return got[0] === sha1 && got[1] === length
        ? []
        : [
            `${codec}: ${length} UTF-16 units from CPython, ${got[1]} from decodeBytes${got[1] === length ? ' (same length, other text)' : ''}`,
          ];
    });
    expect(misses).toEqual([]);
  });

  const python = (() => {
    try {
      return `${execFileSync('pyenv', ['prefix', '3.12.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}/bin/python3`;
    } catch {
      return null;
    }
  })();
  it.skipIf(!python)(
    `pyenv CPython 3.12: the same kind of sample${python ? '' : ' (skipped: pyenv 3.12.1 is not installed)'}`,
    () => {
      const cases = sampleCases(400);
      const answers = JSON.parse(
        execFileSync(python as string, [`${here}codecs-decode.py`], {
          input: JSON.stringify({ cases }),
          encoding: 'utf8',
        }),
      ) as Answer[];
      cases.forEach(([enc, hex], i) => {
        expect(
          plain(outcome(() => decodeBytes(Buffer.from(hex, 'hex'), enc, { target: '3.12' }))),
          `${enc} ${hex}`,
        ).toEqual(answers[i]);
      });
    },
  );
});

describe("the interpreters' own standard libraries (fixtures/decode/stdlib.json.gz)", () => {
  const { versions } = loadFixture<{
    versions: Record<string, { pyenv: string; files: Record<string, Answer & { sha1?: string }> }>;
  }>('decode/stdlib.json.gz');
  for (const [minor, { pyenv, files }] of Object.entries(versions)) {
    const root = (() => {
      try {
        return `${execFileSync('pyenv', ['prefix', pyenv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}/lib/python${minor}`;
      } catch {
        return null;
      }
    })();
    const present = root !== null && existsSync(root);
    it.skipIf(!present)(
      `${minor}: decodeSource of ${Object.keys(files).length} stdlib files${present ? '' : ` (skipped: pyenv ${pyenv} is not installed)`}`,
      () => {
        const misses: string[] = [];
        for (const [rel, want] of Object.entries(files)) {
          const got = outcome(() => decodeSource(readFileSync(`${root}/${rel}`), { target: minor }));
          const answer =
            'ok' in got
              ? {
                  sha1: createHash('sha1')
                    .update(utf8SurrogatePass(got.ok as string))
                    .digest('hex'),
                  len: codePoints(got.ok as string),
                }
              : { error: got.error, message: got.message };
          if (JSON.stringify(answer) !== JSON.stringify(want))
            misses.push(`${rel}: want ${JSON.stringify(want)} got ${JSON.stringify(answer)}`);
        }
        expect(misses).toEqual([]);
      },
    );
  }
});
