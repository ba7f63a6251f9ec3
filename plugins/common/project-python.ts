import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pythonTarget } from '../../src/light.js';
import type { PythonTarget } from '../../src/light.js';

/** The Python version of an installed `pyodide` package, and the file that said so. */
export interface ProjectPython {
  version: string;
  /** The `pyodide` package folder that was read. */
  packageDir: string;
}

/**
 * The Python of the `pyodide` package the project at `projectRoot` would import (the first
 * `node_modules/pyodide` found walking up, as Node resolves it): `info.python` of its `pyodide-lock.json`
 * (`'3.14.2'` → `'3.14'`), else its package version when it follows CPython's numbering (`314.0.7` → `3.14`,
 * Pyodide 314 and later). `undefined` when none is installed or neither file says.
 */
export function detectProjectPython(projectRoot: string): ProjectPython | undefined {
  for (let dir = resolve(projectRoot); ; dir = dirname(dir)) {
    const packageDir = join(dir, 'node_modules', 'pyodide');
    if (existsSync(join(packageDir, 'package.json'))) {
      const version = fromLock(packageDir) ?? fromPackage(packageDir);
      return version === undefined ? undefined : { version, packageDir };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The default target of a project: {@link detectProjectPython}'s version when the core knows it, else the core's
 * default (`pythonTarget()`).
 */
export function defaultProjectTarget(projectRoot: string): { target: PythonTarget; source: 'pyodide' | 'default' } {
  const found = detectProjectPython(projectRoot);
  if (found) {
    try {
      return { target: pythonTarget(found.version), source: 'pyodide' };
    } catch {
      // A Pyodide newer than the core's table: fall back rather than fail a build that set no target.
    }
  }
  return { target: pythonTarget(), source: 'default' };
}

function fromLock(packageDir: string): string | undefined {
  const lock = readJson(join(packageDir, 'pyodide-lock.json')) as { info?: { python?: unknown } } | undefined;
  const python = lock?.info?.python;
  const m = typeof python === 'string' ? /^3\.(\d+)/.exec(python) : null;
  return m ? `3.${Number(m[1])}` : undefined;
}

function fromPackage(packageDir: string): string | undefined {
  const pkg = readJson(join(packageDir, 'package.json')) as { version?: unknown } | undefined;
  const m = typeof pkg?.version === 'string' ? /^3(\d\d)\./.exec(pkg.version) : null;
  return m ? `3.${Number(m[1])}` : undefined;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
