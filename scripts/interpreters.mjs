// Finds the Python interpreters this machine has, for the fixture generators: CPython 3.6..3.13 through
// pyenv, and CPython 3.14 / 3.15 as the `pyodide` / `pyodide-315` packages in node_modules (run in Node).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The pyenv CPython builds the fixtures come from (patch releases named in the spec notes). */
export const PYENV_VERSIONS = ['3.6.15', '3.7.16', '3.8.18', '3.9.18', '3.10.13', '3.11.7', '3.12.1', '3.13.0'];

/** The npm packages that carry CPython 3.14 and 3.15 as WebAssembly. */
export const PYODIDE_PACKAGES = { 3.14: 'pyodide', 3.15: 'pyodide-315' };

/** `{ version: '3.12', path }` for each pyenv interpreter present. */
export function pyenvInterpreters() {
  const found = [];
  for (const full of PYENV_VERSIONS) {
    let prefix;
    try {
      prefix = execFileSync('pyenv', ['prefix', full], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      continue;
    }
    const exe = `${prefix}/bin/python3`;
    if (existsSync(exe)) found.push({ version: full.split('.').slice(0, 2).join('.'), full, path: exe, prefix });
  }
  return found;
}

/** Runs a Python script's text under a pyenv interpreter and returns its stdout. */
export function runPyenv(interp, script, args = [], options = {}) {
  return execFileSync(interp.path, [...(options.flags ?? []), '-c', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    cwd: options.cwd,
    env: { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1', ...options.env },
  });
}

const pyodides = new Map();

/** A loaded Pyodide for '3.14' or '3.15' (cached), or undefined if that package is not installed. */
export async function loadPyodideFor(version) {
  const pkg = PYODIDE_PACKAGES[version];
  if (!pkg) return undefined;
  if (!pyodides.has(version)) {
    let mod;
    try {
      mod = await import(require.resolve(pkg).replace(/pyodide\.js$/, 'pyodide.mjs'));
    } catch {
      return undefined;
    }
    pyodides.set(version, await mod.loadPyodide());
  }
  return pyodides.get(version);
}

/** Runs a script in Pyodide with `sys.argv` set, capturing what it prints. */
export async function runPyodide(version, script, args = []) {
  const py = await loadPyodideFor(version);
  if (!py) return undefined;
  let out = '';
  py.setStdout({
    batched: (s) => {
      out += s + '\n';
    },
  });
  py.globals.set('__argv', py.toPy(['-c', ...args]));
  py.runPython(`import sys; sys.argv = list(__argv)`);
  py.runPython(script, { globals: py.runPython('dict')() });
  return out;
}
