import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PythonTarget } from '../../src/light.js';

/** An installed Pyodide package that runs the wanted Python. */
export interface PyodidePackage {
  /** The npm name it was found under (`pyodide`, `pyodide-315`). */
  readonly name: string;
  /** Its folder (the `indexURL` to load it from). */
  readonly dir: string;
  /** The CPython version it runs, from `pyodide-lock.json` (`'3.14.2'`). */
  readonly python: string;
  /** The package's own version (`'314.0.7'`). */
  readonly version: string;
}

/** No installed Pyodide runs the target's Python. */
export class PyodideNotFoundError extends Error {
  override name = 'PyodideNotFoundError';
}

/**
 * The npm names a Pyodide for `target` may be installed under: the version-specific alias first
 * (`pyodide-315`, as in `"pyodide-315": "npm:pyodide@^315"`), then plain `pyodide`.
 */
export function candidateNames(target: PythonTarget): string[] {
  return [`pyodide-${target.version.replace('.', '')}`, 'pyodide'];
}

/**
 * Finds the Pyodide package that runs `target`'s Python (major.minor, from its `pyodide-lock.json`),
 * resolving from `projectRoot` (the user's project) first, then from pycache-kit itself. Throws
 * {@link PyodideNotFoundError} naming the target, what was found and what to install.
 */
export function findPyodide(target: PythonTarget, projectRoot: string = process.cwd()): PyodidePackage {
  const seen: string[] = [];
  const requires = [createRequire(join(projectRoot, 'package.json')), createRequire(import.meta.url)];
  for (const req of requires) {
    for (const name of candidateNames(target)) {
      let lockPath: string;
      try {
        lockPath = req.resolve(`${name}/pyodide-lock.json`);
      } catch {
        continue;
      }
      const found = describe(name, dirname(lockPath));
      if (found === undefined) continue;
      if (pythonMinor(found.python) === target.version) return found;
      seen.push(`${name}@${found.version} (Python ${found.python})`);
    }
  }
  const release = PYODIDE_RELEASES[target.version];
  const install =
    release === undefined
      ? `No Pyodide release that precompile supports (0.26 or later) runs CPython ${target.version}`
      : `Install the Pyodide release built on CPython ${target.version}: \`npm install -D ${candidateNames(target)[0]}@npm:pyodide@${release}\` (or as \`pyodide\`)`;
  throw new PyodideNotFoundError(
    `pycache precompile: no installed Pyodide runs Python ${target.version}, the build's target` +
      `${seen.length ? ` (found ${[...new Set(seen)].join(', ')})` : ' (no pyodide package found)'}. ` +
      `${install}; or change the python option, or turn precompile off.`,
  );
}

/**
 * The npm version range of the newest Pyodide line built on each CPython (each line's \`pyodide-lock.json\` says
 * \`info.python\`): 0.26-0.27 run 3.12, 0.28-0.29 run 3.13.2, 314.x runs 3.14, the 315 prereleases run 3.15.
 */
export const PYODIDE_RELEASES: Readonly<Record<string, string>> = {
  '3.12': '^0.27',
  '3.13': '^0.29',
  '3.14': '^314',
  '3.15': '^315.0.0-alpha.2',
};

function describe(name: string, dir: string): PyodidePackage | undefined {
  try {
    const lock = JSON.parse(readFileSync(join(dir, 'pyodide-lock.json'), 'utf8')) as { info?: { python?: unknown } };
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof lock.info?.python !== 'string') return undefined;
    return { name, dir, python: lock.info.python, version: String(pkg.version) };
  } catch {
    return undefined;
  }
}

function pythonMinor(version: string): string {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}` : version;
}
