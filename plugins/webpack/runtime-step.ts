import type { ManifestModule, ResolvedPycacheOptions } from '../common/index.js';
import type { ManifestPyodide } from '../common/manifest-pyodide.js';
import { PYODIDE_RUNTIME_DIR } from '../common/pyodide-runtime.js';

/**
 * Options `pyodide` and `stdlib` in a webpack/Rspack build (plugins/common/pyodide-outputs.ts): the runtime files
 * and the stdlib archive to emit and the manifest's `pyodide` field. Loaded lazily: builds without the options
 * never load Pyodide. Compiled stdlib bytecode is kept in webpack's cache when it has one.
 */
export async function runtimeOutputsStep(options: ResolvedPycacheOptions, entries: Iterable<ManifestModule>, projectRoot: string, compilation: object, log: (line: string) => void): Promise<{ assets: Map<string, Uint8Array>; field?: ManifestPyodide }> {
  if (!options.pyodide && options.stdlib === false) return { assets: new Map() };
  const { pyodideOutputs } = await import('../common/pyodide-outputs.js');
  const { webpackBuildCache } = await import('./bytecode-cache.js');
  const encodings = [...entries].map((entry) => entry.encoding);
  return pyodideOutputs({ options, projectRoot, encodings, cache: webpackBuildCache(compilation, projectRoot), log });
}

/** Whether an output path is one of the Pyodide runtime's files (emitted as published, never minified). */
export function isRuntimeAsset(file: string): boolean {
  return file.startsWith(`${PYODIDE_RUNTIME_DIR}/`);
}
