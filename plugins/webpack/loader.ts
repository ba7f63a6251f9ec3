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
  resolveOptions,
  resolveRoots,
} from '../common/index.js';
import type { ResolvedPycacheOptions } from '../common/index.js';
import { writeRecord } from './build-info.js';
import { pythonModuleAst } from './module-ast.js';
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
 * The loader. Throws (failing the module) for bad options, a file outside every root, or undecodable bytes. Gives
 * webpack the module's syntax tree with its text ({@link pythonModuleAst}), so webpack does not parse the text.
 */
export default function pycacheLoader(
  this: LoaderContextLike<PycacheLoaderOptions | undefined>,
  content: Uint8Array,
): void {
  this.cacheable(true);
  const file = this.resourcePath;
  if (!this._module)
    this.emitWarning(
      new Error(
        'pycache: this bundler gives loaders no `this._module` (Rspack 1?), so PycachePlugin cannot list this module in the manifest; use webpack 5 or Rspack 2',
      ),
    );
  writeRecord(this._module, { resource: file, ok: false });
  let loaded;
  try {
    const { options, roots, dependencies } = setupFor(
      this.getOptions() ?? {},
      this.rootContext,
      this._compilation ?? outsideCompilation,
    );
    for (const dependency of dependencies) this.addDependency(dependency);
    loaded = loadPythonModule(file, content, roots, options);
    const { target } = options;
    if (loaded.leftOut !== null) {
      this.emitWarning(new Error(leftOutMessage(file, loaded.leftOut)));
      writeRecord(this._module, { ok: true, resource: file, leftOut: loaded.leftOut });
    } else {
      writeRecord(this._module, {
        ok: true,
        resource: file,
        python: target.version,
        cacheTag: target.cacheTag ?? '',
        entry: loaded.entry,
      });
    }
  } catch (error) {
    throw hideStack(error);
  }
  const webpackAST = pythonModuleAst(loaded.code, loaded.exports);
  this.callback(null, loaded.code, undefined, webpackAST === undefined ? undefined : { webpackAST });
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
function hideStack(error: unknown): unknown {
  for (let e = error; e instanceof Error; e = e.cause) {
    Object.assign(e, { hideStack: true });
    e.stack = `${e.name}: ${e.message}`;
  }
  return error;
}
