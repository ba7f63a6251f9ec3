/**
 * `pycache-kit/next`: `withPycache(nextConfig, options)` sets up a Next.js app to import `.py` files as decoded text
 * and to ship the manifest, the sources and the `.pyc` (and the archive and Pyodide runtime, with their options)
 * in one served folder, `<distDir>/static/pycache/`, at the URL {@link PYCACHE_URL}:
 * - Turbopack (the default of `next build` and `next dev`): the webpack loader through `turbopack.rules` (JSON
 *   options only), and the host layer's `pythonOutputs` over the modules under `roots` as a build step (after the
 *   production compile; at `next dev` startup and after every edit under the roots);
 * - webpack (`--webpack`): the loader in every compiler, `PycachePlugin` in the client compiler only, so one
 *   manifest is written, into the same folder.
 * In the page, `loadPython(PYCACHE_URL + 'pycache-manifest.json', { indexURL: PYCACHE_URL + 'pyodide/' })`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveOptions } from './common/options.js';
import type { PycacheLoaderOptions, PycacheNextOptions, ResolvedPycacheOptions } from './common/options.js';
import { optionNames, PycacheOptionError } from './common/option-definitions.js';
import { defaultProjectTarget } from './common/project-python.js';
import { resolveRoots } from './common/python-roots.js';
import { PycachePlugin } from './webpack/plugin.js';

export type { PycacheNextOptions } from './common/options.js';
export type { PycacheManifest, ManifestModule, CacheKey } from '../src/contract/index.js';

/** The served folder, relative to Next.js's `distDir` (`next start` and static export serve `static/` at `/_next/static/`). */
export const PYCACHE_FOLDER = 'static/pycache';

/** Where the browser finds the folder (prefix `basePath` if the app sets one): the manifest is `PYCACHE_URL + 'pycache-manifest.json'`. */
export const PYCACHE_URL = '/_next/static/pycache/';

/** The loader, by package name: Turbopack resolves loaders from the project, and options must be plain JSON. */
const LOADER = 'pycache-kit/webpack-loader';

/** Next.js's config phases (`next/constants`), as strings: this module does not load Next.js. */
const PHASE_DEV = 'phase-development-server';

/** The parts of a Next.js config this helper reads and extends (structural: any Next.js 15.4+ fits). */
export interface NextConfigLike {
  distDir?: string;
  turbopack?: { rules?: Record<string, unknown>; [key: string]: unknown };
  compiler?: {
    runAfterProductionCompile?: (metadata: { projectDir: string; distDir: string }) => Promise<void>;
    [key: string]: unknown;
  };
  webpack?: ((config: WebpackConfigLike, context: WebpackContextLike) => WebpackConfigLike) | null;
  [key: string]: unknown;
}

/** What Next.js passes a `webpack` function (the fields read here). */
export interface WebpackContextLike {
  readonly isServer: boolean;
  readonly dir?: string;
  readonly [key: string]: unknown;
}

/** A webpack configuration (the fields extended here). */
export interface WebpackConfigLike {
  module?: { rules?: unknown[]; [key: string]: unknown };
  plugins?: unknown[];
  [key: string]: unknown;
}

/** A Next.js config function: `(phase, { defaultConfig }) => config`. */
export type NextConfigFunction = (
  phase: string,
  context: { defaultConfig?: unknown; [key: string]: unknown },
) => NextConfigLike | Promise<NextConfigLike>;

/**
 * The Next.js config with Python support: give it your config (an object or a config function) and the options of
 * the other hosts (`python`, `roots`, `precompile`, `emitSources`, `pyodide`…). Options are validated now (a
 * `PycacheOptionError` names a bad one). Returns a config function, which Next.js calls with the phase.
 */
