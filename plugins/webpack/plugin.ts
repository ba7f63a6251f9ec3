/**
 * `pycache-kit/webpack`: `PycachePlugin` emits `pycache-manifest.json` for every Python module the loader built,
 * byte-identical to the Vite plugin's for the same sources and options. Works with webpack 5 and Rspack 2: it
 * takes the bundler from `compiler.webpack` (never its own import, which breaks under a second webpack copy,
 * pyodide#4775) and reads per-module data from `buildInfo`, which both hosts' persistent caches keep.
 */
import { readFile } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  cachePathsFor,
  defaultProjectTarget,
  locatePythonFile,
  pythonOutputs,
  resolveOptions,
  resolveRoots,
  PycacheOptionError,
} from '../common/index.js';
import type {
  BuiltPythonModule,
  ManifestModule,
  PythonOutput,
  PycachePluginOptions,
  ResolvedPycacheOptions,
} from '../common/index.js';
import { loadPythonModule } from '../common/python-module.js';
import { readRecord } from './build-info.js';
import { usePythonModuleType } from './python-module-type.js';
import { tapQueryNames } from './query-names.js';
import type { PythonModuleRecord } from './build-info.js';
import type { CompilationLike, CompilerLike, InputFileSystemLike, ModuleLike } from './host-types.js';
import { webpackBuildCache } from './bytecode-cache.js';

export type { CompilerLike } from './host-types.js';
export type {
  PycacheManifest,
  ManifestModule,
  CacheKey,
  OptimizationLevel,
  PrecompileOptions,
  InvalidationMode,
} from '../common/index.js';

export type { PycachePluginOptions } from '../common/index.js';

const NAME = 'PycachePlugin';

/** Emits the `__pycache__` manifest (and, with `emitSources`, the sources) of the Python modules in a build. */
export class PycachePlugin {
  /** Absolute path of the loader (`pycache-kit/webpack-loader`), for `loader: PycachePlugin.loader` in a rule. */
  static readonly loader: string = fileURLToPath(new URL('./webpack-loader.cjs', import.meta.url));

  readonly #raw: PycachePluginOptions;
  readonly #folder: string;

  /**
   * Validates `options` now, so a bad option fails the config load with its name. `placement.folder` (a POSIX
   * folder inside the output folder, such as Next.js's `static/pycache`) is where every file goes: a host whose
   * output folder is not the one it serves (withPycache) moves them all, so their relative paths stay the same.
   */
  constructor(options: PycachePluginOptions = {}, placement: { readonly folder?: string } = {}) {
    resolveOptions(options, undefined, 'webpack');
    this.#raw = options;
    this.#folder = placement.folder === undefined ? '' : `${placement.folder.replace(/\/+$/, '')}/`;
  }

  apply(compiler: CompilerLike): void {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    const assetNames = tapQueryNames(compiler, NAME);
    usePythonModuleType(compiler, [PycachePlugin.loader, fileURLToPath(new URL('./loader.js', import.meta.url))], NAME);
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // Per compilation, as the loader does: a watch rebuild may follow an upgrade of the project's Pyodide.
      const options = resolveOptions(this.#raw, () => defaultProjectTarget(compiler.context), 'webpack');
      const roots = resolveRoots(options.roots, compiler.context);
      compilation.hooks.processAssets.tapPromise(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        async () => {
          try {
            const outputs = (await compilationOutputs(compilation, options, roots, compiler)).map((output) => ({
              ...output,
              fileName: this.#folder + output.fileName,
            }));
            // The Pyodide runtime's files are emitted as published (a minifier would rewrite pyodide.asm.mjs); names
            // webpack would cut at '?' or '#' are written after the emit (query-names.ts).
            for (const { fileName, source, asPublished } of assetNames.assets(compilation, outputs)) {
              compilation.emitAsset(
                fileName,
                new sources.RawSource(typeof source === 'string' ? source : toBuffer(source)),
                asPublished ? { minimized: true } : undefined,
              );
            }
          } catch (error) {
            const errors = error instanceof AggregateError ? error.errors : [error];
            for (const e of errors)
              compilation.errors.push(new WebpackError(e instanceof Error ? e.message : String(e)));
          }
        },
      );
    });
  }
}

/**
 * The files to emit (the shared host layer's {@link pythonOutputs}) for the Python modules of the compilation;
 * none when one of them failed to build (it already carries its error; a partial manifest would hide it).
 * Throws what makes the manifest impossible (an `AggregateError` when several records are at fault).
 */
