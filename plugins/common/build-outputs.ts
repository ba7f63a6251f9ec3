import { manifestPathProblem } from '../../src/contract/index.js';
import type { ManifestModule, PycacheManifest } from '../../src/contract/index.js';
import { bundleArchive } from './archive.js';
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
 * recorded in the manifest). Bytecode is compiled first, so the manifest describes it
 * (`bytecode`, and each module's `pyc` sizes and hashes). Every host (Vite/Rollup/Rolldown, webpack/Rspack, the
 * CLI) emits exactly these, so their outputs are byte-identical. Throws a `ManifestConflictError` for two modules
 * on one manifest path, an {@link OutputPathError} for a path that would leave the output folder and what
 * `precompile` throws (a `PrecompileError` names the file).
 */
export async function pythonOutputs(options: ResolvedPycacheOptions, modules: readonly BuiltPythonModule[], projectRoot: string): Promise<PythonOutputs> {
  const needBytes = options.emitSources || options.precompile !== false || options.archive;
  const sources = needBytes ? await Promise.all(modules.map(async (module) => ({ entry: module.entry, file: module.file, bytes: await module.bytes() }))) : [];
  const pycs = await precompileSources(options, sources, projectRoot);
  const bytecode = options.precompile === false ? undefined : { invalidationMode: options.precompile.invalidationMode, files: pycs };
  const document = buildManifest(options.target, modules.map((module) => module.entry), bytecode);
  const outputs: PythonOutput[] = [];
  if (options.emitSources) {
    for (const { entry, file, bytes } of sources) {
      outputs.push({ fileName: outputPathFor(options.manifest, entry.source), source: bytes, ...(file === undefined ? {} : { originalFile: file }) });
    }
  }
  if (options.archive) {
    // One file for every source and .pyc, found through the manifest's `archive` record (written last).
    const archive = bundleArchive(document, new Map(sources.map(({ entry, bytes }) => [entry.source, bytes])), pycs, options.manifest);
    outputs.push({ fileName: archive.fileName, source: archive.bytes });
    document.archive = archive.record;
  } else {
    for (const [cachePath, pyc] of pycs) outputs.push({ fileName: outputPathFor(options.manifest, cachePath), source: pyc });
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
    super(`pycache: refusing to write ${JSON.stringify(fileName)}${module === undefined ? '' : ` for module ${module}`}: ${problem}, so it could land outside the output folder; nothing was written`);
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
  const owner = modules.find(({ entry }) => fileName.endsWith(entry.source) || Object.values(entry.cache).some((path) => path !== undefined && fileName.endsWith(path)));
  throw new OutputPathError(fileName, problem, owner?.entry.module);
}

/**
 * The `precompile` option: `.pyc` bytes by manifest cache path, compiled by the target's own interpreter (Pyodide
 * in Node, `plugins/precompile`). Loaded lazily: a build without the option never loads Pyodide.
 */
async function precompileSources(options: ResolvedPycacheOptions, sources: readonly { entry: ManifestModule; bytes: Uint8Array }[], projectRoot: string): Promise<Map<string, Uint8Array>> {
  if (options.precompile === false || sources.length === 0) return new Map();
  const { precompile } = await import('../precompile/index.js');
  return precompile({
    modules: sources.map(({ entry, bytes }) => ({ source: entry.source, cache: entry.cache, bytes })),
    target: options.target,
    mode: options.precompile.invalidationMode,
    optimizations: options.optimizations,
    projectRoot,
  });
}
