import { manifestPathProblem } from '../../src/contract/index.js';
import type { ManifestModule, PycacheManifest } from '../../src/contract/index.js';
import type { BuildCache } from './build-cache.js';
import { buildManifest, serializeManifest } from './manifest.js';
import type { ResolvedPycacheOptions } from './options.js';
import { outputPathFor } from './python-module.js';

/** One Python module of a build: its manifest entry and a way to get its source bytes (read only when needed). */
export interface BuiltPythonModule {
  readonly entry: ManifestModule;
  /** The source file's absolute path, when the host knows it (Vite names it as the emitted source's origin). */
  readonly file?: string;
  /** The source file's bytes exactly as the loader read them; called only for `emitSources` or `precompile`. */
  readonly bytes: () => Uint8Array | Promise<Uint8Array>;
}

/** One file to write, relative to the output folder. */
export interface PythonOutput {
  readonly fileName: string;
  readonly source: string | Uint8Array;
  /** For an emitted source: the file it is a copy of. */
  readonly originalFile?: string;
  /** A file of the Pyodide runtime (option `pyodide`): emitted as published, never minified. */
  readonly asPublished?: true;
}

/** What a host adds to {@link pythonOutputs}: where compiled bytecode is kept, where to print, what the graph reached. */
export interface BuildContext {
  /** Where compiled bytecode (the app's and the stdlib's) is kept between builds. @default the cache folder `node_modules/.cache/pycache-kit` */
  readonly cache?: BuildCache;
  /** Where to print what was compiled and what came from the cache. */
  readonly log?: (line: string) => void;
  /**
   * With `entries`: what the app's import graph imports from outside the roots (`importedOutsideRoots(graph)`), so
   * the `stdlib` option keeps only the stdlib modules among them and what Pyodide needs (and names the Pyodide
   * packages among them); without it the whole stdlib is kept.
   */
  readonly reached?: Iterable<string>;
}

/** What {@link pythonOutputs} gives. */
export interface PythonOutputs {
  /** The manifest, as written (the Vite host also puts it into chunks that import `virtual:pycache-manifest`). */
  readonly document: PycacheManifest;
  /** The manifest's bytes as text (also among `files` unless `manifest: false`). */
  readonly manifest: string;
  /** Every file to write, relative to the output folder. */
  readonly files: PythonOutput[];
}

/**
 * The files a build writes for its Python modules, by output path (relative to the output folder): the manifest
 * (unless `manifest: false`), with `emitSources` every source at its manifest path and with `precompile` every
 * `.pyc` at its cache path, both beside the manifest (with `archive`, sources and `.pyc` in one archive instead,
 * recorded in the manifest). Bytecode is compiled first (through the host's bytecode cache), so the manifest
 * describes it (`bytecode`, and each module's `pyc` sizes and hashes). With `pyodide` the runtime files of the
 * project's own Pyodide go under `pyodide/`, with `stdlib` the app's stdlib archive (in place of Pyodide's own, else
 * beside the manifest), both named in the manifest's `pyodide` field. Every host (Vite/Rollup/Rolldown, webpack/Rspack, the
 * CLI) emits exactly these, so their outputs are byte-identical. Throws a `ManifestConflictError` for two modules
 * on one manifest path, an {@link OutputPathError} for a path that would leave the output folder and what
 * `precompile` throws (a `PrecompileError` names the file).
 */
