// webpack 5 builds of the fixture apps with pycache-kit's loader (the built file, through the package's exports)
// and PycachePlugin: the decoded text and named exports equal CPython 3.12's answers in fixtures/apps/*/expected.json,
// the manifest equals the Vite plugin's byte for byte, and bad input fails the build with no manifest.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from 'webpack';
import type { RspackOptions } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';
import { build as viteBuild } from 'vite';
import pycache from '../../plugins/vite.js';
import { readPycHeader, sourceHash } from '../../src/index.js';
import { PycachePlugin } from '../../plugins/webpack/plugin.js';
import {
  appExpectations,
  build,
  buildConfig,
  cleanupProjects,
  loadBundle,
  LOADER_FILE,
  makeProject,
  repoRoot,
} from '../helpers/webpack-harness.js';
import { expectBasicNames, expectBasicTexts, type BasicExports } from '../helpers/basic-app.js';

afterAll(cleanupProjects);

const options = { python: '3.12', roots: 'py', optimizations: [0, 1, 2] as (0 | 1 | 2)[] };

interface ManifestJson {
  format: string;
  python: { version: string; cacheTag: string; magicNumber: string };
  modules: {
    module: string;
    source: string;
    cache: Record<string, string>;
    encoding: string;
    size: number;
    sha256: string;
  }[];
}

describe('webpack: the basic fixture app', async () => {
  const dir = makeProject('basic', 'basic');
  const result = await build('webpack', buildConfig('webpack', dir, { loader: options, plugin: options }));
  const expected = appExpectations('basic');

  it('builds without errors or warnings', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("gives each module the text CPython 3.12's decode_source gives", () => {
    const { sources } = loadBundle<BasicExports>(result.outDir);
    expectBasicTexts(sources, expected);
  });

  it('exports sourcePath, cachePath, moduleName and encoding as CPython names them', () => {
    const { named } = loadBundle<BasicExports>(result.outDir);
    expectBasicNames(named, expected);
  });

  it('emits a manifest whose paths, encodings, sizes and hashes match CPython and the files', () => {
    const manifest = JSON.parse(result.manifest ?? 'null') as ManifestJson;
    expect(manifest.format).toBe('pycache-manifest@1');
    expect(manifest.python).toEqual({ version: '3.12', cacheTag: 'cpython-312', magicNumber: 'cb0d0d0a' });
    expect(manifest.modules.map((m) => m.source)).toEqual(Object.keys(expected.modules).sort());
    for (const entry of manifest.modules) {
      const bytes = readFileSync(join(dir, 'py', entry.source));
      expect(entry.cache, entry.source).toEqual(expected.modules[entry.source].cache);
      expect(entry.encoding, entry.source).toBe(expected.modules[entry.source].encoding);
      expect(entry.size).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it.each([
    ['roots, three levels', options],
    ['the defaults (root = the project, level 0)', { python: '3.12' }],
  ])(
    "is byte-identical to the Vite plugin's manifest for the same sources and options: %s",
    async (_, pluginOptions) => {
      const webpackBuild =
        pluginOptions === options
          ? result
          : await build(
              'webpack',
              buildConfig('webpack', dir, {
                loader: pluginOptions,
                plugin: pluginOptions,
                outDir: join(dir, 'defaults'),
              }),
            );
      const outDir = join(dir, 'vite-dist');
      await viteBuild({
        root: join(repoRoot, 'fixtures/apps/basic'),
        logLevel: 'silent',
        configFile: false,
        plugins: [pycache(pluginOptions)],
        build: { outDir, emptyOutDir: true, write: true, lib: { entry: 'main.js', formats: ['es'], fileName: 'main' } },
      });
      const vite = readFileSync(join(outDir, 'pycache-manifest.json'));
      expect(webpackBuild.manifest).toContain('"source": "');
      expect(Buffer.from(webpackBuild.manifest ?? '', 'utf8').equals(vite)).toBe(true);
    },
  );
});

describe('webpack: sources that CPython refuses', () => {
  it('fails an undecodable file with its line, column and CPython reason, and emits no manifest', async () => {
    const dir = makeProject('bad', 'bad');
    // development: webpack still emits the bundle despite errors, so a missing manifest is the plugin's doing.
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: options, plugin: options, mode: 'development' }),
    );
    const reason = appExpectations('bad').modules['bad.py'].error?.message as string;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(`${join(dir, 'py/bad.py')}:3:9:`);
    expect(result.errors[0]).toContain(`UnicodeDecodeError: ${reason}`);
    expect(result.files.has('main.cjs')).toBe(true);
    expect(result.manifest).toBeUndefined();
  });

  it('fails an unknown coding cookie with the SyntaxError CPython raises', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie');
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: options, plugin: options, mode: 'development' }),
    );
    const cookie = appExpectations('bad-cookie').modules['cookie.py'].error;
    expect(cookie?.type).toBe('SyntaxError');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(`${join(dir, 'py/cookie.py')}:1:1:`);
    // decode_source's detect_encoding reads a BytesIO (no file name); the loader names the file, as
    // tokenize.open does, so CPython's reason reads "unknown encoding for '<file>': no-such-codec".
    expect(cookie?.message).toBe('unknown encoding: no-such-codec');
    expect(result.errors[0]).toMatch(/SyntaxError: unknown encoding( for '[^']+')?: no-such-codec/);
    expect(result.manifest).toBeUndefined();
  });

  it('fails a file outside every root, naming it, with no manifest', async () => {
    const dir = makeProject(null, 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, {
        loader: { ...options, roots: 'lib' },
        plugin: { ...options, roots: 'lib' },
        mode: 'development',
      }),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(
      `${join(dir, 'py/cookie.py')} is outside every Python root (${join(dir, 'lib')})`,
    );
    expect(result.manifest).toBeUndefined();
  });

  it('fails a file outside the context when roots default to it', async () => {
    const dir = makeProject(null, 'bad-cookie', {
      'app/main.js': "export { default } from '../lib/x.py';\n",
      'lib/x.py': 'X = 1\n',
    });
    const config = buildConfig('webpack', join(dir, 'app'), {
      loader: { python: '3.12' },
      plugin: { python: '3.12' },
      mode: 'development',
    });
    const result = await build('webpack', config);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(`${join(dir, 'lib/x.py')} is outside every Python root (${join(dir, 'app')})`);
    expect(result.manifest).toBeUndefined();
  });
});

