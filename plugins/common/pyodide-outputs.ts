import type { BuildCache } from './build-cache.js';
import type { ManifestPyodide } from './manifest-pyodide.js';
import type { ResolvedPycacheOptions } from './options.js';
import {
  manifestPyodideField,
  projectPyodide,
  pyodideRuntimeAssets,
  PYODIDE_RUNTIME_DIR,
  STDLIB_ARCHIVE_FILE,
} from './pyodide-runtime.js';
import { outputPathFor } from './python-module.js';

/** What the `pyodide` and `stdlib` options add to a build. */
export interface PyodideOutputs {
  /** Files to emit, by output path. */
  readonly assets: Map<string, Uint8Array>;
  /** The manifest's `pyodide` field. */
  readonly field: ManifestPyodide | undefined;
  /** The output paths of the runtime's own files (emitted as published: a minifier would rewrite `pyodide.asm.mjs`). */
  readonly published: ReadonlySet<string>;
}

/**
 * The build outputs of the `pyodide` option (the runtime files of the project's own Pyodide, under `pyodide/`)
 * and of the `stdlib` option (the app's stdlib archive: under `pyodide/` in place of Pyodide's own when the
 * runtime is emitted, else beside the manifest), and the manifest field naming them. Host-independent: the Vite
 * and webpack plugins emit `assets` and put `field` into the manifest.
 *
 * `reached` is what the app's import graph imports from outside its roots (the stdlib modules among it are kept;
 * the Pyodide packages among it are named in the log); without it (no `entries`) the whole stdlib is kept, still
 * compiled, so nothing compiles in the page either way.
 */
export async function pyodideOutputs(init: {
  options: ResolvedPycacheOptions;
  projectRoot: string;
  /** Source encodings of the app's modules (their codecs are looked up at run time). */
  encodings: Iterable<string>;
  reached?: Iterable<string>;
  cache?: BuildCache;
  log?: (line: string) => void;
}): Promise<PyodideOutputs> {
  const { options, projectRoot } = init;
  if (!options.pyodide && options.stdlib === false)
    return { assets: new Map(), field: undefined, published: new Set() };
  const runtime = options.pyodide ? projectPyodide(options.target, projectRoot) : undefined;
  let archive: Uint8Array | undefined;
  if (options.stdlib !== false) {
    const { buildStdlibArchive } = await import('./stdlib-archive.js');
    const { describeCachedPrecompile } = await import('../precompile/cached-precompile.js');
    const built = await buildStdlibArchive({
      target: options.target,
      reached: init.reached ?? [],
      include: init.reached === undefined ? ['*'] : options.stdlib.include,
      encodings: init.encodings,
      sources: options.stdlib.sources,
      compression: options.stdlib.compression,
      codecs: options.stdlib.codecs,
      projectRoot,
      cache: init.cache,
    });
    archive = built.bytes;
    if (built.runtimePackages.length > 0)
      init.log?.(
        `pycache: stdlib archive: the app imports ${built.runtimePackages.join(', ')}, Pyodide package(s) the page loads at run time, whose stdlib imports no build can see: if the page loads them, name the stdlib modules they import in \`stdlib.include\` (or ['*'] for the whole stdlib)`,
      );
    init.log?.(
      `pycache: stdlib archive: ${built.modules.length} modules kept, ${built.leftOut.length} left out, ${built.bytes.byteLength} bytes`,
    );
    init.log?.(describeCachedPrecompile(built.compile, 'stdlib modules'));
  }
  const assets = runtime ? pyodideRuntimeAssets(runtime, archive) : new Map<string, Uint8Array>();
  const published = new Set(assets.keys());
  let stdlibPath: string | undefined;
  if (archive && runtime) stdlibPath = `${PYODIDE_RUNTIME_DIR}/${STDLIB_ARCHIVE_FILE}`;
  else if (archive) {
    stdlibPath = outputPathFor(options.manifest, STDLIB_ARCHIVE_FILE);
    assets.set(stdlibPath, archive);
  }
  return { assets, field: manifestPyodideField(options.manifest, { runtime, stdlibPath }), published };
}