export async function pythonOutputs(
  options: ResolvedPycacheOptions,
  modules: readonly BuiltPythonModule[],
  projectRoot: string,
  context: BuildContext = {},
): Promise<PythonOutputs> {
  const needBytes = options.emitSources || options.precompile !== false || options.archive;
  const sources = needBytes
    ? await Promise.all(
        modules.map(async (module) => ({ entry: module.entry, file: module.file, bytes: await module.bytes() })),
      )
    : [];
  const cache = needsCache(options, sources.length)
    ? (context.cache ?? (await defaultBuildCache(projectRoot)))
    : undefined;
  const pycs = await precompileSources(options, sources, projectRoot, cache, context.log);
  const bytecode =
    options.precompile === false ? undefined : { invalidationMode: options.precompile.invalidationMode, files: pycs };
  const document = buildManifest(
    options.target,
    modules.map((module) => module.entry),
    bytecode,
  );
  const outputs: PythonOutput[] = [];
  if (options.pyodide || options.stdlib !== false) {
    const { pyodideOutputs } = await import('./pyodide-outputs.js');
    const runtime = await pyodideOutputs({
      options,
      projectRoot,
      encodings: modules.map((module) => module.entry.encoding),
      reached: context.reached,
      cache,
      log: context.log,
    });
    for (const [fileName, source] of runtime.assets)
      outputs.push({ fileName, source, ...(runtime.published.has(fileName) ? { asPublished: true as const } : {}) });
    if (runtime.field !== undefined) document.pyodide = runtime.field;
  }
  if (options.emitSources) {
    for (const { entry, file, bytes } of sources) {
      outputs.push({
        fileName: outputPathFor(options.manifest, entry.source),
        source: bytes,
        ...(file === undefined ? {} : { originalFile: file }),
      });
    }
  }
  if (options.archive) {
    // One file for every source and .pyc, found through the manifest's `archive` record (written last).
    // Loaded when asked for, as precompile and the Pyodide outputs are: every host loads this module.
    const { bundleArchive } = await import('./archive.js');
    const archive = bundleArchive(
      document,
      new Map(sources.map(({ entry, bytes }) => [entry.source, bytes])),
      pycs,
      options.manifest,
    );
    outputs.push({ fileName: archive.fileName, source: archive.bytes });
    document.archive = archive.record;
  } else {
    for (const [cachePath, pyc] of pycs)
      outputs.push({ fileName: outputPathFor(options.manifest, cachePath), source: pyc });
  }
  const manifest = serializeManifest(document);
  if (options.manifest !== false) outputs.unshift({ fileName: options.manifest, source: manifest });
  for (const output of outputs) assertInsideOutput(output.fileName, modules);
  return { document, manifest, files: outputs };
}

/** A file a build would write outside its output folder (or at a path no manifest may hold). */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
  readonly fileName: string;

  constructor(fileName: string, problem: string, module: string | undefined) {
    super(
      `pycache: refusing to write ${JSON.stringify(fileName)}${module === undefined ? '' : ` for module ${module}`}: ${problem}, so it could land outside the output folder; nothing was written`,
    );
    this.fileName = fileName;
  }
}

/**
 * Throws an {@link OutputPathError} unless `fileName` stays inside the output folder. Paths come from the manifest,
 * which a target's `cacheTag` shapes: the check stands here, where every host plans its files, whatever made them.
 */
function assertInsideOutput(fileName: string, modules: readonly BuiltPythonModule[]): void {
  const problem = manifestPathProblem(fileName);
  if (problem === null) return;
  const owner = modules.find(
    ({ entry }) =>
      fileName.endsWith(entry.source) ||
      Object.values(entry.cache).some((path) => path !== undefined && fileName.endsWith(path)),
  );
  throw new OutputPathError(fileName, problem, owner?.entry.module);
}

/**
 * The `precompile` option: `.pyc` bytes by manifest cache path, compiled by the target's own interpreter (Pyodide
 * in Node, `plugins/precompile`). Loaded lazily: a build without the option never loads Pyodide.
 */
async function precompileSources(
  options: ResolvedPycacheOptions,
  sources: readonly { entry: ManifestModule; bytes: Uint8Array }[],
  projectRoot: string,
  cache: BuildCache | undefined,
  log: ((line: string) => void) | undefined,
): Promise<Map<string, Uint8Array>> {
  if (options.precompile === false || sources.length === 0) return new Map();
  // Through the bytecode cache: a rebuild compiles only the modules whose bytes (or target, mode...) changed.
  const { precompileCached, describeCachedPrecompile } = await import('../precompile/cached-precompile.js');
  const result = await precompileCached({
    modules: sources.map(({ entry, bytes }) => ({ source: entry.source, cache: entry.cache, bytes })),
    target: options.target,
    mode: options.precompile.invalidationMode,
    optimizations: options.optimizations,
    projectRoot,
    cache,
  });
  log?.(describeCachedPrecompile(result));
  return result.pycs;
}

/** Whether this build compiles anything (so it needs a bytecode cache). */
function needsCache(options: ResolvedPycacheOptions, sourceCount: number): boolean {
  return (options.precompile !== false && sourceCount > 0) || options.stdlib !== false;
}

/** The cache folder under the project's `node_modules/.cache`, loaded only by builds that compile. */
async function defaultBuildCache(projectRoot: string): Promise<BuildCache> {
  const { FolderBuildCache, defaultCacheDir } = await import('./build-cache.js');
  return new FolderBuildCache(defaultCacheDir(projectRoot));
}
