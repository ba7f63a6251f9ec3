// webpack 5 with PycachePlugin builds each .py as a module of its own type (python/pycache-kit: the loader gives the
// text, a generator writes the exports; plugins/webpack/python-module-type.ts). Its bundles must export exactly what
// the loader alone (a JavaScript module) exports, in production (scope hoisting, unused exports dropped) and in
// development, with CommonJS and ES module output; and it must be the type webpack really built. On this webpack
// (≥ 5.111, an asynchronous processResult hook) the plugin builds those modules itself: the loader must not run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';
import { PYTHON_MODULE_TYPE } from '../../plugins/webpack/python-module-type.js';
import {
  appExpectations,
  buildConfig,
  cleanupProjects,
  createCompiler,
  LOADER_FILE,
  loadBundle,
  makeProject,
  readOutput,
  writeFile,
  type HostConfig,
} from '../helpers/webpack-harness.js';
import { expectBasicNames, expectBasicTexts, type BasicExports } from '../helpers/basic-app.js';

afterAll(cleanupProjects);

const options = { python: '3.12', roots: 'py' };

interface TypedBuild {
  errors: string[];
  outDir: string;
  /** The type webpack gave each Python module. */
  types: string[];
  /** The loaders webpack ran for each Python module (its resource: their files). */
  loaders: Map<string, string[]>;
}

/** One build; its errors, output folder, and the type and loaders of each Python module. */
async function buildWithTypes(config: HostConfig): Promise<TypedBuild> {
  const loaders = new Map<string, string[]>();
  config.plugins = [
    ...((config.plugins as object[] | undefined) ?? []),
    {
      apply(compiler: webpack.Compiler) {
        compiler.hooks.compilation.tap('test', (compilation) =>
          compilation.hooks.succeedModule.tap('test', (module) => {
            const { resource, loaders: ran } = module as webpack.NormalModule;
            if (resource?.endsWith('.py'))
              loaders.set(
                resource,
                ran.map((item) => item.loader),
              );
          }),
        );
      },
    },
  ];
  const compiler = createCompiler('webpack', config);
  const json = await new Promise<{
    errors?: { message: string }[];
    modules?: { name?: string; moduleType?: string; modules?: { name?: string; moduleType?: string }[] }[];
  }>((resolve, reject) =>
    compiler.run((error, stats) =>
      error || !stats
        ? reject(error ?? new Error('no stats'))
        : resolve(stats.toJson({ all: false, errors: true, modules: true, nestedModules: true })),
    ),
  );
  await new Promise<void>((resolve, reject) => compiler.close((error) => (error ? reject(error) : resolve())));
  const modules = (json.modules ?? []).flatMap((m) => [m, ...(m.modules ?? [])]);
  const types = modules.filter((m) => /\.py$/.test(m.name ?? '')).map((m) => m.moduleType ?? '?');
  return { errors: (json.errors ?? []).map((e) => e.message), outDir: config.output.path, types, loaders };
}

/** Whether pycache-kit's loader ran for any Python module of `build` (it did for all of them, or for none). */
function loaderRan(build: TypedBuild): boolean {
  const ran = [...build.loaders.values()].map((files) => files.includes(LOADER_FILE));
  expect(ran).toHaveLength(9);
  expect(new Set(ran).size).toBe(1);
  return ran[0];
}

