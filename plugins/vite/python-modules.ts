import { readFile } from 'node:fs/promises';
import { createPathFilter } from '../common/path-filter.js';
import { entryModules } from '../common/python-entries.js';
import type { EntryModules } from '../common/python-entries.js';
import { importedOutsideRoots } from '../common/import-graph.js';
import type { ImportGraph } from '../common/import-graph.js';
import { isAbsolute, relative } from 'node:path';
import type { ManifestModule, ManifestPyodide, PycacheManifest } from '../../src/contract/index.js';
import { PythonDecodeError } from '../common/decode-error.js';
import { buildManifest } from '../common/manifest.js';
import { resolveOptions } from '../common/options.js';
import type { OptionHost, PycacheOptions, ResolvedPycacheOptions } from '../common/options.js';
import type { BuiltPythonModule } from '../common/build-outputs.js';
import { defaultProjectTarget } from '../common/project-python.js';
import { leftOutMessage, loadPythonModule, plainPythonModule } from '../common/python-module.js';
import { pythonModuleCode } from '../common/module-code.js';
import type { PythonModuleNames } from '../common/module-code.js';
import { PythonRootError, resolveRoots } from '../common/python-roots.js';

/** What the plugin keeps per module id; rebuilt from `load`, so a watch rebuild never sees stale data. */
interface ModuleRecord {
  entry: ManifestModule;
  bytes?: Uint8Array;
}

/** A Python file that could not be loaded: the host reports it (with a position for a decode error). */
export type LoadFailure = PythonDecodeError | PythonRootError;

/**
 * The Python modules of one Vite/Rollup/Rolldown build or dev server: the options resolved for the project root,
 * and per file its manifest entry or why it failed. The plugin's hooks read and update it; nothing here knows a
 * hook.
 */
export class PythonModules {
  readonly #raw: PycacheOptions;
  readonly #host: OptionHost;
  #projectRoot = process.cwd();
  #options: ResolvedPycacheOptions;
  #roots: string[];
  #filter: (id: unknown) => boolean;
  readonly #modules = new Map<string, ModuleRecord>();
  readonly #failures = new Map<string, LoadFailure>();
  /** The last import graph of `entries` (its external modules choose the stdlib archive's modules). */
  #graph: ImportGraph | undefined;
  /** The manifest's `pyodide` field when the dev server serves the runtime (option `pyodide`). */
  #devPyodide: ManifestPyodide | undefined;

  /**
   * Validates `options` now (a `PycacheOptionError` names a bad option), as options of `host` (the esbuild
   * plugin shares this class).
   */
  constructor(options: PycacheOptions, host: OptionHost = 'vite') {
    this.#raw = options;
    this.#host = host;
    this.#options = this.#resolve();
    this.#roots = resolveRoots(this.#options.roots, this.#projectRoot);
    this.#filter = this.#makeFilter();
  }

  get options(): ResolvedPycacheOptions {
    return this.#options;
  }

  get projectRoot(): string {
    return this.#projectRoot;
  }

  get roots(): readonly string[] {
    return this.#roots;
  }

  /** Re-resolves the options for the host's project root (the default target is read from its `pyodide`). */
  configure(projectRoot: string): void {
    this.#projectRoot = projectRoot;
    this.#options = this.#resolve();
    this.#roots = resolveRoots(this.#options.roots, projectRoot);
    this.#filter = this.#makeFilter();
  }

  /** Whether the module id is a Python source this plugin loads (no query, no virtual module). */
  isPython(id: string): boolean {
    return !id.includes('?') && !id.startsWith('\0') && this.#filter(id);
  }

  /** Whether `file` lies under one of the roots (a new file there becomes a module). */
  isUnderRoot(file: string): boolean {
    return this.#roots.some((root) => isInside(root, file));
  }

  /** Whether the file is a module of the build, loaded or failed. */
  has(file: string): boolean {
    return this.#modules.has(file) || this.#failures.has(file);
  }

  entry(file: string): ManifestModule | undefined {
    return this.#modules.get(file)?.entry;
  }

