// Re-derives a sample of the CJK fixtures live from CPython 3.14 (the `pyodide` npm package, which ships
// the _codecs_* modules): committed samples, fresh random inputs and two exhaustive digest cases, asked
// through the same scripts/fixtures/cjk-fixtures.py that wrote the fixtures.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  answerOf,
  type DigestCase,
  decoderFor,
  digestMismatches,
  fromHex,
  loadCjkFixture,
  type Sample,
  withoutStacks,
} from '../helpers/cjk-helpers.js';
import { FRESH_SEED } from '../helpers/seeds.js';

interface Py {
  runPython(code: string): unknown;
  globals: { set(name: string, value: unknown): void };
}
let py: Py;
beforeAll(async () => {
  const { loadPyodide } = await import('pyodide');
  py = (await loadPyodide({ stdout: () => {}, stderr: () => {} })) as unknown as Py;
});

const helper = readFileSync(new URL('../../scripts/fixtures/cjk-fixtures.py', import.meta.url), 'utf8');

/** Runs cjk-fixtures.py in Pyodide on a request. */
function ask(request: unknown): { version: string; digests: string[][]; samples: Partial<Sample>[] } {
  py.globals.set('__cjk_source', helper);
  py.globals.set('__cjk_input', JSON.stringify(request));
  const out = py.runPython(`
import io, sys
__cjk_out = io.StringIO()
__cjk_saved = (sys.stdout, sys.stdin)
sys.stdout, sys.stdin = __cjk_out, io.StringIO(__cjk_input)
try:
    exec(compile(__cjk_source, 'cjk-fixtures.py', 'exec'), {'__name__': '__main__'})
finally:
    sys.stdout, sys.stdin = __cjk_saved
__cjk_out.getvalue()
`) as string;
  return JSON.parse(out);
}

/** Deterministic pseudo-random bytes (mulberry32), so a failure reproduces. */
function randomInputs(count: number, seed: number): Uint8Array[] {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const edge = [0x1b, 0x24, 0x28, 0x42, 0x0e, 0x0f, 0x7e, 0x7b, 0x7d, 0x8e, 0x8f, 0xa4, 0xd4, 0x30, 0x81];
  return Array.from({ length: count }, () =>
    Uint8Array.from({ length: 1 + Math.floor(next() * 24) }, () =>
      next() < 0.3 ? edge[Math.floor(next() * edge.length)] : Math.floor(next() * 256),
    ),
  );
}

describe('CJK codecs, live against Pyodide (CPython 3.14)', () => {
  it('Pyodide has every CJK codec module', () => {
    const modules = py.runPython(`
import importlib
','.join(importlib.import_module(m).__name__ for m in ('_codecs_jp', '_codecs_kr', '_codecs_cn', '_codecs_tw', '_codecs_hk', '_codecs_iso2022'))
`);
    expect(modules).toBe('_codecs_jp,_codecs_kr,_codecs_cn,_codecs_tw,_codecs_hk,_codecs_iso2022');
  });

  it(`agrees on committed samples and random inputs (fresh seed ${FRESH_SEED}; replay with PYCACHE_SEED=${FRESH_SEED})`, () => {
    const { samples } = loadCjkFixture<{ samples: Sample[] }>('samples.json.gz');
    const chosen = samples.filter((_, k) => k % 20 === 0);
    const codecs = [...new Set(samples.map((s) => s.codec))];
    // 25 inputs per codec from fixed seeds (the same every run) and 5 from this run's fresh seed (helpers/seeds.ts).
    const inputs = (k: number) => [...randomInputs(25, 1000 + k), ...randomInputs(5, (FRESH_SEED + k) | 0)];
    const fresh = codecs.flatMap((codec, k) => inputs(k).map((b) => ({ codec, hex: Buffer.from(b).toString('hex') })));
    const request = [...chosen.map(({ codec, hex }) => ({ codec, hex })), ...fresh];
    const answer = ask({ samples: request });
    expect(answer.version.startsWith('3.14')).toBe(true);
    const mismatches: string[] = [];
    request.forEach((s, k) => {
      const got = answerOf(decoderFor(s.codec, 14), fromHex(s.hex));
      if (JSON.stringify(got) !== JSON.stringify(answer.samples[k]))
        mismatches.push(`${s.codec} ${s.hex}: ${JSON.stringify(got)} != ${JSON.stringify(answer.samples[k])}`);
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(request.length).toBeGreaterThan(800);
  });

  it('re-derives digests of sampled lead bytes in two exhaustive cases', () => {
    // Every 16th lead and a few that matter (whole cases take Pyodide too long for a unit test).
    const leads = [...Array.from({ length: 16 }, (_, k) => k * 16 + 5), 0x1b, 0x21, 0x81, 0x8f, 0xa4, 0xfc];
    const cases = [
      { codec: 'shift_jis_2004', prefix: '', leads },
      { codec: 'iso2022_jp_2', prefix: '1b2e461b', leads },
    ];
    const answer = ask({ digests: cases });
    const committed = loadCjkFixture<{ cases: DigestCase[] }>('digests.json.gz').cases;
    cases.forEach((c, k) => {
      const live = answer.digests[k];
      const kase = committed.find((x) => x.codec === c.codec && x.prefix === c.prefix) as DigestCase;
      for (const lead of leads) {
        // The committed digest of this lead is what Pyodide says now, and what we compute.
        expect(live[lead].slice(0, 8), `${c.codec} lead ${lead}`).toBe(kase.digests.slice(lead * 8, lead * 8 + 8));
      }
      expect(withoutStacks(() => digestMismatches(kase, leads))).toEqual([]);
    });
  });
});
