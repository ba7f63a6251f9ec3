import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';

/**
 * Python that makes the import system see files just written into `ARG['dirs']` (absolute folders): each folder's
 * cached path finder forgets its directory listing, and a cached "no finder" (`None`, left when the folder did
 * not exist yet) is dropped. Only those folders: `importlib.invalidate_caches()` would also ask every meta-path
 * finder, and from Python 3.13 that imports `importlib.metadata` and about 85 modules with it, compiled from source.
 */
export const INVALIDATE_DIRS_PY = `
import sys as _sys
for _dir in ARG['dirs']:
    _finder = _sys.path_importer_cache.get(_dir)
    if _finder is None:
        _sys.path_importer_cache.pop(_dir, None)
    elif hasattr(_finder, 'invalidate_caches'):
        _finder.invalidate_caches()
`;

/** `root` and every folder between it and the files at `paths` (root-relative POSIX), as absolute paths, sorted. */
export function writtenDirs(root: string, paths: Iterable<string>): string[] {
  const base = root.replace(/\/+$/, '');
  const dirs = new Set<string>([base === '' ? '/' : base]);
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${base}/${parts.slice(0, i).join('/')}`);
  }
  return [...dirs].sort();
}

/** Runs {@link INVALIDATE_DIRS_PY} for `dirs`. */
export function invalidateDirs(pyodide: Pick<PyodideLike, 'runPython'>, dirs: readonly string[]): void {
  runPythonJson(pyodide, `${INVALIDATE_DIRS_PY}\nresult = None`, { dirs });
}
