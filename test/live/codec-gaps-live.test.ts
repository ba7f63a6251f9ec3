// idna xn-- labels and \N{NAME} re-derived live from the interpreters (Pyodide's CPython 3.14 always, pyenv's
// 3.12 when installed) on inputs from two fixed seeds and one fresh seed, printed so that a failure can be
// replayed with CODEC_GAPS_SEED=<seed>. Labels are built by the interpreter's own punycode encoder and names come
// from its own database, so a failure is a real difference from CPython.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBytes, setWarningHandler } from '../../src/index.js';
import { idnaTexts, mutateLabel, nameVariants, prng } from '../../scripts/fixtures/codec-gaps-inputs.mjs';
import { pyenvPython, runPyenv, runPyodide } from '../../scripts/fixtures/codecs-oracle.mjs';
import { outcome } from '../helpers/codecs-fixtures.js';

setWarningHandler(() => {});

const oracle = fileURLToPath(new URL('../../scripts/fixtures/codec-gaps.py', import.meta.url));
const fresh = Number(process.env.CODEC_GAPS_SEED ?? Date.now() % 1_000_000);
const SEEDS = [11, 12, fresh];
const latin1 = (s: string) => Buffer.from(s, 'latin1').toString('hex');

interface Oracle {
  decode?: unknown[];
  punycode?: string[];
  names?: (string | null)[];
  aliases?: string[];
}
type Ask = (request: unknown) => Promise<Oracle>;

async function check(ask: Ask, version: string, seed: number) {
  const rand = prng(seed);
  const texts = idnaTexts(rand, 150);
  const labels = (await ask({ punycode: texts })).punycode?.map((h) => Buffer.from(h, 'hex').toString('latin1')) ?? [];
  const idna: string[] = [];
  for (const l of labels)
    idna.push(l, mutateLabel(rand, l), `${l}.${labels[Math.floor(rand() * labels.length)]}${rand() < 0.3 ? '.' : ''}`);
  const cps = Array.from({ length: 300 }, () =>
    rand() < 0.5 ? Math.floor(rand() * 0x10000) : Math.floor(rand() * 0x40000),
  );
  const names = (await ask({ names: cps })).names ?? [];
  const escapes = nameVariants(
    rand,
    cps.flatMap((cp, i): [number, string][] => (names[i] ? [[cp, names[i] as string]] : [])),
    [],
  );
  // raw_unicode_escape has no \N{...}: it keeps the escape as text
  const cases: [string, string][] = [
    ...idna.map((s): [string, string] => ['idna', s]),
    ...escapes.map((s): [string, string] => ['unicode_escape', s]),
    ...escapes.slice(0, 50).map((s): [string, string] => ['raw_unicode_escape', s]),
  ];
  const answers = (await ask({ decode: cases.map(([e, s]) => [e, latin1(s)]) })).decode ?? [];
  expect(answers.length).toBe(cases.length);
  const misses: string[] = [];
  cases.forEach(([encoding, s], i) => {
    const got = outcome(() => decodeBytes(Uint8Array.from(Buffer.from(s, 'latin1')), encoding, { target: version }));
    if (JSON.stringify(got) !== JSON.stringify(answers[i]) && misses.length < 10) {
      misses.push(
        `${encoding} ${JSON.stringify(s)}\n  want ${JSON.stringify(answers[i])}\n  got  ${JSON.stringify(got)}`,
      );
    }
  });
  expect(misses, `seed ${seed} (replay: CODEC_GAPS_SEED=${seed})`).toEqual([]);
}

describe(`idna and \\N{...} live against the interpreters (fresh seed ${fresh})`, () => {
  it('Pyodide (CPython 3.14)', async () => {
    for (const seed of SEEDS)
      await check(async (r) => (await runPyodide('pyodide', oracle, r)) as Oracle, '3.14', seed);
  }, 300_000);

  it.runIf(pyenvPython('3.12.1') !== null)(
    'pyenv CPython 3.12',
    async () => {
      for (const seed of SEEDS) await check(async (r) => runPyenv('3.12.1', oracle, r) as Oracle, '3.12', seed);
    },
    300_000,
  );
});
