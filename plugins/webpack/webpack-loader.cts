/**
 * `pycache-kit/webpack-loader`, as CommonJS. webpack's loader runner loads an ES module loader with a dynamic
 * `import()` for every module it builds (a promise, a URL, a module-map lookup), and a CommonJS one with `require()`,
 * cached after the first. This file `require()`s the loader's ES module once (Node ≥ 20.19 loads ES modules
 * synchronously) and hands the runner the same function.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry, by design (see above)
import loader = require('./loader.js');
import type { PycacheLoaderOptions as LoaderOptions } from './loader.js';

/** The loader (`loader.ts`). */
function pycacheLoader(this: ThisParameterType<typeof loader.default>, content: Uint8Array): void {
  loader.default.call(this, content);
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- the options type beside an `export =` function
namespace pycacheLoader {
  /** The loader's options: the plugins' own names and meanings. */
  export type PycacheLoaderOptions = LoaderOptions;
}

// Bytes in, as `loader.ts` says: the runner reads `raw` from the module it loaded. Not typed as a named export:
// Node gives an ES module importer of this file only `default`.
(pycacheLoader as { raw?: boolean }).raw = loader.raw;

export = pycacheLoader;
