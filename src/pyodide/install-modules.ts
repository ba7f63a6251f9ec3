import { readPycHeader } from '../pyc-header.js';
import { fileReader, type FetchLike, type FileReader, type FilesOption } from './file-source.js';
import { verifySource } from './integrity.js';
import { checkInterpreter, fsRoot, type InterpreterFacts } from './interpreter.js';
import { assertManifest, cacheKey, toHex, type ManifestModule, type PycacheManifest } from './manifest.js';
import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';
import { INVALIDATE_DIRS_PY, writtenDirs } from './invalidate.js';

/** Pyodide's home folder and working directory: where users expect their files. */
export const DEFAULT_ROOT = '/home/pyodide';

/** Options of {@link installModules}. */
export interface InstallOptions {
  /** URL of the folder the manifest's paths are relative to (where the manifest was emitted). Default: relative URLs. */
  baseUrl?: string;
  /** The files themselves, by manifest path, instead of fetching them. */
  files?: FilesOption;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchLike;
  /** The folder (a `sys.path` entry) the manifest's paths are written under. @default '/home/pyodide' */
  root?: string;
  /** Levels whose `.pyc` to install. @default the interpreter's `sys.flags.optimize` */
  optimization?: number | readonly number[];
  /**
   * Whether to install `.pyc` files. `'auto'` follows the manifest's `bytecode` field when it has one (all or
   * none) and otherwise installs those that exist (a missing one is a 404 to the fetch). @default 'auto'
   */
  bytecode?: boolean | 'auto';
  /** Check each source's size and SHA-256 against the manifest. @default true */
  verify?: boolean;
}

/** One module written by {@link installModules}. */
export interface InstalledModule {
  /** Dotted name. */
  readonly module: string;
  /** Absolute path of the source in Pyodide's file system. */
  readonly sourcePath: string;
  /** Absolute paths of the `.pyc` files written, by optimization level key (`''`, `'1'`, `'2'`). */
  readonly bytecodePaths: Readonly<Record<string, string>>;
}

/** What {@link installModules} did. */
export interface InstallResult {
  /** The root the files were written under (on `sys.path`). */
  readonly root: string;
  /** The running interpreter. */
  readonly interpreter: InterpreterFacts;
  /** Every module of the manifest, in manifest order. */
  readonly modules: readonly InstalledModule[];
  /** Number of `.pyc` files written. */
  readonly bytecodeFiles: number;
  /** Bytes written (sources and bytecode). */
  readonly bytes: number;
}

// Only the finders of the folders written are invalidated (invalidate.ts), not `importlib.invalidate_caches()`.
const FINISH_PY = `
import sys
root = ARG['root']
if root not in sys.path:
    sys.path.insert(0, root)
${INVALIDATE_DIRS_PY}
result = sys.path.index(root)
`;

/**
 * Writes every source of `manifest` (and its `.pyc` where the build made one) into Pyodide's file system
 * at the manifest's paths under `root`, puts `root` on `sys.path` and invalidates the finders of the folders written, so
 * `import pkg.mod` finds the bundled code and, with bytecode, loads it without compiling.
 *
 * First checks that the running interpreter is the one the manifest was built for (version, cache tag,
 * magic number, and `importlib.util.cache_from_source` of every path): a mismatch throws naming both
 * versions, before anything is written. Files are fetched in parallel from `baseUrl` (or taken from
 * `files`); each source is checked against the manifest's size and SHA-256.
 */
export async function installModules(pyodide: PyodideLike, manifest: PycacheManifest | unknown, options: InstallOptions = {}): Promise<InstallResult> {
  const checked = assertManifest(manifest);
  const root = normalizeRoot(options.root ?? DEFAULT_ROOT);
  const interpreter = checkInterpreter(pyodide, checked, root, levelsOf(options.optimization, undefined));
  const levels = levelsOf(options.optimization, interpreter.optimize);
  const read = fileReader(options);
  const wantBytecode = resolveBytecode(options.bytecode ?? 'auto', checked);
  const loaded = await Promise.all(checked.modules.map((entry) => loadModule(entry, read, levels, wantBytecode, options.verify ?? true)));

  const written = writeFiles(pyodide, root, loaded, interpreter.magicNumber);
  const dirs = writtenDirs(root, loaded.flatMap(({ entry, bytecode }) => [entry.source, ...bytecode.map(([, path]) => path)]));
  runPythonJson<number>(pyodide, FINISH_PY, { root, dirs });
  return { root, interpreter, ...written };
}

