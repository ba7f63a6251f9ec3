// tsup (esbuild underneath, `esbuildPlugins`) builds the esbuild fixture app with pycache-kit/esbuild: the bundle
// gives CPython's text and the manifest lands beside tsup's output, byte-identical to a plain esbuild build's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import { appExpectations } from '../helpers/webpack-harness.js';
import { BASIC_APP, cleanupProjects, importBundle, makeProject, pluginFrom } from '../helpers/esbuild-harness.js';

afterAll(cleanupProjects);

describe('tsup', () => {
  it("bundles .py imports as CPython's text and writes the same manifest as esbuild", async () => {
    const dir = makeProject('basic', BASIC_APP);
    execFileSync(process.execPath, ['build.mjs'], { cwd: dir });
    const pycache = await pluginFrom(dir);
    await build({
      entry: { main: join(dir, 'main.js') },
      format: ['esm'],
      outDir: join(dir, 'tsup-dist'),
      config: false,
      silent: true,
      dts: false,
      esbuildPlugins: [pycache({ python: '3.12', roots: [join(dir, 'py')], optimizations: [0, 1, 2] })],
    });
    const { sources } = await importBundle<{ sources: Record<string, string> }>(join(dir, 'tsup-dist/main.js'));
    const expected = appExpectations('basic');
    for (const [source, text] of Object.entries(sources)) expect(text, source).toBe(expected.modules[source].text);
    expect(Object.keys(sources).sort()).toEqual(Object.keys(expected.modules).sort());
    expect(readFileSync(join(dir, 'tsup-dist/pycache-manifest.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'dist/pycache-manifest.json'), 'utf8'),
    );
  }, 60_000);
});
