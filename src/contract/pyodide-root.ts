/**
 * Pyodide's home folder and working directory: where the runtime installs a bundle unless told otherwise, and
 * so the folder precompiled code names as its file in tracebacks.
 */
export const DEFAULT_ROOT = '/home/pyodide';
