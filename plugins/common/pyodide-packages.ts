/**
 * The packages of a Pyodide release (its `pyodide-lock.json`): what `loadPackage`, `loadPackagesFromImports` and
 * micropip install at run time, from wheels that the npm package does not hold. Their code, and so the stdlib
 * modules it imports, cannot be read at build time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockFile {
  packages?: Record<string, { imports?: unknown; package_type?: unknown }>;
}

const byDir = new Map<string, ReadonlyMap<string, string>>();

/**
 * Top-level import names of the packages of the Pyodide in `packageDir` (`numpy` → `numpy`, `PyYAML` → `yaml`),
 * each with its package's name; empty when the lock file is missing or unreadable.
 */
export function pyodidePackageImports(packageDir: string): ReadonlyMap<string, string> {
  let imports = byDir.get(packageDir);
  if (imports) return imports;
  const map = new Map<string, string>();
  try {
    const lock = JSON.parse(readFileSync(join(packageDir, 'pyodide-lock.json'), 'utf8')) as LockFile;
    for (const [name, record] of Object.entries(lock.packages ?? {})) {
      if (!Array.isArray(record.imports)) continue;
      for (const module of record.imports) if (typeof module === 'string' && !map.has(module)) map.set(module, name);
    }
  } catch {
    // No lock file (an unusual install): no known packages.
  }
  imports = map;
  byDir.set(packageDir, imports);
  return imports;
}

/** The names among `imported` (dotted) whose top-level module is a package of that Pyodide, as `name (package)`. */
export function pyodidePackagesAmong(imported: Iterable<string>, packageDir: string): string[] {
  const imports = pyodidePackageImports(packageDir);
  const found = new Set<string>();
  for (const name of imported) {
    const top = name.split('.')[0];
    const pkg = imports.get(top);
    if (pkg !== undefined) found.add(pkg === top ? top : `${top} (${pkg})`);
  }
  return [...found].sort();
}
