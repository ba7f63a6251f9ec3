/**
 * `pycache-kit/webpack-loader`: a raw loader (webpack 5, Rspack 2) that turns a `.py` file into the same ES module
 * the Vite plugin gives: `export default` the text CPython's `importlib.util.decode_source` gives for the target,
 * plus `sourcePath`, `cachePath`, `moduleName` and `encoding`. It works alone; `PycachePlugin` adds the manifest
 * from the record each run leaves in the module's `buildInfo`.
 */
import { join } from 'node:path';
import {
  defaultProjectTarget,
  detectProjectPython,
  leftOutMessage,
  loadPythonModule,
  pythonModuleCode,
  resolveOptions,
  resolveRoots,
} from '../common/index.js';
import type { ResolvedPycacheOptions } from '../common/index.js';
import { writeNames, writeRecord } from './build-info.js';
import { pythonModuleAst } from './module-ast.js';
import { isPythonModuleType } from './python-module-type.js';
import type { LoaderContextLike } from './host-types.js';
import type { PycacheLoaderOptions } from '../common/index.js';

export type { PycacheLoaderOptions } from '../common/index.js';

/** Bytes in, because CPython decodes from bytes (PEP 263 cookie, BOM); a text loader would get lossy UTF-8. */
export const raw = true;

interface LoaderSetup {
  options: ResolvedPycacheOptions;
  roots: string[];
  /** Files the default target was read from (the project's Pyodide), so upgrading it rebuilds the modules. */
  dependencies: string[];
}

// Resolving options reads the project's Pyodide (its lock file is large), so it is done once per compilation
// and options; not longer, as a watch or cached rebuild may follow an upgrade of that Pyodide.
const setupsByCompilation = new WeakMap<object, Map<string, LoaderSetup>>();
const outsideCompilation = {};

/**
 * The loader. Fails the module for bad options, a file outside every root, or undecodable bytes. Gives the decoded
 * text to a module PycachePlugin typed as Python ({@link isPythonModuleType}), else the ES module with its syntax
 * tree ({@link pythonModuleAst}), so webpack does not parse the text. Asynchronous: a source in a charmap or CJK
 * encoding first loads the codec tables.
 */
export default function pycacheLoader(
  this: LoaderContextLike<PycacheLoaderOptions | undefined>,
  content: Uint8Array,
): void {
  let setup: LoaderSetup;
  try {
    // Synchronously, as before any file work: a bad option fails the module at once, naming the option.
    setup = setupFor(this.getOptions() ?? {}, this.rootContext, this._compilation ?? outsideCompilation);
  } catch (error) {
    throw hideStack(error);
  }
  const callback = this.async();
  buildModule(this, content, setup).then(
    (result) => callback(null, result.content, undefined, result.meta),
    (error: unknown) => callback(hideStack(error)),
  );
}

/** What the loader gives webpack for one file. */
async function buildModule(
  context: LoaderContextLike<PycacheLoaderOptions | undefined>,
  content: Uint8Array,
  { options, roots, dependencies }: LoaderSetup,
): Promise<{ content: string; meta?: { webpackAST: object } }> {
  context.cacheable(true);
  const file = context.resourcePath;
  const module = context._module;
  if (!module)
    context.emitWarning(
      new Error(
        'pycache: this bundler gives loaders no `this._module` (Rspack 1?), so PycachePlugin cannot list this module in the manifest; use webpack 5 or Rspack 2',
      ),
    );
  writeRecord(module, { resource: file, ok: false });
  for (const dependency of dependencies) context.addDependency(dependency);
  const loaded = await loadPythonModule(file, content, roots, options);
  const { target } = options;
  if (loaded.leftOut !== null) {
    context.emitWarning(new Error(leftOutMessage(file, loaded.leftOut)));
    writeRecord(module, { ok: true, resource: file, leftOut: loaded.leftOut });
  } else {
    writeRecord(module, {
      ok: true,
      resource: file,
      python: target.version,
      cacheTag: target.cacheTag ?? '',
      entry: loaded.entry,
    });
  }
  if (module && isPythonModuleType(module)) {
    // PycachePlugin made this module a Python module (python-module-type.ts): its generator writes the code.
    const { text, ...names } = loaded.exports;
    writeNames(module, names);
    return { content: text };
  }
  const code = pythonModuleCode(loaded.exports);
  const webpackAST = pythonModuleAst(code, loaded.exports);
  return { content: code, meta: webpackAST === undefined ? undefined : { webpackAST } };
}

function setupFor(raw: unknown, rootContext: string, compilation: object): LoaderSetup {
  let setups = setupsByCompilation.get(compilation);
  if (!setups) setupsByCompilation.set(compilation, (setups = new Map()));
  const key = `${rootContext}\0${JSON.stringify(raw)}`;
  let setup = setups.get(key);
  if (!setup) {
    // The options' one validator, as in every host (Rspack validates no loader schema, webpack only a given one).
    const options = resolveOptions(raw, () => defaultProjectTarget(rootContext), 'webpack-loader');
    const pyodide = options.targetSource === 'pyodide' ? detectProjectPython(rootContext)?.packageDir : undefined;
    const dependencies = pyodide ? [join(pyodide, 'package.json'), join(pyodide, 'pyodide-lock.json')] : [];
    setup = { options, roots: resolveRoots(options.roots, rootContext), dependencies };
    setups.set(key, setup);
  }
  return setup;
}

/**
 * Our errors' messages are complete (file, line, column, reason); webpack then shows them without a JS stack.
 * Turbopack ignores `hideStack` and prints `stack` (and each `cause`'s), so those become the message line alone.
 */
function hideStack(error: unknown): Error {
  for (let e = error; e instanceof Error; e = e.cause) {
    Object.assign(e, { hideStack: true });
    e.stack = `${e.name}: ${e.message}`;
  }
  return error instanceof Error ? error : new Error(String(error));
}