describe('webpack: options', () => {
  it('rejects a bad loader option with the message every host gives, naming it', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie');
    const bad = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: { rooots: 'py' } as never, plugin: false }),
    );
    expect(bad.errors[0]).toContain(
      'pycache: option "rooots" is not an option of the webpack loader; known options: python, roots, optimizations',
    );
    const badPython = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: { python: 312 } as never, plugin: false }),
    );
    expect(badPython.errors[0]).toContain(
      'pycache: option "python" must be a version such as \'3.12\', a cache tag or a target object, got 312',
    );
  });

  it('rejects an unknown Python version in the loader, naming the option', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie');
    const bad = await build('webpack', buildConfig('webpack', dir, { loader: { python: '3.99' }, plugin: false }));
    expect(bad.errors[0]).toContain('pycache: option "python" is not a Python target');
  });

  it("defaults python to the project's Pyodide, for the loader and the plugin alike", async () => {
    // Pyodide 313.x runs CPython 3.13 (its numbering follows CPython's since 314; a lock file says so first).
    const dir = makeProject('bad-cookie', 'bad-cookie', {
      'py/cookie.py': 'X = 1\n',
      'node_modules/pyodide/package.json': '{ "name": "pyodide", "version": "0.0.0" }',
      'node_modules/pyodide/pyodide-lock.json': '{ "info": { "python": "3.13.2" } }',
    });
    const setup = { loader: { roots: 'py' }, plugin: { roots: 'py' }, cacheDir: join(dir, '.cache') };
    const result = await build('webpack', buildConfig('webpack', dir, setup));
    expect(result.errors).toEqual([]);
    expect(result.manifest).toContain('"cacheTag": "cpython-313"');
    expect(result.manifest).toContain('"": "__pycache__/cookie.cpython-313.pyc"');
    // Upgrading the project's Pyodide rebuilds the modules from the persistent cache (the loader depends on it;
    // webpack snapshots node_modules by package version).
    writeFileSync(join(dir, 'node_modules/pyodide/package.json'), '{ "name": "pyodide", "version": "0.0.1" }');
    writeFileSync(join(dir, 'node_modules/pyodide/pyodide-lock.json'), '{ "info": { "python": "3.14.2" } }');
    const upgraded = await build('webpack', buildConfig('webpack', dir, setup));
    expect(upgraded.errors).toEqual([]);
    expect(upgraded.manifest).toContain('"cacheTag": "cpython-314"');
  });

  it('rejects bad plugin options when constructed, naming them', () => {
    expect(() => new PycachePlugin({ manifest: '../out.json' })).toThrow(/option "manifest"/);
    expect(() => new PycachePlugin({ optimizations: [3 as 0] })).toThrow(/option "optimizations"/);
    expect(() => new PycachePlugin({ include: '**/*.py' } as never)).toThrow(
      /option "include" does not take file globs in webpack/,
    );
  });

  it('reports a loader and plugin that target different Pythons instead of a wrong manifest', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: { ...options, python: '3.11' }, plugin: options }),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('option "python" of PycachePlugin is cpython-312 but the loader decoded');
    expect(result.manifest).toBeUndefined();
  });

  it('runs the loader alone (no plugin, no manifest)', async () => {
    const dir = makeProject('basic', 'basic');
    const result = await build('webpack', buildConfig('webpack', dir, { loader: options, plugin: false }));
    expect(result.errors).toEqual([]);
    expect(result.manifest).toBeUndefined();
    expect(loadBundle<BasicExports>(result.outDir).sources['app/sjis.py']).toBe(
      appExpectations('basic').modules['app/sjis.py'].text,
    );
  });

  it('honours manifest: <name> and emitSources (the exact bytes, beside the manifest)', async () => {
    const dir = makeProject('basic', 'basic');
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, {
        loader: options,
        plugin: { ...options, manifest: 'python/index.json', emitSources: true },
      }),
    );
    expect(result.errors).toEqual([]);
    const manifest = JSON.parse(result.files.get('python/index.json')?.toString('utf8') ?? 'null') as ManifestJson;
    expect(manifest.modules).toHaveLength(9);
    for (const { source } of manifest.modules) {
      expect(result.files.get(`python/${source}`)?.equals(readFileSync(join(dir, 'py', source))), source).toBe(true);
    }
  });

  it('emits no manifest with manifest: false, and the sources still', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: options, plugin: { ...options, manifest: false, emitSources: true } }),
    );
    expect(result.errors).toEqual([]);
    expect([...result.files.keys()].sort()).toEqual(['cookie.py', 'main.cjs']);
  });

  it("works through the package's exports (pycache-kit/webpack), whose PycachePlugin.loader is pycache-kit/webpack-loader", async () => {
    const specifier: string = 'pycache-kit/webpack';
    const published = (await import(specifier)) as { PycachePlugin: typeof PycachePlugin };
    expect(published.PycachePlugin.loader).toBe(LOADER_FILE);
    const dir = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const config = buildConfig('webpack', dir, { loader: options, plugin: false });
    config.plugins = [new published.PycachePlugin(options)];
    const result = await build('webpack', config);
    expect(result.errors).toEqual([]);
    expect(result.manifest).toContain('"source": "cookie.py"');
  });

  it('precompile: emits checked-hash .pyc files compiled by the matching Pyodide at the manifest cache paths', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const py314 = { python: '3.14', roots: 'py' };
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: py314, plugin: { ...py314, precompile: true } }),
    );
    expect(result.errors).toEqual([]);
    const pyc = result.files.get('__pycache__/cookie.cpython-314.pyc') as Buffer;
    const header = readPycHeader(pyc, { target: '3.14' });
    expect(header).toMatchObject({ version: '3.14', kind: 'checked-hash' });
    expect(
      Buffer.from(header.sourceHash as Uint8Array).equals(
        Buffer.from(sourceHash(readFileSync(join(dir, 'py/cookie.py')), { target: '3.14' })),
      ),
    ).toBe(true);
  });

  it('precompile: unchecked-hash on request; a target without a matching Pyodide fails the build, no manifest', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const py314 = { python: '3.14', roots: 'py' };
    const unchecked = await build(
      'webpack',
      buildConfig('webpack', dir, {
        loader: py314,
        plugin: { ...py314, precompile: { invalidationMode: 'unchecked-hash' } },
      }),
    );
    expect(unchecked.errors).toEqual([]);
    expect(
      readPycHeader(unchecked.files.get('__pycache__/cookie.cpython-314.pyc') as Buffer, { target: '3.14' }),
    ).toMatchObject({ kind: 'unchecked-hash', flags: 1 });
    const py312 = { python: '3.12', roots: 'py' };
    const fresh = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const missing = await build(
      'webpack',
      buildConfig('webpack', fresh, { loader: py312, plugin: { ...py312, precompile: true } }),
    );
    expect(missing.errors.join('\n')).toMatch(/no installed Pyodide runs Python 3\.12/);
    expect(missing.manifest).toBeUndefined();
  });

  it('type-checks as a webpack and an Rspack plugin', () => {
    const webpackConfig: Configuration = { plugins: [new PycachePlugin({ python: '3.12' })] };
    const rspackConfig: RspackOptions = { plugins: [new PycachePlugin({ python: '3.12' })] };
    expect(webpackConfig.plugins).toHaveLength(1);
    expect(rspackConfig.plugins).toHaveLength(1);
  });
});
