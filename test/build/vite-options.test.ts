// The Vite plugin's options and edges in real `vite build` runs: a minified build, Vite's ?url, include/exclude,
// .pyw files, the default Python (the project's installed pyodide) and files outside the project.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { cacheFromSource } from '../../src/index.js';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest, PycacheOptions } from '../../plugins/vite.js';
import { appDir, importFile } from '../helpers/vite-fixtures.js';

async function libBuild(root: string, options: PycacheOptions, minify = false) {
  const outDir = mkdtempSync(join(tmpdir(), 'pycache-opt-out-'));
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [pycache(options)],
    build: {
      outDir,
      emptyOutDir: true,
      minify,
      lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: 'main' },
    },
  });
  const output = ((Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput).output;
  const manifestAsset = output.find((file) => file.fileName === 'pycache-manifest.json') as
    Rollup.OutputAsset | undefined;
  return {
    outDir,
    output,
    manifest: manifestAsset ? (JSON.parse(String(manifestAsset.source)) as PycacheManifest) : undefined,
  };
}

/** A throw-away project: `files` written under a fresh folder (parents created). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pycache-opt-'));
  for (const [name, text] of Object.entries({ 'package.json': '{ "type": "module" }\n', ...files })) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('vite build: options and edges', () => {
  it('a minified build still gives the virtual manifest the bytes it emits', async () => {
    const { outDir, manifest } = await libBuild(appDir('basic'), { python: '3.12', roots: ['py'] }, true);
    const app = await importFile(join(outDir, 'main.js'));
    expect(manifest?.modules.length).toBeGreaterThan(5);
    expect(app.manifest).toEqual(manifest);
  });

  it("?url on a .py is Vite's: the URL of the file's unchanged bytes", async () => {
    const { outDir } = await libBuild(appDir('basic'), { python: '3.12', roots: ['py'] });
    const app = await importFile(join(outDir, 'main.js'));
    const url = app.mainUrl as string;
    const original = readFileSync(join(appDir('basic'), 'py/app/main.py'));
    // Library builds inline small assets as data: URLs; app builds point at an emitted file.
    const bytes = url.startsWith('data:')
      ? Buffer.from(url.slice(url.indexOf(',') + 1), url.includes(';base64,') ? 'base64' : 'utf8')
      : readFileSync(join(outDir, url));
    expect(bytes.equals(original)).toBe(true);
  });

  it("include/exclude pick the files, with Vite's filter semantics; .pyw is included by default", async () => {
    const root = project({
      'main.js': [
        "import mod from './py/mod.py';",
        "import gui, { moduleName as guiName } from './py/gui.pyw';",
        "import stub from './py/types.pyi';",
        "import skipped from './py/skip.py';",
        'export { mod, gui, guiName, stub, skipped };',
      ].join('\n'),
      'py/mod.py': '# -*- coding: latin-1 -*-\nX = "\xe9"\r\n',
      'py/gui.pyw': 'import tkinter\r\n',
      'py/types.pyi': 'def f() -> int: ...\n',
      // Valid JavaScript, so that Vite can load it itself once the plugin leaves it alone.
      'py/skip.py': 'export default 42;\n',
    });
    const { outDir, manifest } = await libBuild(root, {
      python: '3.12',
      roots: ['py'],
      include: ['**/*.py', '**/*.pyw', '**/*.pyi'],
      exclude: ['**/skip.py'],
    });
    const app = await importFile(join(outDir, 'main.js'));
    expect(app.mod).toBe('# -*- coding: latin-1 -*-\nX = "\u00c3\u00a9"\n');
    expect(app.gui).toBe('import tkinter\n');
    expect(app.guiName).toBe('gui');
    expect(app.stub).toBe('def f() -> int: ...\n');
    expect(app.skipped).toBe(42);
    expect(manifest?.modules.map((m) => m.source)).toEqual(['gui.pyw', 'mod.py', 'types.pyi']);
    expect(manifest?.modules.find((m) => m.source === 'gui.pyw')?.cache['']).toBe(
      cacheFromSource('gui.pyw', { target: '3.12' }),
    );
  });

  it('without python, follows the pyodide package installed in the project', async () => {
    const root = project({
      'main.js': "import mod from './mod.py';\nexport { mod };\n",
      'mod.py': 'X = 1\n',
      // A Pyodide whose package version names CPython 3.13 (Pyodide 313.x), with no lock file.
      'node_modules/pyodide/package.json': '{ "name": "pyodide", "version": "313.0.1" }\n',
    });
    const { manifest } = await libBuild(root, {});
    expect(manifest?.python.version).toBe('3.13');
    expect(manifest?.modules[0].cache['']).toBe('__pycache__/mod.cpython-313.pyc');
  });

  it('precompile for a target without a matching Pyodide fails the build, naming what to install', async () => {
    const failure = await libBuild(appDir('basic'), { python: '3.12', roots: ['py'], precompile: true }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toMatch(/no installed Pyodide runs Python 3\.12/);
    expect(failure?.message).toContain('pyodide-312@npm:pyodide');
  });

  it('precompile with invalidationMode unchecked-hash writes unchecked-hash .pyc files', async () => {
    const { readPycHeader } = await import('../../src/index.js');
    const { outDir, manifest } = await libBuild(appDir('basic'), {
      python: '3.14',
      roots: ['py'],
      precompile: { invalidationMode: 'unchecked-hash' },
    });
    for (const entry of manifest!.modules) {
      expect(
        readPycHeader(new Uint8Array(readFileSync(join(outDir, entry.cache[''] as string))), { target: '3.14' }),
        entry.source,
      ).toMatchObject({ kind: 'unchecked-hash', flags: 1 });
    }
  });

  it('rejects a .py outside the project (default roots) instead of writing a ../ path', async () => {
    const outer = project({
      'outside.py': 'X = 1\n',
      'app/main.js': "import x from '../outside.py';\nexport { x };\n",
    });
    const failure = await libBuild(join(outer, 'app'), { python: '3.12' }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toContain(
      `${join(outer, 'outside.py')} is outside every Python root (${join(outer, 'app')})`,
    );
  });
});
