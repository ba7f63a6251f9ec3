// Shared by the pyodide*.test.ts files: a Pyodide to run, manifests built by the plugins' own manifest
// code from real files, and counters on the import system's compile and load steps.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonTarget } from '../../src/index.js';
import type { PythonTargetSpec } from '../../src/index.js';
import { buildManifest, cachePathsFor } from '../../plugins/common/manifest.js';
import type { BuiltBytecode, PycacheManifest } from '../../plugins/common/manifest.js';
import { moduleNameFor } from '../../plugins/common/python-roots.js';
import type { PyodideLike } from '../../src/pyodide/index.js';

/** The example app's Python package: a package, a subpackage, a Latin-1 module, a CRLF module. */
export const EXAMPLE_PYTHON = fileURLToPath(new URL('../../examples/pyodide-app/python/', import.meta.url));

/** A Pyodide instance as the tests use it (the npm package's API, narrowed). */
export interface TestPyodide extends PyodideLike {
  readonly FS: PyodideLike['FS'] & {
    readFile(path: string): Uint8Array;
    analyzePath(path: string): { exists: boolean };
  };
}

/** Loads the `pyodide` package (3.14) in Node, quietly. */
export async function loadTestPyodide(): Promise<TestPyodide> {
  const { loadPyodide } = await import('pyodide');
  // Type-checks that the real Pyodide API fits the runtime's structural interface, no cast.
  const instance: PyodideLike = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  return instance as TestPyodide;
}

/** A source file under a root. */
export interface TreeFile {
  readonly source: string;
  readonly bytes: Uint8Array;
}

/** Every `.py` under `dir`, as root-relative POSIX paths, sorted. */
export function readTree(dir: string): TreeFile[] {
  const out: TreeFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.py'))
        out.push({ source: relative(dir, path).split(sep).join('/'), bytes: new Uint8Array(readFileSync(path)) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.source < b.source ? -1 : 1));
}

/**
 * The manifest the plugins would emit for `files` (the plugins' own code computes every path); with `pycs` (the
 * precompile step's output, by cache path) it is a build with bytecode, as with `precompile`.
 */
export function manifestFor(
  files: readonly TreeFile[],
  python: PythonTargetSpec = '3.14',
  optimizations: readonly (0 | 1 | 2)[] = [0],
  pycs?: ReadonlyMap<string, Uint8Array>,
  invalidationMode: BuiltBytecode['invalidationMode'] = 'checked-hash',
): PycacheManifest {
  const target = pythonTarget(python);
  const bytecode = pycs === undefined ? undefined : { invalidationMode, files: pycs };
  return buildManifest(
    target,
    files.map((file) => ({
      module: moduleNameFor(file.source),
      source: file.source,
      cache: cachePathsFor(file.source, target, optimizations),
      encoding: 'utf-8',
      size: file.bytes.byteLength,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    })),
    bytecode,
  );
}

/** `files` option contents: sources by manifest path, plus any compiled `.pyc` by cache path. */
export function filesMap(
  files: readonly TreeFile[],
  pycs: ReadonlyMap<string, Uint8Array> = new Map(),
): Map<string, Uint8Array> {
  return new Map<string, Uint8Array>([...files.map((f) => [f.source, f.bytes] as [string, Uint8Array]), ...pycs]);
}

/** Runs Python and returns its JSON-encoded value. */
export function py<T>(pyodide: PyodideLike, expression: string, setup = ''): T {
  return JSON.parse(pyodide.runPython(`${setup}\n__import__('json').dumps(${expression})`) as string) as T;
}

/**
 * Wraps the import system's two ways of getting a module's code: `SourceLoader.source_to_code` (compiling
 * the source) and `_compile_bytecode` (unmarshalling a `.pyc`), recording the file each was called for.
 * `py(pyodide, 'COUNTS()')` reads `{ compiled: [paths], loaded: [paths] }`; `RESET_COUNTS()` clears them.
 */
export function installCounters(pyodide: PyodideLike): void {
  pyodide.runPython(`
import importlib._bootstrap_external as _be
_pk_compiled, _pk_loaded = [], []
if not hasattr(_be, '_pk_orig'):
    _be._pk_orig = (_be.SourceLoader.source_to_code, _be._compile_bytecode)
def _pk_source_to_code(self, data, path, *args, **kwargs):
    _pk_compiled.append(path)
    return _be._pk_orig[0](self, data, path, *args, **kwargs)
def _pk_compile_bytecode(data, name=None, bytecode_path=None, source_path=None):
    _pk_loaded.append(bytecode_path)
    return _be._pk_orig[1](data, name, bytecode_path, source_path)
_be.SourceLoader.source_to_code = _pk_source_to_code
_be._compile_bytecode = _pk_compile_bytecode
def COUNTS():
    return {'compiled': list(_pk_compiled), 'loaded': list(_pk_loaded)}
def RESET_COUNTS():
    _pk_compiled.clear(); _pk_loaded.clear()
`);
}

/** Drops `package` and its submodules from `sys.modules` and `root` from `sys.path`, so a test starts clean. */
export function forget(pyodide: PyodideLike, packageName: string, root: string): void {
  pyodide.runPython(`
import sys, importlib
for _name in [n for n in sys.modules if n == ${JSON.stringify(packageName)} or n.startswith(${JSON.stringify(packageName + '.')})]:
    del sys.modules[_name]
while ${JSON.stringify(root)} in sys.path:
    sys.path.remove(${JSON.stringify(root)})
importlib.invalidate_caches()
`);
}

/** Lowercase hex. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
