// Every standard library on this machine through every version's decode_source: the .py files of all pyenv
// CPythons (3.6-3.13, outside site-packages, each distinct content once) decoded by each of those interpreters
// and by Pyodide's CPython 3.14 and 3.15, compared with decodeSource for the same target. Live only: the corpus
// is the machine's own (the committed, sampled answers are in codecs-live.test.ts).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/index.js';
import { loadPyodideFor, pyenvInterpreters } from '../../scripts/interpreters.mjs';
import { outcome, utf8SurrogatePass } from '../helpers/codecs-fixtures.js';

const ORACLE = fileURLToPath(new URL('../../scripts/fixtures/decode-files.py', import.meta.url));

interface Answer {
  sha1?: string;
  len?: number;
  error?: string;
  message?: string;
}

const interpreters = pyenvInterpreters();

/** Every .py of every installed stdlib, one path per distinct content, in a stable order. */
function corpus(): string[] {
  const byHash = new Map<string, string>();
  for (const { version, prefix } of interpreters) {
    const root = join(prefix, 'lib', `python${version}`);
    for (const rel of (readdirSync(root, { recursive: true }) as string[]).sort()) {
      if (!rel.endsWith('.py') || rel.startsWith('site-packages/')) continue;
      const path = join(root, rel);
      const hash = createHash('sha1').update(readFileSync(path)).digest('hex');
      if (!byHash.has(hash)) byHash.set(hash, path);
    }
  }
  return [...byHash.values()];
}

/** Python's len(): code points, not UTF-16 units. */
const codePoints = (s: string) => s.length - (s.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);

function ours(bytes: Uint8Array, minor: string): Answer {
  const got = outcome(() => decodeSource(bytes, { target: minor }));
  return 'ok' in got
    ? {
        sha1: createHash('sha1')
          .update(utf8SurrogatePass(got.ok as string))
          .digest('hex'),
        len: codePoints(got.ok as string),
      }
    : { error: got.error, message: got.message };
}

function compare(paths: string[], answers: Answer[], minor: string): string[] {
  const misses: string[] = [];
  paths.forEach((path, i) => {
    const got = ours(readFileSync(path), minor);
    if (JSON.stringify(got) !== JSON.stringify(answers[i]))
      misses.push(`${path}: CPython ${minor} ${JSON.stringify(answers[i])}, decodeSource ${JSON.stringify(got)}`);
  });
  return misses;
}

const missing = interpreters.length === 0 ? 'no pyenv CPython is installed' : undefined;
if (missing) console.warn(`stdlib corpus test skipped: ${missing}`);

describe.skipIf(missing !== undefined)("every stdlib on this machine, through every version's decode_source", () => {
  const paths = missing ? [] : corpus();

  it('the corpus is the whole of each stdlib (thousands of distinct files)', () => {
    expect(paths.length).toBeGreaterThan(3000);
  });

  for (const { version, full, path } of interpreters) {
    it(`CPython ${full} (pyenv)`, { timeout: 120_000 }, () => {
      const answers = JSON.parse(
        execFileSync(path, [ORACLE], { input: JSON.stringify({ paths }), encoding: 'utf8', maxBuffer: 1 << 28 }),
      ) as Answer[];
      expect(answers.length).toBe(paths.length);
      expect(compare(paths, answers, version)).toEqual([]);
    });
  }

  for (const version of ['3.14', '3.15']) {
    it(`CPython ${version} (Pyodide in Node)`, { timeout: 300_000 }, async () => {
      const pyodide = await loadPyodideFor(version);
      expect(pyodide, `the Pyodide package of ${version} is a devDependency`).toBeDefined();
      const oracle = readFileSync(ORACLE, 'utf8');
      pyodide.runPython(oracle.replace(/\nif __name__ == "__main__":[\s\S]*$/, '\n'));
      pyodide.FS.mkdirTree('/corpus');
      const inside = paths.map((path, i) => {
        const to = `/corpus/${i}.py`;
        pyodide.FS.writeFile(to, readFileSync(path));
        return to;
      });
      pyodide.globals.set('REQUEST_JSON', JSON.stringify({ paths: inside }));
      const answers = JSON.parse(
        pyodide.runPython('import json as _j\n_j.dumps(main(_j.loads(REQUEST_JSON)))') as string,
      ) as Answer[];
      expect(answers.length).toBe(paths.length);
      expect(compare(paths, answers, version)).toEqual([]);
      for (const file of inside) pyodide.FS.unlink(file);
    });
  }
});