  /**
   * Reads (unless given its bytes), decodes and records one file; returns its ES module (and the warning to give
   * when the manifest leaves the file out) or the error to report.
   */
  async load(id: string, read?: Uint8Array): Promise<{ code: string; warning?: string } | { error: LoadFailure }> {
    const bytes = read ?? new Uint8Array(await readFile(id));
    try {
      const loaded = await loadPythonModule(id, bytes, this.#roots, this.#options);
      this.#failures.delete(id);
      if (loaded.leftOut !== null) {
        this.#modules.delete(id);
        return { code: pythonModuleCode(loaded.exports), warning: leftOutMessage(id, loaded.leftOut) };
      }
      this.#modules.set(id, { entry: loaded.entry, bytes: this.#keepsBytes() ? bytes : undefined });
      return { code: pythonModuleCode(loaded.exports) };
    } catch (error) {
      this.#modules.delete(id);
      if (error instanceof PythonDecodeError || error instanceof PythonRootError) {
        this.#failures.set(id, error);
        return { error };
      }
      throw error;
    }
  }

  /**
   * Records a file whose text is its bytes as UTF-8 ({@link plainPythonModule}) without decoding it, for a host
   * whose bundler reads such a file itself; returns its named exports (and the warning to give when the manifest
   * leaves it out), or `undefined` for any other file, which {@link load} then decodes (or names its error).
   */
  loadPlain(id: string, bytes: Uint8Array): { names: PythonModuleNames; warning?: string } | undefined {
    let plain;
    try {
      plain = plainPythonModule(id, bytes, this.#roots, this.#options);
    } catch {
      return undefined;
    }
    if (plain === undefined) return undefined;
    this.#failures.delete(id);
    if (plain.leftOut !== null) {
      this.#modules.delete(id);
      return { names: plain.names, warning: leftOutMessage(id, plain.leftOut) };
    }
    this.#modules.set(id, { entry: plain.entry, bytes: this.#keepsBytes() ? bytes : undefined });
    return { names: plain.names };
  }

  /**
   * The `entries` option: follows the Python imports from the entries (plugins/common/python-entries.ts) and
   * loads every module they reach that is not loaded yet. Returns what to print; `undefined` without `entries`.
   * A failure to load one is recorded like any other ({@link failures}).
   */
  async loadEntries(): Promise<EntryModules | undefined> {
    if (this.#options.entries === undefined) return undefined;
    const found = await entryModules(this.#options, this.#roots, this.#projectRoot, (file) => this.isPython(file));
    this.#graph = found.graph;
    for (const file of found.files) if (!this.has(file)) await this.load(file);
    return found;
  }

  delete(file: string): void {
    this.#modules.delete(file);
    this.#failures.delete(file);
  }

  clear(): void {
    this.#modules.clear();
    this.#failures.clear();
    this.#graph = undefined;
  }

  /** The messages of the files that failed, in load order (empty when none did). */
  failures(): string[] {
    return [...this.#failures.values()].map((error) => error.message);
  }

  /** The manifest as it stands (dev: every Python module served so far). */
  manifest(): PycacheManifest {
    const manifest = buildManifest(
      this.#options.target,
      [...this.#modules.values()].map((record) => record.entry),
    );
    return this.#devPyodide === undefined ? manifest : { ...manifest, pyodide: this.#devPyodide };
  }

  /** The dev server serves the Pyodide runtime: the manifests it serves and sends with updates name it. */
  servePyodide(field: ManifestPyodide | undefined): void {
    this.#devPyodide = field;
  }

  /**
   * With `entries`: what the last import graph imports from outside the roots (`importedOutsideRoots`: the stdlib
   * modules, submodule candidates included, and packages the page loads at run time), for the `stdlib` option;
   * `undefined` without `entries` (the whole stdlib is kept).
   */
  reachedStdlib(): string[] | undefined {
    return this.#options.entries === undefined || this.#graph === undefined
      ? undefined
      : importedOutsideRoots(this.#graph);
  }

  /** Every module with its bytes, for the shared host layer's `pythonOutputs`. */
  built(): BuiltPythonModule[] {
    return [...this.#modules].map(([file, { entry, bytes }]) => ({
      entry,
      file,
      bytes: () => bytes ?? new Uint8Array(0),
    }));
  }

  /** The file whose emitted source (`emitSources`) is served at `url`, if any. */
  fileAt(url: string, urlOf: (source: string) => string): string | undefined {
    for (const [id, record] of this.#modules) if (url === urlOf(record.entry.source)) return id;
    return undefined;
  }

  /** Raw bytes are kept only when they are emitted or compiled, to keep memory at `?raw`'s level otherwise. */
  #keepsBytes(): boolean {
    return Boolean(this.#options.emitSources || this.#options.precompile !== false || this.#options.archive);
  }

  #resolve(): ResolvedPycacheOptions {
    return resolveOptions(this.#raw, () => defaultProjectTarget(this.#projectRoot), this.#host);
  }

  #makeFilter(): (id: unknown) => boolean {
    return createPathFilter(this.#options.include, this.#options.exclude, this.#projectRoot);
  }
}

/** Whether `child` is `parent` or lies inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
