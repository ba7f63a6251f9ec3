import type { PycacheManifest } from './manifest.js';

/** `loadPyodide` options a manifest's `pyodide` field gives, as absolute URLs. */
export interface PyodideLocation {
  /** The runtime folder, for `loadPyodide({ indexURL })` and `import(indexURL + 'pyodide.mjs')`. */
  readonly indexURL?: string;
  /** The app's stdlib archive, for `loadPyodide({ stdLibURL })`. */
  readonly stdLibURL?: string;
}

/**
 * Where the manifest says the Pyodide runtime and the stdlib archive are (the `pyodide` and `stdlib` build
 * options), resolved against the manifest's own URL. Empty when the build emitted neither.
 */
export function pyodideLocation(
  manifest: Pick<PycacheManifest, 'pyodide'>,
  manifestUrl: string | URL,
): PyodideLocation {
  const field = manifest.pyodide;
  if (field === undefined || field === null) return {};
  if (typeof field !== 'object') throw new TypeError('pycache-kit/pyodide: manifest.pyodide must be an object');
  const resolve = (name: 'indexURL' | 'stdLibURL'): string | undefined => {
    const value = field[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      throw new TypeError(`pycache-kit/pyodide: manifest.pyodide.${name} must be a URL relative to the manifest`);
    return new URL(value, manifestUrl).href;
  };
  const indexURL = resolve('indexURL');
  const stdLibURL = resolve('stdLibURL');
  return { ...(indexURL ? { indexURL } : {}), ...(stdLibURL ? { stdLibURL } : {}) };
}
