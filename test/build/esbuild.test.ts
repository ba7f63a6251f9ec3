// esbuild builds of the fixture apps with `pycache-kit/esbuild` (the built plugin, through the package's exports):
// the decoded text and named exports equal CPython 3.12's answers in fixtures/apps/*/expected.json, the manifest is
// written beside the bundle and equals the Vite plugin's byte for byte, and bad input fails the build in esbuild's
// message format (file, line, column, the line) with nothing written.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, context } from 'esbuild';
import type { BuildFailure, BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import viteplugin from '../../plugins/vite.js';
import { appExpectations } from '../helpers/webpack-harness.js';
import {
  BASIC_APP,
  cleanupProjects,
  importBundle,
  makeProject,
  pluginFrom,
  repoRoot,
} from '../helpers/esbuild-harness.js';
import { expectBasicNames, expectBasicTexts, type BasicExports } from '../helpers/basic-app.js';

afterAll(cleanupProjects);

const options = { python: '3.12', roots: 'py', optimizations: [0, 1, 2] as (0 | 1 | 2)[] };

/** esbuild's build options for the project in `dir`. */
function config(dir: string, extra: BuildOptions = {}): BuildOptions {
  return {
    absWorkingDir: dir,
    entryPoints: ['main.js'],
    bundle: true,
    format: 'esm',
    outdir: 'dist',
    logLevel: 'silent',
    ...extra,
  };
}

async function failure(run: Promise<unknown>): Promise<BuildFailure> {
  try {
    await run;
  } catch (error) {
    return error as BuildFailure;
  }
  throw new Error('the build did not fail');
}

describe('esbuild: the basic fixture app', async () => {
  const dir = makeProject('basic', BASIC_APP);
  // The fixture's own build script, run as a user runs it.
  execFileSync(process.execPath, ['build.mjs'], { cwd: dir });
  const expected = appExpectations('basic');
  const manifest = readFileSync(join(dir, 'dist/pycache-manifest.json'), 'utf8');

  it("gives each module the text CPython 3.12's decode_source gives, and CPython's names", async () => {
    const { sources, named } = await importBundle<BasicExports>(join(dir, 'dist/main.js'));
    expectBasicTexts(sources, expected);
    expectBasicNames(named, expected);
  });

  it('writes the manifest beside the bundle, with the paths, encodings, sizes and hashes of the files', () => {
    const parsed = JSON.parse(manifest) as {
      python: unknown;
      modules: { source: string; cache: Record<string, string>; encoding: string; size: number; sha256: string }[];
    };
    expect(parsed.python).toEqual({ version: '3.12', cacheTag: 'cpython-312', magicNumber: 'cb0d0d0a' });
    expect(parsed.modules.map((m) => m.source)).toEqual(Object.keys(expected.modules).sort());
    for (const entry of parsed.modules) {
      const bytes = readFileSync(join(dir, 'py', entry.source));
      expect(entry.cache, entry.source).toEqual(expected.modules[entry.source].cache);
      expect(entry.encoding, entry.source).toBe(expected.modules[entry.source].encoding);
      expect(entry.size).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it("is byte-identical to the Vite plugin's manifest for the same sources and options", async () => {
    const outDir = join(dir, 'vite-dist');
    await viteBuild({
      root: join(repoRoot, 'fixtures/apps/basic'),
      logLevel: 'silent',
      configFile: false,
      plugins: [viteplugin(options)],
      build: { outDir, emptyOutDir: true, write: true, lib: { entry: 'main.js', formats: ['es'], fileName: 'main' } },
    });
    expect(manifest).toContain('"source": "app/bom.py"');
    expect(readFileSync(join(outDir, 'pycache-manifest.json'), 'utf8')).toBe(manifest);
  });

  it('writes the manifest in the folder of outfile, and emits sources beside it', async () => {
    const pycache = await pluginFrom(dir);
    await build(
      config(dir, {
        outdir: undefined,
        outfile: 'single/app.js',
        plugins: [pycache({ ...options, emitSources: true, manifest: 'py/pycache-manifest.json' })],
      }),
    );
    expect(readFileSync(join(dir, 'single/py/pycache-manifest.json'), 'utf8')).toBe(manifest);
    for (const source of Object.keys(expected.modules)) {
      expect(readFileSync(join(dir, 'single/py', source)).equals(readFileSync(join(dir, 'py', source))), source).toBe(
        true,
      );
    }
  });

  it('puts the manifest among the output files with write: false, and writes nothing', async () => {
    const pycache = await pluginFrom(dir);
    const result = await build(config(dir, { outdir: 'memory', write: false, plugins: [pycache(options)] }));
    const file = result.outputFiles?.find((output) => output.path === join(dir, 'memory/pycache-manifest.json'));
    expect(file?.text).toBe(manifest);
    expect(existsSync(join(dir, 'memory'))).toBe(false);
  });

  it('warns, writing nothing, when the build has neither outdir nor outfile', async () => {
    const pycache = await pluginFrom(dir);
    const result = await build(config(dir, { outdir: undefined, write: false, plugins: [pycache(options)] }));
    expect(result.warnings.map((warning) => warning.text)).toEqual([
      'pycache: 1 file(s) not written (pycache-manifest.json…): the build has no outdir or outfile to write them beside',
    ]);
    expect(result.outputFiles?.map((file) => file.path)).toEqual(['<stdout>']);
  });

  it('leaves a file that exclude names to esbuild, and out of the manifest', async () => {
    const pycache = await pluginFrom(dir);
    writeFileSync(join(dir, 'one.js'), "import a from './py/top.py';\nexport { a };\n");
    const error = await failure(
      build(
        config(dir, {
          entryPoints: ['one.js'],
          outdir: 'excluded',
          plugins: [pycache({ ...options, exclude: ['py/top.py'] })],
        }),
      ),
    );
    expect(error.errors.map((message) => message.text)).toEqual(['No loader is configured for ".py" files: py/top.py']);
    expect(existsSync(join(dir, 'excluded'))).toBe(false);
  });

  it('lists what each rebuild of a context loads: a module no longer imported leaves the manifest', async () => {
    const pycache = await pluginFrom(dir);
    writeFileSync(
      join(dir, 'two.js'),
      "import a from './py/top.py';\nimport b from './py/app/crlf.py';\nexport { a, b };\n",
    );
    const ctx = await context(config(dir, { entryPoints: ['two.js'], outdir: 'ctx', plugins: [pycache(options)] }));
    try {
      await ctx.rebuild();
      const sources = () =>
        (
          JSON.parse(readFileSync(join(dir, 'ctx/pycache-manifest.json'), 'utf8')) as { modules: { source: string }[] }
        ).modules.map((m) => m.source);
      expect(sources()).toEqual(['app/crlf.py', 'top.py']);
      writeFileSync(join(dir, 'two.js'), "import a from './py/top.py';\nexport { a };\n");
      await ctx.rebuild();
      expect(sources()).toEqual(['top.py']);
      // An edited module is loaded again: new text in the bundle, new size in the manifest.
      writeFileSync(join(dir, 'py/top.py'), Buffer.from('# -*- coding: latin-1 -*-\r\nEDITED = "\xe9"\r\n', 'latin1'));
      await ctx.rebuild();
      const { a } = await importBundle<{ a: string }>(join(dir, 'ctx/two.js'));
      expect(a).toBe('# -*- coding: latin-1 -*-\nEDITED = "\u00e9"\n');
      expect(
        (JSON.parse(readFileSync(join(dir, 'ctx/pycache-manifest.json'), 'utf8')) as { modules: { size: number }[] })
          .modules[0].size,
      ).toBe(41);
    } finally {
      await ctx.dispose();
    }
  });
});

describe('esbuild: sources that CPython refuses', () => {
  it("fails an undecodable file in esbuild's format: file, line, column, the line, CPython's reason; nothing written", async () => {
    const dir = makeProject('bad', 'webpack/bad');
    const pycache = await pluginFrom(dir);
    const error = await failure(build(config(dir, { plugins: [pycache(options)] })));
    const reason = appExpectations('bad').modules['bad.py'].error?.message as string;
    expect(error.errors).toHaveLength(1);
    const [message] = error.errors;
    expect(message.text).toBe(`cannot decode Python source: UnicodeDecodeError: ${reason}`);
    expect(message.pluginName).toBe('pycache-kit');
    expect(message.location).toMatchObject({
      file: 'py/bad.py',
      line: 3,
      column: 8,
      lineText: 'C = "abc\\xff"',
      length: 4,
    });
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('fails an unknown coding cookie with the SyntaxError CPython raises, on the line of the cookie', async () => {
    const dir = makeProject('bad-cookie', 'webpack/bad-cookie');
    const pycache = await pluginFrom(dir);
    const error = await failure(build(config(dir, { plugins: [pycache(options)] })));
    const cookie = appExpectations('bad-cookie').modules['cookie.py'].error;
    expect(cookie?.type).toBe('SyntaxError');
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0].text).toMatch(
      /^cannot decode Python source: SyntaxError: unknown encoding( for '[^']+')?: no-such-codec$/,
    );
    expect(error.errors[0].location).toMatchObject({ file: 'py/cookie.py', line: 1, column: 0 });
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('fails a file outside every root, naming it, with no manifest', async () => {
    const dir = makeProject(null, 'webpack/bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const pycache = await pluginFrom(dir);
    const error = await failure(build(config(dir, { plugins: [pycache({ ...options, roots: 'lib' })] })));
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0].text).toContain(
      `${join(dir, 'py/cookie.py')} is outside every Python root (${join(dir, 'lib')})`,
    );
    expect(error.errors[0].location?.file).toBe('py/cookie.py');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('writes no manifest, source or .pyc when precompile fails (esbuild has written the bundle by then)', async () => {
    const dir = makeProject('bad', 'webpack/bad', { 'main.js': "export { default } from './py/good.py';\n" });
    const pycache = await pluginFrom(dir);
    const error = await failure(
      build(config(dir, { plugins: [pycache({ ...options, python: '3.11', precompile: true, emitSources: true })] })),
    );
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0].text).toMatch(/^pycache precompile: no installed Pyodide runs Python 3\.11/);
    expect(readdirSync(join(dir, 'dist'))).toEqual(['main.js']);
  });

  it('writes no manifest when the bundle itself fails', async () => {
    const dir = makeProject('bad', 'webpack/bad', {
      'main.js': "import good from './py/good.py';\nimport x from './missing.js';\nexport { good, x };\n",
    });
    const pycache = await pluginFrom(dir);
    const error = await failure(build(config(dir, { plugins: [pycache(options)] })));
    expect(error.errors[0].text).toContain('missing.js');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('refuses a bad option when the plugin is created, with the message every host gives', async () => {
    const pycache = await pluginFrom(makeProject(null, 'webpack/bad-cookie'));
    expect(() => pycache({ optimizations: [3] } as never)).toThrow(
      'pycache: option "optimizations" must be 0, 1, 2 or a non-empty array of them, got [3]',
    );
    expect(() => pycache({ entries: ['x'] } as never)).toThrow(
      /option "entries" is not an option of the esbuild plugin/,
    );
  });
});

describe('esbuild: only Python files reach the plugin', () => {
  it('registers onLoad for .py/.pyw paths of the file namespace only, and no onResolve', async () => {
    const pycache = await pluginFrom(makeProject(null, 'webpack/bad-cookie'));
    const filters: { hook: string; filter: RegExp; namespace?: string }[] = [];
    const record = (hook: string) => (options: { filter: RegExp; namespace?: string }) =>
      filters.push({ hook, ...options });
    await pycache(options).setup({
      initialOptions: {},
      onStart() {},
      onEnd() {},
      onLoad: record('onLoad'),
      onResolve: record('onResolve'),
    } as never);
    expect(filters).toEqual([{ hook: 'onLoad', filter: /\.pyw?$/, namespace: 'file' }]);
    for (const path of ['/a/b.js', '/a/b.ts', '/a/b.json', '/a/b.css', '/a/b.pyc', '/a/b.py.js', '/a/b.pyi'])
      expect(filters[0].filter.test(path), path).toBe(false);
    for (const path of ['/a/b.py', '/a/b.pyw']) expect(filters[0].filter.test(path), path).toBe(true);
  });

  it('leaves the rest of the bundle to esbuild: the same JavaScript output as without the plugin', async () => {
    const dir = makeProject(null, 'webpack/bad-cookie', {
      'main.js': "import { x } from './lib.js';\nexport default x * 2;\n",
      'lib.js': 'export const x = 21;\n',
    });
    const pycache = await pluginFrom(dir);
    const js = async (plugins: BuildOptions['plugins']) =>
      (await build(config(dir, { write: false, plugins }))).outputFiles?.find((file) => file.path.endsWith('main.js'))
        ?.text;
    expect(await js([pycache(options)])).toBe(await js([]));
  });
});
