// Bun's bundler (the `bun` npm package's binary, 1.4) runs pycache-kit/esbuild as a Bun plugin: the fixture app
// bundles to CPython's text, the manifest is byte-identical to esbuild's, and an undecodable module fails the build
// with the file, line, column and CPython's reason, writing no manifest.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appExpectations } from '../helpers/webpack-harness.js';
import { BASIC_APP, cleanupProjects, importBundle, makeProject, repoRoot } from '../helpers/esbuild-harness.js';

afterAll(cleanupProjects);

const BUN = join(repoRoot, 'node_modules/.bin/bun');

function bunBuild(dir: string) {
  cpSync(join(repoRoot, 'fixtures/esbuild/bun/bun-build.mjs'), join(dir, 'bun-build.mjs'));
  return spawnSync(BUN, ['bun-build.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe("Bun's bundler", () => {
  it("bundles .py imports as CPython's text and writes the same manifest as esbuild", async () => {
    const dir = makeProject('basic', BASIC_APP);
    execFileSync(process.execPath, ['build.mjs'], { cwd: dir });
    const run = bunBuild(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { sources, named } = await importBundle<{
      sources: Record<string, string>;
      named: { sjis: Record<string, string> };
    }>(join(dir, 'bun-dist/main.js'));
    const expected = appExpectations('basic');
    expect(Object.keys(sources).sort()).toEqual(Object.keys(expected.modules).sort());
    for (const [source, text] of Object.entries(sources)) expect(text, source).toBe(expected.modules[source].text);
    expect(named.sjis).toMatchObject({ moduleName: 'app.sjis', encoding: expected.modules['app/sjis.py'].encoding });
    expect(readFileSync(join(dir, 'bun-dist/pycache-manifest.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'dist/pycache-manifest.json'), 'utf8'),
    );
  }, 60_000);

  it("fails an undecodable module with its file, line, column and CPython's reason, and writes no manifest", () => {
    const dir = makeProject('bad', 'webpack/bad');
    const run = bunBuild(dir);
    const reason = appExpectations('bad').modules['bad.py'].error?.message as string;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${join(dir, 'py/bad.py')}:3:9: cannot decode Python source: UnicodeDecodeError: ${reason}`,
    );
    expect(existsSync(join(dir, 'bun-dist/pycache-manifest.json'))).toBe(false);
  }, 60_000);
});
