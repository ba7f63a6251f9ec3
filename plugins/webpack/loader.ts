/**
 * `pycache-kit/webpack-loader`: a raw loader (webpack 5, Rspack 2) that turns a `.py` file into the same ES module
 * the Vite plugin gives: `export default` the text CPython's `importlib.util.decode_source` gives for the target,
 * plus `sourcePath`, `cachePath`, `moduleName` and `encoding`. It works alone; `PycachePlugin` adds the manifest
 * from the record each run leaves in the module's `buildInfo` (and, on webpack ≥ 5.111, builds the modules itself
 * without running the loader: python-module-type.ts).
 */
import { buildPythonModule, buildSetup, hideStack } from './python-build.js';
import type { PythonBuildSetup } from './python-build.js';
import { isPythonModuleType } from './python-module-type.js';
import type { LoaderContextLike } from './host-types.js';
import type { PycacheLoaderOptions } from '../common/index.js';

export type { PycacheLoaderOptions } from '../common/index.js';

/** Bytes in, because CPython decodes from bytes (PEP 263 cookie, BOM); a text loader would get lossy UTF-8. */
export const raw = true;

const outsideCompilation = {};

/**
 * The loader. Fails the module for bad options, a file outside every root, or undecodable bytes. Gives the decoded
 * text to a module PycachePlugin typed as Python ({@link isPythonModuleType}), else the ES module with its syntax
 * tree, so webpack does not parse the text. Asynchronous: a source in a charmap or CJK encoding first loads the
 * codec tables.
 */
export default function pycacheLoader(
  this: LoaderContextLike<PycacheLoaderOptions | undefined>,
  content: Uint8Array,
): void {
  let setup: PythonBuildSetup;
  try {
    // Synchronously, as before any file work: a bad option fails the module at once, naming the option.
    setup = buildSetup(this.getOptions() ?? {}, this.rootContext, this._compilation ?? outsideCompilation);
  } catch (error) {
    throw hideStack(error);
  }
  const callback = this.async();
  this.cacheable(true);
  const module = this._module;
  if (!module)
    this.emitWarning(
      new Error(
        'pycache: this bundler gives loaders no `this._module` (Rspack 1?), so PycachePlugin cannot list this module in the manifest; use webpack 5 or Rspack 2',
      ),
    );
  const host = {
    resourcePath: this.resourcePath,
    module,
    addDependency: (file: string) => this.addDependency(file),
    emitWarning: (warning: Error) => this.emitWarning(warning),
  };
  buildPythonModule(host, content, setup, module !== undefined && isPythonModuleType(module)).then(
    (result) => callback(null, result.content, undefined, result.meta),
    (error: unknown) => callback(hideStack(error)),
  );
}
