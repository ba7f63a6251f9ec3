// Options `pyodide` and `stdlib` in real builds: Vite (dev server and build) and webpack serve/emit the Pyodide
// runtime from the project's own `pyodide` package, the manifest's `pyodide` field says where it is, and the
// emitted stdlib archive starts that Pyodide in Node with nothing compiled from source.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as viteBuild, createServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheOptions } from '../../plugins/vite.js';
import { PycacheOptionError } from '../../plugins/common/options.js';
import { pyodideLocation } from '../../src/pyodide/index.js';
import { build as webpackBuild, buildConfig, cleanupProjects, makeProject } from '../helpers/webpack-harness.js';
import { appDir, repoRoot } from '../helpers/vite-fixtures.js';
import { validate } from 'schema-utils';

const PYODIDE_DIR = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const PYODIDE_VERSION = (JSON.parse(readFileSync(join(PYODIDE_DIR, 'package.json'), 'utf8')) as { version: string })
  .version;
const RUNTIME = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  cleanupProjects();
});

function viteProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'pycache-pyodide-option-'));
  dirs.push(root);
  cpSync(appDir('basic'), root, { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"app","private":true}\n');
  return root;
}

async function buildWithVite(root: string, options: PycacheOptions): Promise<Map<string, Uint8Array>> {
  const out = await viteBuild({
    root,
    logLevel: 'silent',
    configFile: false,
    plugins: [pycache(options)],
    build: { write: false, lib: { entry: join(root, 'main.js'), formats: ['es'] } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as {
    output: { fileName: string; type: string; source?: string | Uint8Array; code?: string }[];
  }[];
  const files = new Map<string, Uint8Array>();
  for (const item of outputs[0].output) {
    const body = item.type === 'asset' ? (item.source ?? '') : (item.code ?? '');
    files.set(item.fileName, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  return files;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

describe('option pyodide', () => {
  it("Vite build and webpack emit the runtime of the project's pyodide package, and the manifest names it", async () => {
    const options = { python: '3.14', roots: ['py'], manifest: 'py/pycache-manifest.json', pyodide: true } as const;
    const vite = await buildWithVite(viteProject(), options);
    const project = makeProject('basic', 'basic');
    const webpack = await webpackBuild(
      'webpack',
      buildConfig('webpack', project, { loader: { python: '3.14', roots: ['py'] }, plugin: options }),
    );
    expect(webpack.errors).toEqual([]);
    for (const file of RUNTIME) {
      const expected = readFileSync(join(PYODIDE_DIR, file));
      expect(same(vite.get(`pyodide/${file}`), expected), `vite pyodide/${file}`).toBe(true);
      expect(same(webpack.files.get(`pyodide/${file}`), expected), `webpack pyodide/${file}`).toBe(true);
    }
    const manifest = text(vite.get('py/pycache-manifest.json'));
    expect(text(webpack.files.get('py/pycache-manifest.json'))).toBe(manifest);
    const parsed = JSON.parse(manifest) as { pyodide?: { indexURL?: string; version?: string } };
    expect(parsed.pyodide).toEqual({ indexURL: '../pyodide/', version: PYODIDE_VERSION });
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/manifest.schema.json'), 'utf8')) as Parameters<
      typeof validate
    >[0];
    expect(() => validate(schema, parsed)).not.toThrow();
    expect(() => validate(schema, { ...parsed, pyodide: { indexURL: '../pyodide' } })).toThrow();
    // The runtime resolves it against the manifest's URL.
    expect(pyodideLocation(parsed, 'https://example.test/app/py/pycache-manifest.json')).toEqual({
      indexURL: 'https://example.test/app/pyodide/',
    });
    // Without the option, no runtime and no field.
    const plain = await buildWithVite(viteProject(), { ...options, pyodide: false });
    expect([...plain.keys()].filter((file) => file.startsWith('pyodide/'))).toEqual([]);
    expect(text(plain.get('py/pycache-manifest.json'))).not.toContain('"pyodide"');
  }, 300_000);

  it('the Vite dev server serves the runtime files and a manifest that names them', async () => {
    const root = viteProject();
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pycache({ python: '3.14', roots: ['py'], pyodide: true })],
      server: { host: '127.0.0.1', port: 0 },
    });
    await server.listen();
    try {
      const origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
      for (const file of ['pyodide-lock.json', 'pyodide.mjs', 'pyodide.asm.wasm']) {
        const response = await fetch(`${origin}/pyodide/${file}`);
        expect(response.status).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(PYODIDE_DIR, file)))).toBe(true);
      }
      expect((await fetch(`${origin}/pyodide/pyodide.mjs`)).headers.get('content-type')).toContain('javascript');
      expect((await fetch(`${origin}/pyodide/pyodide.asm.wasm`)).headers.get('content-type')).toBe('application/wasm');
      const manifest = (await (await fetch(`${origin}/pycache-manifest.json`)).json()) as { pyodide?: unknown };
      expect(manifest.pyodide).toEqual({ indexURL: 'pyodide/', version: PYODIDE_VERSION });
    } finally {
      await server.close();
    }
  }, 120_000);

  it('a python option no installed Pyodide runs is an error naming the option', async () => {
    const failure = await buildWithVite(viteProject(), { python: '3.12', roots: ['py'], pyodide: true }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toMatch(
      /option "pyodide" needs the project's own Pyodide for the target Python: .*Python 3\.12/,
    );
    expect(() => pycache({ pyodide: 'yes' as unknown as boolean })).toThrow(PycacheOptionError);
  }, 120_000);
});

describe('option stdlib', () => {
  it("Vite and webpack emit the same stdlib archive in place of Pyodide's own; Pyodide starts from it with nothing compiled", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'pycache-stdlib-cache-'));
    dirs.push(cacheDir);
    const previous = process.env.PYCACHE_KIT_CACHE_DIR;
    process.env.PYCACHE_KIT_CACHE_DIR = cacheDir;
    try {
      const options = { python: '3.14', roots: ['py'], pyodide: true, stdlib: true } as const;
      const vite = await buildWithVite(viteProject(), options);
      const webpack = await webpackBuild(
        'webpack',
        buildConfig('webpack', makeProject('basic', 'basic'), {
          loader: { python: '3.14', roots: ['py'] },
          plugin: options,
        }),
      );
      expect(webpack.errors).toEqual([]);
      const archive = vite.get('pyodide/python_stdlib.zip');
      expect(archive).toBeDefined();
      expect(same(webpack.files.get('pyodide/python_stdlib.zip'), archive ?? new Uint8Array())).toBe(true);
      expect(same(archive, readFileSync(join(PYODIDE_DIR, 'python_stdlib.zip')))).toBe(false);
      expect(JSON.parse(text(vite.get('pycache-manifest.json')))).toMatchObject({
        pyodide: { indexURL: 'pyodide/', stdLibURL: 'pyodide/python_stdlib.zip' },
      });

      // Run the emitted runtime folder in Node, as a page would load it.
      const out = mkdtempSync(join(tmpdir(), 'pycache-stdlib-out-'));
      dirs.push(out);
      for (const file of webpack.files.keys())
        if (file.startsWith('pyodide/')) cpSync(join(webpack.outDir, file), join(out, file.slice('pyodide/'.length)));
      const { loadPyodide } = (await import(pathToFileURL(join(out, 'pyodide.mjs')).href)) as {
        loadPyodide(o: object): Promise<{ runPython(code: string): unknown }>;
      };
      const pyodide = await loadPyodide({ indexURL: `${out}/`, stdout: () => {}, stderr: () => {} });
      const fromSource = JSON.parse(
        pyodide.runPython(`
import json, sys, zipimport, decimal, email.message
json.dumps([m.__file__ for m in list(sys.modules.values()) if isinstance(getattr(m, '__loader__', None), zipimport.zipimporter) and not m.__file__.endswith('.pyc')])`) as string,
      ) as string[];
      expect(fromSource).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.PYCACHE_KIT_CACHE_DIR;
      else process.env.PYCACHE_KIT_CACHE_DIR = previous;
    }
  }, 900_000);
});