async function compilationOutputs(
  compilation: CompilationLike,
  options: ResolvedPycacheOptions,
  roots: readonly string[],
  compiler: CompilerLike,
): Promise<PythonOutput[]> {
  const records = pythonRecords(compilation.modules);
  if (records === undefined) return [];
  const modules: BuiltPythonModule[] = [];
  const problems: unknown[] = [];
  for (const record of records) {
    try {
      modules.push({
        entry: manifestEntry(record, options, roots),
        bytes: () => readSource(compiler.inputFileSystem, record.resource),
      });
    } catch (error) {
      problems.push(error);
    }
  }
  if (problems.length > 0) throw problems.length === 1 ? problems[0] : new AggregateError(problems);
  const graph = await graphModules(
    compilation,
    options,
    roots,
    compiler,
    new Set(records.map((record) => record.resource)),
  );
  modules.push(...graph.modules);
  // Compiled bytecode lives in webpack's cache when it persists one, else in pycache-kit's cache folder.
  const logger = compilation.getLogger?.(NAME);
  const context = {
    cache: webpackBuildCache(compilation, compiler.context),
    log: (line: string) => logger?.info(line),
    reached: graph.reached,
  };
  return (await pythonOutputs(options, modules, compiler.context, context)).files;
}

/**
 * The `entries` option: the modules the Python import graph reaches that JS did not import (plugins/common/
 * python-entries.ts), decoded here as the loader would, and the stdlib modules it reaches; the summary goes to the compilation's logger, missing
 * imports become warnings, and every file of the graph is watched.
 */
async function graphModules(
  compilation: CompilationLike,
  options: ResolvedPycacheOptions,
  roots: readonly string[],
  compiler: CompilerLike,
  loaded: ReadonlySet<string>,
): Promise<{ modules: BuiltPythonModule[]; reached?: string[] }> {
  if (options.entries === undefined) return { modules: [] };
  // Loaded with `entries` only (the import graph runs Python): the plugin is loaded by every webpack build.
  const { entryModules } = await import('../common/python-entries.js');
  const { importedOutsideRoots } = await import('../common/import-graph.js');
  const found = await entryModules(options, roots, compiler.context);
  const logger = compilation.getLogger?.(NAME);
  for (const line of found.info) logger?.info(line);
  for (const warning of found.warnings) compilation.warnings.push(new compiler.webpack.WebpackError(warning));
  const modules: BuiltPythonModule[] = [];
  for (const file of found.files) {
    compilation.fileDependencies?.add(file);
    if (loaded.has(file)) continue;
    const bytes = await readSource(compiler.inputFileSystem, file);
    modules.push({ entry: (await loadPythonModule(file, bytes, roots, options)).entry, bytes: () => bytes });
  }
  // The stdlib modules the graph reaches (submodule candidates included) choose the `stdlib` archive's modules.
  return { modules, reached: importedOutsideRoots(found.graph) };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Records of every Python module in the compilation, or `undefined` when one of them failed to build. */
function pythonRecords(modules: Iterable<ModuleLike>): PythonModuleRecord[] | undefined {
  const byResource = new Map<string, PythonModuleRecord>();
  for (const module of allModules(modules)) {
    const record = readRecord(module);
    if (record === undefined) continue;
    if (!record.ok) return undefined;
    if ('leftOut' in record) continue;
    byResource.set(record.resource, record);
  }
  return [...byResource.values()];
}

/** `modules` and the modules inside concatenated ones (webpack's scope hoisting wraps them). */
function* allModules(modules: Iterable<ModuleLike>): Generator<ModuleLike> {
  for (const module of modules) {
    yield module;
    const inner = (module as { modules?: Iterable<ModuleLike> }).modules;
    if (inner && typeof inner[Symbol.iterator] === 'function') yield* inner;
  }
}

/**
 * The manifest entry of a record under the plugin's options. The loader decoded with its own options; the
 * plugin refuses a record whose target or module name differs, because the module's named exports would then
 * disagree with the manifest.
 */
function manifestEntry(
  record: PythonModuleRecord,
  options: ResolvedPycacheOptions,
  roots: readonly string[],
): ManifestModule {
  const { target } = options;
  const location = locatePythonFile(record.resource, roots);
  if (record.cacheTag !== target.cacheTag) {
    throw new PycacheOptionError(
      'python',
      `of ${NAME} is ${target.cacheTag} but the loader decoded ${record.resource} for ${record.cacheTag}; give the loader and the plugin the same "python"`,
    );
  }
  if (location.source !== record.entry.source || location.module !== record.entry.module) {
    throw new PycacheOptionError(
      'roots',
      `of ${NAME} make ${record.resource} "${location.module}" (${location.source}) but the loader's make it "${record.entry.module}" (${record.entry.source}); give the loader and the plugin the same "roots"`,
    );
  }
  return { ...record.entry, cache: cachePathsFor(location.source, target, options.optimizations) };
}

/** The bytes of a source file, read through the compiler's file system (what the loader read). */
function readSource(fs: InputFileSystemLike | null | undefined, path: string): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const done = (error: Error | null | undefined, data?: Uint8Array | string) => {
      if (error || data === undefined) reject(error ?? new Error(`pycache: cannot read ${path}`));
      else resolve(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    };
    if (fs) fs.readFile(path, done);
    else readFile(path, done);
  });
}
