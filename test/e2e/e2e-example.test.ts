// The real thing: examples/pyodide-app built with the Vite plugin and with the webpack plugin (entries, stdlib,
// archive, pyodide, precompiled bytecode), served on 127.0.0.1 and run in headless Chromium, the page making one
// call (loadPython). The page's answer must equal what Pyodide in Node computes from the sources; every bundled
// module must come from its .pyc, and nothing may compile in the page, Pyodide's own startup included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installModules } from '../../src/pyodide/index.js';
import { buildAndRun, missingPrerequisite, type BrowserRun } from '../../scripts/example-app.mjs';
import { EXAMPLE_PYTHON, filesMap, loadTestPyodide, manifestFor, py, readTree } from '../helpers/pyodide-helpers.js';

const missing = missingPrerequisite();
if (missing) console.warn(`e2e example tests skipped: ${missing}`);

describe.skipIf(missing !== undefined)('example app in headless Chromium', () => {
  let expected: unknown;
  const runs: Record<string, BrowserRun & { dir: string }> = {};

  beforeAll(async () => {
    // The reference answer, from the interpreter: the same package imported from source in Node.
    const pyodide = await loadTestPyodide();
    const files = readTree(EXAMPLE_PYTHON);
    await installModules(pyodide, manifestFor(files), { files: filesMap(files), root: '/reference' });
    expected = py(pyodide, 'shop.report.summary()', 'import shop.report');
  });

  for (const bundler of ['vite', 'webpack'] as const) {
    // Generous limits: a loaded 2-core machine takes most of a minute to start Pyodide in the browser.
    it(
      `${bundler} build: right result, every module from the bundle and from its .pyc`,
      { timeout: 400_000 },
      async () => {
        const run = await buildAndRun(bundler, { timeoutMs: 300_000 });
        runs[bundler] = run;
        expect(run.status, run.console.join('\n')).toBe('done');
        // Pyodide and the bundle came from the page's own server: no CDN.
        expect(run.external).toEqual([]);
        const report = run.report!;
        expect(report.summary).toEqual(expected);

        const manifest = JSON.parse(readFileSync(join(run.dir, 'py', 'pycache-manifest.json'), 'utf8')) as {
          modules: { module: string; source: string; cache: Record<string, string> }[];
          archive: { file: string };
        };
        // No JS import of any .py: the entry's imports made the bundle, delivered as one archive (manifest + archive).
        expect(report.installed.requests).toBe(2);
        expect(report.installed.archive).toBe(manifest.archive.file);
        // Pyodide came from the runtime the manifest names, with the app's precompiled stdlib.
        expect(report.pyodideFrom).toEqual({
          source: 'manifest',
          indexURL: `${run.url}pyodide/`,
          stdLibURL: `${run.url}pyodide/python_stdlib.zip`,
        });
        // Every stdlib module Pyodide's startup and the app imported came from a .pyc of that archive; no compile
        // event (stdlib and zipimport included) after the audit hook went in.
        expect(report.stdlib.fromSource).toEqual([]);
        expect(report.stdlib.fromBytecode).toBe(report.stdlib.modules);
        expect(report.stdlib.modules).toBeGreaterThan(50);
        expect(report.compileEvents).toEqual([]);
        expect(manifest.modules.map((m) => m.module)).toEqual([
          'shop',
          'shop.labels',
          'shop.pricing',
          'shop.report',
          'shop.units',
          'shop.units.convert',
        ]);
        expect(report.modules.map((m) => m.module)).toEqual(manifest.modules.map((m) => m.module));
        for (const entry of manifest.modules) {
          const seen = report.modules.find((m) => m.module === entry.module)!;
          expect(seen.file).toBe(`${report.installed.root}/${entry.source}`);
          expect(seen.cached).toBe(`${report.installed.root}/${entry.cache['']}`);
          expect(seen.from).toBe('bytecode');
        }
        expect(report.compiledAtRunTime).toEqual([]);
        expect(report.installed.bytecodeFiles).toBe(manifest.modules.length);
      },
    );
  }

  it('the two builds ship the same manifest, the same archive and the same stdlib', () => {
    if (!runs.vite || !runs.webpack) return expect.fail('both builds must have run');
    const read = (bundler: string, path: string) => readFileSync(join(runs[bundler].dir, path));
    expect(read('vite', 'py/pycache-manifest.json').equals(read('webpack', 'py/pycache-manifest.json'))).toBe(true);
    const manifest = JSON.parse(read('vite', 'py/pycache-manifest.json').toString('utf8')) as {
      archive: { file: string };
    };
    expect(read('vite', `py/${manifest.archive.file}`).equals(read('webpack', `py/${manifest.archive.file}`))).toBe(
      true,
    );
    expect(read('vite', 'pyodide/python_stdlib.zip').equals(read('webpack', 'pyodide/python_stdlib.zip'))).toBe(true);
  });
});
