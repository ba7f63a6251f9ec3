// Every generator (scripts/generate-*.mjs) has a --check mode that regenerates in memory and fails naming the
// committed files that drifted. This runs the ones fast enough for `npm test`:
// - generate-app-fixtures (CPython 3.12 through pyenv, under a second), generate-pyc-fixtures and
//   generate-unicode-tables (every interpreter, about 30 s each here, mostly loading Pyodide twice). Their
//   output lists every interpreter, so they are skipped (with the reason) where a pyenv CPython is missing.
// - not run here, measured on this 2-core machine: generate-codec-tables (20-40 s), generate-codec-fixtures
//   (26 s), generate-cjk-tables (44 s), generate-path-fixtures (54 s), generate-cjk-fixtures (6 min) ask every
//   interpreter thousands of questions; `npm test` cannot afford them all. `npm run fixtures -- --check` runs
//   them all (each was run and found up to date when --check was added). The live tests (*-live.test.ts) re-derive
//   samples of their answers in every run instead.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PYENV_VERSIONS, pyenvInterpreters } from '../../scripts/interpreters.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pyenvFound = pyenvInterpreters().map((interp) => interp.version);
const hasPyenv312 = pyenvFound.includes('3.12');
const missingPyenv = PYENV_VERSIONS.filter((version) => !pyenvFound.includes(version.split('.').slice(0, 2).join('.')));

function check(script: string, cwd = root) {
  const run = spawnSync(process.execPath, [join(cwd, 'scripts', script), '--check'], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('generators --check', () => {
  it.skipIf(!hasPyenv312)(
    'generate-app-fixtures: the fixture apps and their expected.json match CPython 3.12 (needs pyenv 3.12.1)',
    () => {
      const { status, output } = check('generate-app-fixtures.mjs');
      expect(output).toContain('generate-app-fixtures --check: 15 file(s) up to date');
      expect(status).toBe(0);
    },
  );

  it.skipIf(!hasPyenv312)(
    "fails and names the file when a committed fixture drifted (a copy of the repository's scripts and fixtures)",
    () => {
      const copy = mkdtempSync(join(tmpdir(), 'pycache-generators-'));
      try {
        cpSync(join(root, 'scripts'), join(copy, 'scripts'), { recursive: true });
        cpSync(join(root, 'fixtures/apps'), join(copy, 'fixtures/apps'), { recursive: true });
        const expected = join(copy, 'fixtures/apps/basic/expected.json');
        writeFileSync(expected, readFileSync(expected, 'utf8').replace('"utf-8"', '"latin-1"'));
        const { status, output } = check('generate-app-fixtures.mjs', copy);
        expect(status).toBe(1);
        expect(output).toContain(
          '1 file(s) differ from what the generator gives now: fixtures/apps/basic/expected.json',
        );
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
  );

  it.for([
    ['generate-pyc-fixtures.mjs', 1],
    ['generate-unicode-tables.mjs', 2],
  ] as const)(
    '%s: the committed files match every interpreter (needs all pyenv CPythons)',
    { timeout: 300_000 },
    ([script, files], ctx) => {
      if (missingPyenv.length > 0)
        ctx.skip(`pyenv lacks ${missingPyenv.join(', ')}: the generator's output would list fewer interpreters`);
      const { status, output } = check(script);
      expect(output).toContain(`${script.replace('.mjs', '')} --check: ${files} file(s) up to date`);
      expect(status).toBe(0);
    },
  );
});
