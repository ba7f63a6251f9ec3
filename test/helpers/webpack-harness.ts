// Real webpack 5 / Rspack 2 compilations of fixture projects copied into temporary folders, for the webpack and
// Rspack tests. Each project has `node_modules/pycache-kit` linked to this repository, and rules name the loader
// `pycache-kit/webpack-loader` as users do: the host resolves it through package.json `exports` to the BUILT
// file (`npm run build` first).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rspack } from '@rspack/core';
import type { RspackOptions } from '@rspack/core';
import webpack from 'webpack';
import type { Configuration } from 'webpack';
import type { PycachePlugin as PycachePluginClass } from '../../plugins/webpack/plugin.js';
import { filesUnder } from './output-files.js';
import type { PycachePluginOptions } from '../../plugins/webpack/plugin.js';
import type { PycacheLoaderOptions } from '../../plugins/webpack/loader.js';

export type Host = 'webpack' | 'rspack';

const require = createRequire(import.meta.url);
// The built plugin, as users import it: its loader (the rules' `pycache-kit/webpack-loader`) is then the one it knows,
// and it makes Python modules a module type of their own (plugins/webpack/python-module-type.ts). Imported by a
// specifier TypeScript does not resolve: the type check runs before the build.
const builtPlugin: string = 'pycache-kit/webpack';
const { PycachePlugin } = (await import(builtPlugin)) as { PycachePlugin: typeof PycachePluginClass };
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** What a rule's `loader` says. */
export const LOADER = 'pycache-kit/webpack-loader';
/** The file it resolves to. */
export const LOADER_FILE = require.resolve(LOADER);
export const COUNT_LOADER = join(repoRoot, 'fixtures/webpack/count-loader.cjs');

/** The shared fixture app's `expected.json` (CPython 3.12's answers, written by scripts/generate-app-fixtures.mjs). */
export interface AppExpectations {
  python: string;
  modules: Record<
    string,
    {
      cache: Record<string, string>;
      encoding: string;
      text?: string;
      error?: { type: string; message: string; start: number | null; lineno: number | null };
    }
  >;
}

export function appExpectations(app: string): AppExpectations {
  return JSON.parse(readFileSync(join(repoRoot, 'fixtures/apps', app, 'expected.json'), 'utf8')) as AppExpectations;
}

const made: string[] = [];

/**
 * A temporary project: `fixtures/apps/<app>/py` (when that app exists) and `fixtures/webpack/<entry>/*`
 * (the webpack entry), plus `extra` files. Removed by {@link cleanupProjects}.
 */
export function makeProject(
  app: string | null,
  entry: string,
  extra: Record<string, string | Uint8Array> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), `pycache-${entry}-`));
  made.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules/pycache-kit'), 'dir');
  if (app) cpSync(join(repoRoot, 'fixtures/apps', app, 'py'), join(dir, 'py'), { recursive: true });
  cpSync(join(repoRoot, 'fixtures/webpack', entry), dir, { recursive: true });
  for (const [file, content] of Object.entries(extra)) writeFile(join(dir, file), content);
  return dir;
}