export function withPycache(
  nextConfig: NextConfigLike | NextConfigFunction = {},
  options: PycacheNextOptions = {},
): NextConfigFunction {
  resolveOptions(options, undefined, 'next');
  const loaderOptions = jsonLoaderOptions(options);
  return async (phase, context) => {
    const config = typeof nextConfig === 'function' ? await nextConfig(phase, context) : nextConfig;
    const rule = { loaders: [{ loader: LOADER, options: loaderOptions }], as: '*.js' };
    const withPython: NextConfigLike = {
      ...config,
      turbopack: { ...config.turbopack, rules: { ...config.turbopack?.rules, '*.py': rule, '*.pyw': rule } },
      webpack: webpackHook(config.webpack ?? undefined, options, loaderOptions),
      compiler: { ...config.compiler, runAfterProductionCompile: afterCompile(config.compiler, options) },
    };
    if (phase === PHASE_DEV && process.env.TURBOPACK) {
      const projectDir = devProjectDir();
      const { watchPythonFolder } = await import('./next/dev-watcher.js');
      // Next.js serves `/_next/static/` in development from `<distDir>/dev/static/`.
      const folder = join(resolve(projectDir, config.distDir ?? '.next'), 'dev', ...PYCACHE_FOLDER.split('/'));
      const resolved = resolvedFor(options, projectDir);
      await watchPythonFolder(resolved, resolveRoots(resolved.roots, projectDir), projectDir, folder, {
        info: (line) => console.log(line),
        error: (line) => console.error(line),
      }).ready;
    }
    return withPython;
  };
}

/**
 * The project folder of `next dev`: Next.js gives a config function no folder (`next build` gives its build step
 * one), so it is the current one, where `next dev` runs; `next dev <dir>` from elsewhere is reported.
 */
function devProjectDir(): string {
  const dir = process.cwd();
  const configs = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.mts', 'next.config.cjs'];
  if (!configs.some((name) => existsSync(join(dir, name)))) {
    console.error(
      `pycache: no next.config file in ${dir}: run \`next dev\` in the project folder, as withPycache resolves "roots" and the output folder against it`,
    );
  }
  return dir;
}

function resolvedFor(options: PycacheNextOptions, projectDir: string): ResolvedPycacheOptions {
  return resolveOptions(options, () => defaultProjectTarget(projectDir), 'next');
}

/**
 * `compiler.runAfterProductionCompile`: after the user's own, with Turbopack (`process.env.TURBOPACK`, set by
 * `next build` for it), writes the Python files into the served folder; under webpack PycachePlugin wrote them.
 */
function afterCompile(
  compiler: NextConfigLike['compiler'],
  options: PycacheNextOptions,
): (metadata: { projectDir: string; distDir: string }) => Promise<void> {
  return async (metadata) => {
    await compiler?.runAfterProductionCompile?.(metadata);
    if (!process.env.TURBOPACK) return;
    const { writePythonFolder } = await import('./next/python-folder.js');
    const resolved = resolvedFor(options, metadata.projectDir);
    const folder = join(resolve(metadata.projectDir, metadata.distDir), ...PYCACHE_FOLDER.split('/'));
    const result = await writePythonFolder(
      resolved,
      resolveRoots(resolved.roots, metadata.projectDir),
      metadata.projectDir,
      folder,
    );
    for (const line of result.messages) console.log(line);
  };
}

/**
 * The `webpack` function for `--webpack`: the loader for `.py`/`.pyw` in every compiler (server components import
 * them too), and PycachePlugin in the client compiler only, writing into {@link PYCACHE_FOLDER}.
 */
function webpackHook(
  own: NextConfigLike['webpack'] | undefined,
  options: PycacheNextOptions,
  loaderOptions: PycacheLoaderOptions,
): NonNullable<NextConfigLike['webpack']> {
  return (webpackConfig, context) => {
    const config = own ? own(webpackConfig, context) : webpackConfig;
    config.module ??= {};
    (config.module.rules ??= []).push({
      test: /\.pyw?$/,
      use: [{ loader: PycachePlugin.loader, options: loaderOptions }],
      type: 'javascript/auto',
    });
    if (!context.isServer) (config.plugins ??= []).push(new PycachePlugin(options, { folder: PYCACHE_FOLDER }));
    return config;
  };
}

/**
 * The loader's options (those of the `webpack-loader` host: `python`, `roots`, `optimizations`) as Turbopack needs them: plain JSON values. A value
 * JSON cannot hold (a function, a RegExp, a class instance in a target object) is refused here, naming the option.
 */
function jsonLoaderOptions(options: PycacheNextOptions): PycacheLoaderOptions {
  const picked: Record<string, unknown> = {};
  for (const name of optionNames('webpack-loader')) {
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (!isJson(value)) {
      throw new PycacheOptionError(
        name,
        'must be plain JSON values (strings, numbers, booleans, arrays, plain objects) for Turbopack, which gives loaders only JSON options',
      );
    }
    picked[name] = value;
  }
  return picked as PycacheLoaderOptions;
}

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isJson);
}