describe('webpack: Python modules as a module type of their own', () => {
  const expected = appExpectations('basic');

  for (const mode of ['production', 'development'] as const) {
    it(`exports what the loader alone exports (${mode}, CommonJS output)`, async () => {
      const dir = makeProject('basic', 'basic');
      const typed = await buildWithTypes(
        buildConfig('webpack', dir, { loader: options, plugin: options, mode, outDir: join(dir, 'typed') }),
      );
      const alone = await buildWithTypes(
        buildConfig('webpack', dir, { loader: options, plugin: false, mode, outDir: join(dir, 'alone') }),
      );
      expect(typed.errors).toEqual([]);
      expect(alone.errors).toEqual([]);
      expect(new Set(typed.types)).toEqual(new Set([PYTHON_MODULE_TYPE]));
      expect(new Set(alone.types)).toEqual(new Set(['javascript/auto']));
      expect(typed.types).toHaveLength(9);
      expect(loaderRan(typed)).toBe(false);
      expect(loaderRan(alone)).toBe(true);
      const exports = loadBundle<BasicExports>(typed.outDir);
      expect(exports).toEqual(loadBundle<BasicExports>(alone.outDir));
      expectBasicTexts(exports.sources, expected);
      expectBasicNames(exports.named, expected);
    });
  }

  describe('writes each text as a template literal where the output has them', () => {
    // What a template literal cannot hold as it is (\ ` ${ and \r: CRLF sources decode to \n), quotes and newlines it
    // can, U+2028, and a text with a lone surrogate (CPython 3.12's decode_source of the utf-7 file gives
    // "# coding: utf-7\nx = '\ud83d'\n"), which only an escape can carry in a UTF-8 bundle.
    const files: Record<string, string | Uint8Array> = {
      'py/tricky/backslash.py':
        'import re\nDIGITS = re.compile(r"\\d+\\s*")\nWINDOWS = "C:\\\\temp\\\\"\nx = 1 + \\\n    2\n',
      'py/tricky/template.py': '$start = "`code` ${name} $ {x} }"\nf = f"${{y}}"\nend = "$"\n',
      'py/tricky/crlf.py': 'a = "\\r"\r\nb = 2\r\n',
      'py/tricky/separators.py': 'text = "a\u2028b\u2029c"\n',
      'py/tricky/surrogate.py': "# coding: utf-7\nx = '+2D0-'\n",
      'main.js': [
        "import backslash from './py/tricky/backslash.py';",
        "import template from './py/tricky/template.py';",
        "import crlf from './py/tricky/crlf.py';",
        "import separators from './py/tricky/separators.py';",
        "import surrogate from './py/tricky/surrogate.py';",
        'export const sources = { backslash, template, crlf, separators, surrogate };',
        '',
      ].join('\n'),
    };
    const build = async (
      dir: string,
      out: string,
      mode: 'production' | 'development',
      variant?: 'strings' | 'minified',
    ) => {
      const config = buildConfig('webpack', dir, {
        loader: options,
        plugin: options,
        mode,
        outDir: join(dir, out),
      });
      if (variant === 'strings') config.output = { ...config.output, environment: { templateLiteral: false } };
      if (variant === 'minified') config.optimization = { minimize: true };
      const built = await buildWithTypes(config);
      expect(built.errors).toEqual([]);
      expect(new Set(built.types)).toEqual(new Set([PYTHON_MODULE_TYPE]));
      return {
        sources: loadBundle<{ sources: Record<string, string> }>(built.outDir).sources,
        bundle: readFileSync(join(built.outDir, 'main.cjs'), 'utf8'),
      };
    };

    for (const mode of ['production', 'development'] as const) {
      it(`gives the texts the loader alone gives (${mode})`, async () => {
        const dir = makeProject(null, 'basic', files);
        const alone = await buildWithTypes(
          buildConfig('webpack', dir, { loader: options, plugin: false, mode, outDir: join(dir, 'alone') }),
        );
        expect(alone.errors).toEqual([]);
        const expectedSources = loadBundle<{ sources: Record<string, string> }>(alone.outDir).sources;
        expect(expectedSources.surrogate).toBe("# coding: utf-7\nx = '\ud83d'\n");
        const typed = await build(dir, 'typed', mode);
        expect(typed.sources).toEqual(expectedSources);
        // The template literal, its substitutions, and the lone surrogate escaped in a string literal.
        expect(typed.bundle).toContain('`import re\nDIGITS = re.compile(r"${"\\\\"}d+${"\\\\"}s*")\n');
        expect(typed.bundle).toContain('`$start = "${"`"}code${"`"} ${"${"}name} $ {x} }"\n');
        expect(typed.bundle).toContain(JSON.stringify(expectedSources.surrogate));
        // A minifier (terser, webpack's default) rewrites the literals: the texts stay.
        if (mode === 'production')
          expect((await build(dir, 'minified', mode, 'minified')).sources).toEqual(expectedSources);
        const old = await build(dir, 'strings', mode, 'strings');
        expect(old.sources).toEqual(expectedSources);
        expect(old.bundle).toContain(JSON.stringify(expectedSources.backslash));
        expect(old.bundle).not.toContain('${"');
      });
    }
  });

  it('leaves out the exports nothing imports in production, and keeps those a namespace import uses', async () => {
    const dir = makeProject('basic', 'basic');
    const { errors, outDir } = await buildWithTypes(buildConfig('webpack', dir, { loader: options, plugin: options }));
    expect(errors).toEqual([]);
    const bundle = readFileSync(join(outDir, 'main.cjs'), 'utf8');
    // main.py is imported for its text alone; app/__init__.py through a namespace import, which uses every export.
    expect(bundle).not.toContain(JSON.stringify(expected.modules['app/main.py'].cache['']));
    expect(bundle).toContain(JSON.stringify(expected.modules['app/__init__.py'].cache['']));
  });

  it('builds an ES module bundle (output.module) with the same exports', async () => {
    const dir = makeProject('basic', 'basic');
    const config = buildConfig('webpack', dir, { loader: options, plugin: options, outDir: join(dir, 'esm') });
    config.output = { ...config.output, filename: 'main.mjs', module: true, library: { type: 'module' } };
    config.experiments = { outputModule: true };
    const { errors, outDir, types } = await buildWithTypes(config);
    expect(errors).toEqual([]);
    expect(new Set(types)).toEqual(new Set([PYTHON_MODULE_TYPE]));
    const exports = (await import(pathToFileURL(join(outDir, 'main.mjs')).href)) as BasicExports;
    expectBasicTexts(exports.sources, expected);
    expectBasicNames({ ...exports.named }, expected);
    expect(readOutput(outDir).manifest).toContain('"source": "app/sjis.py"');
  });

  it('builds with the loader on a webpack whose processResult hook is synchronous (before 5.111)', async () => {
    // tapable, as the webpack that runs here has it: that webpack's processResult is replaced by the hook of 5.99-5.110.
    const { SyncWaterfallHook } = createRequire(createRequire(import.meta.url).resolve('webpack'))('tapable') as {
      SyncWaterfallHook: new (args: string[]) => unknown;
    };
    const dir = makeProject('basic', 'basic');
    const config = buildConfig('webpack', dir, { loader: options, plugin: options, outDir: join(dir, 'old') });
    const older = {
      apply(compiler: webpack.Compiler) {
        compiler.hooks.compilation.tap('older webpack', (compilation) => {
          const hooks = webpack.NormalModule.getCompilationHooks(compilation) as { processResult: unknown };
          hooks.processResult = new SyncWaterfallHook(['result', 'module']);
        });
      },
    };
    config.plugins = [older, ...((config.plugins as object[] | undefined) ?? [])];
    const old = await buildWithTypes(config);
    const current = await buildWithTypes(
      buildConfig('webpack', dir, { loader: options, plugin: options, outDir: join(dir, 'current') }),
    );
    expect(old.errors).toEqual([]);
    expect(new Set(old.types)).toEqual(new Set([PYTHON_MODULE_TYPE]));
    expect(loaderRan(old)).toBe(true);
    expect(loaderRan(current)).toBe(false);
    expect(loadBundle<BasicExports>(old.outDir)).toEqual(loadBundle<BasicExports>(current.outDir));
    expect(readOutput(old.outDir).manifest).toBe(readOutput(current.outDir).manifest);
  });

  it('builds with the loader when its options are a query string, which the loader runner parses', async () => {
    const dir = makeProject('basic', 'basic');
    const config = buildConfig('webpack', dir, { loader: options, plugin: options });
    const rule = (config.module as { rules: { use: { options?: unknown }[] }[] }).rules[0];
    rule.use[0].options = 'python=3.12&roots=py';
    const query = await buildWithTypes(config);
    expect(query.errors).toEqual([]);
    expect(new Set(query.types)).toEqual(new Set([PYTHON_MODULE_TYPE]));
    expect(loaderRan(query)).toBe(true);
    expectBasicTexts(loadBundle<BasicExports>(query.outDir).sources, expected);
  });

  it('keeps a JavaScript module when another loader runs after pycache-kit', async () => {
    const dir = makeProject('basic', 'basic');
    const config = buildConfig('webpack', dir, { loader: options, plugin: options });
    const rule = (config.module as { rules: { use: object[] }[] }).rules[0];
    rule.use = [{ loader: join(dir, 'identity-loader.cjs') }, ...rule.use];
    writeFile(join(dir, 'identity-loader.cjs'), 'module.exports = (source) => source;\n');
    const { errors, outDir, types } = await buildWithTypes(config);
    expect(errors).toEqual([]);
    expect(new Set(types)).toEqual(new Set(['javascript/auto']));
    expectBasicTexts(loadBundle<BasicExports>(outDir).sources, expected);
  });
});
