/**
 * Building one `.py` module for webpack/Rspack from its bytes: what `pycache-kit/webpack-loader` does, and what
 * `PycachePlugin` does itself on a webpack whose `processResult` hook is asynchronous (python-module-type.ts), where
 * running the loader would cost the loader runner per file and nothing else.
 */
import { join } from 'node:path';
import {
  defaultProjectTarget,
  detectProjectPython,
  leftOutMessage,
  loadPythonModule,
  plainPythonModule,
  pythonModuleCode,
  resolveOptions,
  resolveRoots,
} from '../common/index.js';
import type { ManifestModule, ResolvedPycacheOptions } from '../common/index.js';
import { writeNames, writeRecord } from './build-info.js';
import { pythonModuleAst } from './module-ast.js';
import type { ModuleLike } from './host-types.js';

/** The loader's options, resolved once per compilation: the target, the absolute roots, the files to watch. */
export interface PythonBuildSetup {
  readonly options: ResolvedPycacheOptions;
  readonly roots: readonly string[];
  /** Files the default target was read from (the project's Pyodide), so upgrading it rebuilds the modules. */
  readonly dependencies: readonly string[];
}

// Resolving options reads the project's Pyodide (its lock file is large), so it is done once per compilation
// and options; not longer, as a watch or cached rebuild may follow an upgrade of that Pyodide.
const setupsByCompilation = new WeakMap<object, Map<string, PythonBuildSetup>>();

/**
 * The setup for the loader options `raw` (validated by the options' one validator, as in every host: Rspack
 * validates no loader schema, webpack only a given one), cached per compilation and options. Throws a
 * `PycacheOptionError` naming the option.
 */
export function buildSetup(raw: unknown, rootContext: string, compilation: object): PythonBuildSetup {
  let setups = setupsByCompilation.get(compilation);
  if (!setups) setupsByCompilation.set(compilation, (setups = new Map()));
  const key = `${rootContext}\0${JSON.stringify(raw)}`;
  let setup = setups.get(key);
  if (!setup) {
    const options = resolveOptions(raw, () => defaultProjectTarget(rootContext), 'webpack-loader');
    const pyodide = options.targetSource === 'pyodide' ? detectProjectPython(rootContext)?.packageDir : undefined;
    const dependencies = pyodide ? [join(pyodide, 'package.json'), join(pyodide, 'pyodide-lock.json')] : [];
    setup = { options, roots: resolveRoots(options.roots, rootContext), dependencies };
    setups.set(key, setup);
  }
  return setup;
}

/** What building a module needs from where it runs: the loader's context, or the plugin's `processResult` tap. */
export interface PythonBuildHost {
  /** Absolute path of the source file (the resource without query or fragment). */
  readonly resourcePath: string;
  /** The module being built, where its record goes (`undefined`: a host that gives loaders none). */
  readonly module: ModuleLike | undefined;
  addDependency(file: string): void;
  emitWarning(warning: Error): void;
}

/** What the module's source becomes: its decoded text, or the ES module with its syntax tree for webpack. */
export interface PythonBuildResult {
  readonly content: string;
  readonly meta?: { readonly webpackAST: object };
}

/**
 * Decodes `content` (the file's bytes) and leaves the module's record (and, for a module of the Python module type,
 * its named exports) in its `buildInfo`. Gives the text for a `typed` module (its generator writes the code), else
 * the ES module. Rejects with a `PythonDecodeError` (file, line, column, reason) or a `PythonRootError`; the record
 * then stays pending, so PycachePlugin writes no manifest.
 */
export async function buildPythonModule(
  host: PythonBuildHost,
  content: Uint8Array,
  setup: PythonBuildSetup,
  typed: boolean,
): Promise<PythonBuildResult> {
  startRecord(host, setup);
  return decodeModule(host, content, setup, typed);
}

/** {@link buildPythonModule} once the pending record is written. */
async function decodeModule(
  host: PythonBuildHost,
  content: Uint8Array,
  setup: PythonBuildSetup,
  typed: boolean,
): Promise<PythonBuildResult> {
  const loaded = await loadPythonModule(host.resourcePath, content, setup.roots, setup.options);
  finishRecord(host, setup, loaded);
  if (host.module && typed) {
    const { text, ...names } = loaded.exports;
    writeNames(host.module, names);
    return { content: text };
  }
  const code = pythonModuleCode(loaded.exports);
  const webpackAST = pythonModuleAst(code, loaded.exports);
  return webpackAST === undefined ? { content: code } : { content: code, meta: { webpackAST } };
}

/**
 * {@link buildPythonModule} for a module of the Python module type that PycachePlugin builds itself: `undefined` when
 * the text is `content` read as UTF-8 with a leading BOM dropped (nearly every source), which is then not decoded here:
 * webpack keeps the bytes, as it does for `asset/source`, and the generator decodes them. Else the decoded text.
 */
export async function buildTypedPythonModule(
  host: PythonBuildHost,
  content: Uint8Array,
  setup: PythonBuildSetup,
): Promise<string | undefined> {
  startRecord(host, setup);
  const plain = plainPythonModule(host.resourcePath, content, setup.roots, setup.options);
  if (plain === undefined) return (await decodeModule(host, content, setup, true)).content;
  finishRecord(host, setup, plain);
  if (host.module) writeNames(host.module, plain.names);
  return undefined;
}

/** The pending record (it stays when decoding fails) and the files the setup depends on. */
function startRecord(host: PythonBuildHost, setup: PythonBuildSetup): void {
  writeRecord(host.module, { resource: host.resourcePath, ok: false });
  for (const dependency of setup.dependencies) host.addDependency(dependency);
}

/** The record of a module that built: its manifest entry, or why the manifest leaves it out (with a warning). */
function finishRecord(
  host: PythonBuildHost,
  { options: { target } }: PythonBuildSetup,
  built: { readonly entry: ManifestModule; readonly leftOut: string | null },
): void {
  const file = host.resourcePath;
  if (built.leftOut !== null) {
    host.emitWarning(new Error(leftOutMessage(file, built.leftOut)));
    writeRecord(host.module, { ok: true, resource: file, leftOut: built.leftOut });
  } else {
    writeRecord(host.module, {
      ok: true,
      resource: file,
      python: target.version,
      cacheTag: target.cacheTag ?? '',
      entry: built.entry,
    });
  }
}

/**
 * Our errors' messages are complete (file, line, column, reason); webpack then shows them without a JS stack.
 * Turbopack ignores `hideStack` and prints `stack` (and each `cause`'s), so those become the message line alone.
 */
export function hideStack(error: unknown): Error {
  for (let e = error; e instanceof Error; e = e.cause) {
    Object.assign(e, { hideStack: true });
    e.stack = `${e.name}: ${e.message}`;
  }
  return error instanceof Error ? error : new Error(String(error));
}