/** Writes `path`, making its folders. */
export function writeFile(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export function cleanupProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface BuildSetup {
  loader?: PycacheLoaderOptions;
  /** `false`: the loader alone. */
  plugin?: PycachePluginOptions | false;
  /** A persistent cache in this folder; `false`: no cache at all; default: the host's default. */
  cacheDir?: string | false;
  /** Log file of fixtures/webpack/count-loader.cjs, which then runs once per Python module build. */
  countLog?: string;
  mode?: 'development' | 'production';
  outDir?: string;
}

/** A configuration object both hosts accept (typed loosely: their option types differ in detail). */
export type HostConfig = Record<string, unknown> & { output: Record<string, unknown> & { path: string } };

/** The configuration both hosts accept: a Node CommonJS bundle of `main.js` that the test can `require`. */
export function buildConfig(host: Host, dir: string, setup: BuildSetup = {}): HostConfig {
  const use = [
    { loader: LOADER, options: setup.loader ?? {} },
    ...(setup.countLog ? [{ loader: COUNT_LOADER, options: { log: setup.countLog } }] : []),
  ];
  // No cacheDir: each host's default (a memory cache in development mode, none in production).
  const cache =
    setup.cacheDir === undefined || setup.cacheDir === false
      ? setup.cacheDir === false
        ? false
        : undefined
      : host === 'webpack'
        ? { type: 'filesystem' as const, cacheDirectory: setup.cacheDir }
        : { type: 'persistent' as const, storage: { type: 'filesystem' as const, directory: setup.cacheDir } };
  return {
    context: dir,
    mode: setup.mode ?? 'production',
    devtool: false,
    target: 'node',
    entry: './main.js',
    output: {
      path: setup.outDir ?? join(dir, 'dist'),
      filename: 'main.cjs',
      library: { type: 'commonjs2' },
      clean: true,
    },
    optimization: { minimize: false },
    module: { rules: [{ test: /\.pyw?$/, use }] },
    plugins: setup.plugin === false ? [] : [new PycachePlugin(setup.plugin ?? {})],
    cache,
    infrastructureLogging: { level: 'error' },
  };
}

export interface BuildResult {
  errors: string[];
  warnings: string[];
  outDir: string;
  /** Every emitted file, by POSIX path relative to the output folder. */
  files: Map<string, Buffer>;
  /** `pycache-manifest.json` as text, if emitted. */
  manifest: string | undefined;
}

/** One build (`run`, then `close`, which is when webpack writes its persistent cache). */
export async function build(host: Host, config: HostConfig): Promise<BuildResult> {
  const compiler = createCompiler(host, config);
  const stats = await new Promise<{ errors: string[]; warnings: string[] }>((resolve, reject) => {
    compiler.run((error, result) => {
      if (error || !result) {
        reject(error ?? new Error('no stats'));
        return;
      }
      const json = result.toJson({ all: false, errors: true, warnings: true });
      resolve({
        errors: (json.errors ?? []).map((e) => e.message),
        warnings: (json.warnings ?? []).map((e) => e.message),
      });
    });
  });
  await new Promise<void>((resolve, reject) => compiler.close((error) => (error ? reject(error) : resolve())));
  return { ...stats, ...readOutput(config.output.path) };
}

/** A compiler of `host` for `config`. */
export function createCompiler(host: Host, config: HostConfig) {
  return host === 'webpack' ? webpack(config as Configuration) : rspack(config as RspackOptions);
}

/** The files of an output folder and its manifest. */
export function readOutput(outDir: string): {
  outDir: string;
  files: Map<string, Buffer>;
  manifest: string | undefined;
} {
  const files = filesUnder(outDir);
  return { outDir, files, manifest: files.get('pycache-manifest.json')?.toString('utf8') };
}

/** Runs the built bundle and returns its exports (a fresh copy each call). */
export function loadBundle<T>(outDir: string): T {
  const file = join(outDir, 'main.cjs');
  delete require.cache[file];
  return require(file) as T;
}

/**
 * A running `watch`: `next()` resolves with the result of the next finished build; `until(test)` with the first
 * result that passes `test` (one file-system change can trigger more than one rebuild).
 */
export interface WatchSession {
  next(): Promise<BuildResult>;
  until(test: (result: BuildResult) => boolean): Promise<BuildResult>;
  close(): Promise<void>;
}

/** Starts `compiler.watch` on `config`; results queue up until `next()` takes them. */
export function watchBuilds(host: Host, config: HostConfig): WatchSession {
  const compiler = createCompiler(host, config) as unknown as {
    watch(
      options: object,
      handler: (
        error: Error | null,
        stats?: { toJson(o: object): { errors?: { message: string }[]; warnings?: { message: string }[] } },
      ) => void,
    ): { close(callback: (error?: Error | null) => void): void };
  };
  const results: BuildResult[] = [];
  const waiting: ((result: BuildResult) => void)[] = [];
  const watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
    const json = stats?.toJson({ all: false, errors: true, warnings: true });
    const result = {
      errors: error ? [String(error)] : (json?.errors ?? []).map((e) => e.message),
      warnings: (json?.warnings ?? []).map((e) => e.message),
      ...readOutput(config.output.path),
    };
    const taker = waiting.shift();
    if (taker) taker(result);
    else results.push(result);
  });
  const next = () => {
    const ready = results.shift();
    return ready ? Promise.resolve(ready) : new Promise<BuildResult>((resolve) => waiting.push(resolve));
  };
  return {
    next,
    until: async (test) => {
      for (;;) {
        const result = await next();
        if (test(result)) return result;
      }
    },
    close: () => new Promise((resolve, reject) => watching.close((error) => (error ? reject(error) : resolve()))),
  };
}
