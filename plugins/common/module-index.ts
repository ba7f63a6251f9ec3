import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A Python module file that `import` can find under a root. */
export interface IndexedModule {
  /** Dotted name (`pkg` for `pkg/__init__.py`). */
  readonly module: string;
  /** POSIX path relative to its root (the manifest's `source`). */
  readonly source: string;
  /** Absolute path. */
  readonly file: string;
  /** The root it lives under. */
  readonly root: string;
  /** `pkg/__init__.py`. */
  readonly isPackage: boolean;
  /** Size in bytes. */
  readonly size: number;
}

/** Every importable module under the roots, and the folders that are namespace packages (no `__init__.py`). */
export interface ModuleIndex {
  readonly modules: ReadonlyMap<string, IndexedModule>;
  readonly namespaces: ReadonlySet<string>;
}

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const SKIPPED_DIRS = new Set(['__pycache__', 'node_modules']);

/**
 * Walks each root (absolute) the way CPython's `FileFinder` sees it: `name.py` files and folders whose names are
 * identifiers (a package with `__init__.py`, else a namespace package), skipping `__pycache__`, `node_modules`,
 * dot-folders and folders that are themselves roots (their files belong to the deeper root). A package wins over
 * a module of the same name, as in `FileFinder`; the first root wins across roots, as on `sys.path`. `accept`
 * filters files (the host's include/exclude).
 */
export function indexModules(roots: readonly string[], accept: (file: string) => boolean = () => true): ModuleIndex {
  const modules = new Map<string, IndexedModule>();
  const namespaces = new Set<string>();
  const rootSet = new Set(roots.map((root) => resolve(root)));
  const walk = (root: string, dir: string, prefix: string[]) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const found = new Map<string, IndexedModule>();
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && safeStat(path)?.isDirectory() === true);
      if (isDir) {
        if (
          SKIPPED_DIRS.has(entry.name) ||
          entry.name.startsWith('.') ||
          !IDENTIFIER.test(entry.name) ||
          rootSet.has(resolve(path))
        )
          continue;
        const name = [...prefix, entry.name];
        const init = join(path, '__init__.py');
        const initStat = safeStat(init);
        if (initStat?.isFile() && accept(init)) {
          found.set(entry.name, {
            module: name.join('.'),
            source: [...name, '__init__.py'].join('/'),
            file: init,
            root,
            isPackage: true,
            size: initStat.size,
          });
        } else {
          namespaces.add(name.join('.'));
        }
        walk(root, path, name);
      } else if (entry.name.endsWith('.py') && entry.name !== '__init__.py') {
        const stem = entry.name.slice(0, -3);
        if (!IDENTIFIER.test(stem) || found.has(stem) || !accept(path)) continue;
        const size = safeStat(path)?.size;
        if (size === undefined) continue;
        found.set(stem, {
          module: [...prefix, stem].join('.'),
          source: [...prefix, entry.name].join('/'),
          file: path,
          root,
          isPackage: false,
          size,
        });
      }
    }
    for (const module of found.values()) {
      if (
        !modules.has(module.module) ||
        (module.isPackage && !modules.get(module.module)?.isPackage && modules.get(module.module)?.root === root)
      ) {
        modules.set(module.module, module);
      }
    }
  };
  for (const root of rootSet) walk(root, root, []);
  for (const name of modules.keys()) namespaces.delete(name);
  return { modules, namespaces };
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