interface LoadedModule {
  entry: ManifestModule;
  source: Uint8Array;
  bytecode: [key: string, path: string, bytes: Uint8Array][];
}

async function loadModule(entry: ManifestModule, read: FileReader, levels: readonly number[], bytecode: boolean | 'auto', verify: boolean): Promise<LoadedModule> {
  const pycs = bytecode === false
    ? []
    : levels.flatMap((level) => {
      const path = entry.cache[cacheKey(level)];
      return path === undefined ? [] : [[cacheKey(level), path] as const];
    });
  const [source, ...compiled] = await Promise.all([
    read(entry.source, 'source'),
    ...pycs.map(([, path]) => read(path, 'bytecode')),
  ]);
  if (source === undefined) throw new Error(`pycache-kit/pyodide: no contents for ${entry.source}`);
  if (verify) await verifySource(entry, source);
  const out: LoadedModule = { entry, source, bytecode: [] };
  pycs.forEach(([key, path], i) => {
    const bytes = compiled[i];
    if (bytes !== undefined) out.bytecode.push([key, path, bytes]);
    else if (bytecode === true) throw new Error(`pycache-kit/pyodide: ${path} (bytecode of ${entry.source}) is missing; build with precompile or pass bytecode: 'auto'`);
  });
  return out;
}

function writeFiles(pyodide: PyodideLike, root: string, loaded: readonly LoadedModule[], magic: string): Omit<InstallResult, 'root' | 'interpreter'> {
  const base = fsRoot(root);
  const made = new Set<string>();
  const ensureDir = (file: string) => {
    const dir = file.slice(0, file.lastIndexOf('/'));
    if (dir === '' || made.has(dir)) return;
    pyodide.FS.mkdirTree(dir);
    made.add(dir);
  };
  let bytes = 0;
  let bytecodeFiles = 0;
  const modules = loaded.map(({ entry, source, bytecode }) => {
    const sourcePath = `${base}/${entry.source}`;
    ensureDir(sourcePath);
    pyodide.FS.writeFile(sourcePath, source);
    bytes += source.byteLength;
    const bytecodePaths: Record<string, string> = {};
    for (const [key, path, pyc] of bytecode) {
      checkBytecode(pyc, path, magic);
      const target = `${base}/${path}`;
      ensureDir(target);
      pyodide.FS.writeFile(target, pyc);
      bytecodePaths[key] = target;
      bytes += pyc.byteLength;
      bytecodeFiles++;
    }
    return { module: entry.module, sourcePath, bytecodePaths };
  });
  return { modules, bytecodeFiles, bytes };
}

/**
 * A `.pyc` for another interpreter, or a timestamp one (stale as soon as its source is written here), would
 * be silently ignored by the import system and the module compiled from source: refuse it loudly instead.
 */
function checkBytecode(pyc: Uint8Array, path: string, magic: string): void {
  const got = toHex(pyc.subarray(0, 4));
  if (got !== magic) {
    throw new Error(`pycache-kit/pyodide: ${path} has magic number ${got} but this interpreter's is ${magic}; it was compiled for another Python`);
  }
  const header = readPycHeader(pyc, { name: path });
  if (header.kind !== 'checked-hash' && header.kind !== 'unchecked-hash') {
    throw new Error(`pycache-kit/pyodide: ${path} is a ${header.kind} .pyc; only hash-based ones (PEP 552) stay valid once the source is written at run time`);
  }
}

function resolveBytecode(option: boolean | 'auto', manifest: PycacheManifest): boolean | 'auto' {
  if (option !== 'auto' || !('bytecode' in manifest) || manifest.bytecode === undefined) return option;
  return manifest.bytecode !== null;
}

function levelsOf(option: number | readonly number[] | undefined, fallback: number | undefined): number[] {
  const list = option === undefined ? (fallback === undefined ? [0, 1, 2] : [fallback]) : typeof option === 'number' ? [option] : [...option];
  for (const level of list) {
    if (level !== 0 && level !== 1 && level !== 2) throw new RangeError(`pycache-kit/pyodide: optimization must be 0, 1 or 2, not ${String(level)}`);
  }
  return [...new Set(list)];
}

function normalizeRoot(root: string): string {
  if (!root.startsWith('/')) throw new TypeError(`pycache-kit/pyodide: root must be an absolute path in Pyodide's file system, not ${JSON.stringify(root)}`);
  return root.length > 1 ? root.replace(/\/+$/, '') : root;
}
