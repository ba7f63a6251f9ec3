import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { PythonTarget } from '../../src/light.js';
import { findPyodide } from '../precompile/find-pyodide.js';
import type { PyodidePackage } from '../precompile/find-pyodide.js';
import type { ManifestPyodide } from './manifest-pyodide.js';
import { PycacheOptionError } from './options.js';

/** The files `loadPyodide({ indexURL })` fetches from `indexURL` (Pyodide 0.26 and later, 314's `.mjs` names). */
export const PYODIDE_RUNTIME_FILES: readonly string[] = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];

/** The folder of the runtime in the output, relative to the output root (and below the dev server's base). */
export const PYODIDE_RUNTIME_DIR = 'pyodide';

/** The stdlib archive's file name (Pyodide's own, so `loadPyodide({ indexURL })` alone loads it too). */
export const STDLIB_ARCHIVE_FILE = 'python_stdlib.zip';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

/**
 * The project's own Pyodide for `target` (the `pyodide` package, or `pyodide-3XY`), for the `pyodide` option.
 * Its Python must be the target's: a `python` option naming another Python is an option error.
 */
export function projectPyodide(target: PythonTarget, projectRoot: string): PyodidePackage {
  try {
    return findPyodide(target, projectRoot);
  } catch (error) {
    throw new PycacheOptionError(
      'pyodide',
      `needs the project's own Pyodide for the target Python: ${(error as Error).message}`,
    );
  }
}

/** The runtime files of `pkg` by output path (`pyodide/pyodide.mjs`, …); `stdlib` replaces Pyodide's own archive. */
export function pyodideRuntimeAssets(pkg: PyodidePackage, stdlib?: Uint8Array): Map<string, Uint8Array> {
  const assets = new Map<string, Uint8Array>();
  for (const file of PYODIDE_RUNTIME_FILES) {
    const bytes = file === STDLIB_ARCHIVE_FILE && stdlib ? stdlib : new Uint8Array(readFileSync(join(pkg.dir, file)));
    assets.set(`${PYODIDE_RUNTIME_DIR}/${file}`, bytes);
  }
  return assets;
}

/**
 * The manifest's `pyodide` field: URLs relative to the manifest (the runtime resolves them against the manifest's
 * own URL). `runtime` when the build emits the runtime; `stdlibPath` is the archive's output path when it emits one.
 */
export function manifestPyodideField(
  manifestPath: string | false,
  options: { runtime?: PyodidePackage; stdlibPath?: string },
): ManifestPyodide | undefined {
  const from = manifestPath === false ? '.' : posix.dirname(manifestPath);
  const rel = (path: string) => {
    const out = posix.relative(from, path);
    return out === '' ? './' : out;
  };
  if (!options.runtime && !options.stdlibPath) return undefined;
  return {
    ...(options.runtime ? { indexURL: `${rel(PYODIDE_RUNTIME_DIR)}/`, version: options.runtime.version } : {}),
    ...(options.stdlibPath ? { stdLibURL: rel(options.stdlibPath) } : {}),
  };
}

/**
 * Dev-server answer for `url` (already stripped of its query) under `base`: the runtime file's bytes and type,
 * or `undefined` when `url` is not one of the runtime's files.
 */
export function pyodideRuntimeRequest(
  pkg: PyodidePackage,
  base: string,
  url: string,
): { body: Uint8Array; type: string } | undefined {
  const prefix = `${base.endsWith('/') ? base : `${base}/`}${PYODIDE_RUNTIME_DIR}/`;
  if (!url.startsWith(prefix)) return undefined;
  const file = url.slice(prefix.length);
  if (!PYODIDE_RUNTIME_FILES.includes(file)) return undefined;
  return {
    body: new Uint8Array(readFileSync(join(pkg.dir, file))),
    type: CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream',
  };
}
