import { fileReader, type FetchLike, type FileReader, type FilesOption } from './file-source.js';
import { DEFAULT_ROOT } from '../contract/index.js';
import type { ManifestLevel } from '../contract/index.js';
import { verifyFile, verifySource } from './integrity.js';
import { checkInterpreter, type InterpreterFacts } from './interpreter.js';
import { cacheKey, type ManifestModule, type PycacheManifest } from './manifest.js';
import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';
import { INVALIDATE_DIRS_PY, writtenDirs } from './invalidate.js';
import { validateManifest } from './validate-manifest.js';
import { verifyPycHeader, verifyPycsInInterpreter, type PycFile } from './verify-bytecode.js';
import { writeAllOrNothing, type PlannedFile } from './write-files.js';

export { DEFAULT_ROOT } from '../contract/index.js';

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
   * Whether to install `.pyc` files. `'auto'` follows the manifest's `bytecode` field: every `.pyc` when the build
   * made them, none (and no request for one) when it says `null`. `true` fails on a manifest without bytecode.
   * @default 'auto'
   */
  bytecode?: boolean | 'auto';
  /**
   * Check each file against the manifest (size and SHA-256 of sources and `.pyc`), each `.pyc`'s source hash
   * against its source, and each `.pyc`'s body in the interpreter (`marshal.loads`). @default true
   */
  verify?: boolean;
}

/** The options {@link installModules} knows; any other key is a mistake (a typo would otherwise be ignored). */
export const INSTALL_OPTION_NAMES: readonly (keyof InstallOptions)[] = [
  'baseUrl',
  'files',
  'fetch',
  'root',
  'optimization',
  'bytecode',
  'verify',
];

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

/** `code` indented one level, to run inside a Python block. */
const indent = (code: string): string =>
  code
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

// Only the finders of the folders written are invalidated (invalidate.ts), not `importlib.invalidate_caches()`;
// if that fails, `root` leaves `sys.path` again (the writes are undone by writeAllOrNothing).
const FINISH_PY = `
import sys
root = ARG['root']
added = root not in sys.path
if added:
    sys.path.insert(0, root)
try:
${indent(INVALIDATE_DIRS_PY)}
except BaseException:
    if added:
        sys.path.remove(root)
    raise
result = sys.path.index(root)
`;

/**
 * Writes every source of `manifest` (and its `.pyc` where the build made them) into Pyodide's file system
 * at the manifest's paths under `root`, puts `root` on `sys.path` and invalidates the finders of the folders written, so
 * `import pkg.mod` finds the bundled code and, with bytecode, loads it without compiling.
 *
 * All or nothing: the manifest is checked whole first (`validateManifest`), then the interpreter (version, cache
 * tag, magic number, `importlib.util.cache_from_source` of every path); files are fetched in parallel from
 * `baseUrl` (or taken from `files`) and every one is checked (sizes and SHA-256, `.pyc` headers and source
 * hashes, `.pyc` bodies in the interpreter) before the first is written; a write that still fails removes what
 * the call wrote. Unknown options are a `TypeError`.
 */
export async function installModules(
  pyodide: PyodideLike,
  manifest: PycacheManifest | unknown,
  options: InstallOptions = {},
): Promise<InstallResult> {
  checkInstallOptions(options);
  const checked = validateManifest(manifest);
  const root = normalizeRoot(options.root ?? DEFAULT_ROOT);
  const wantBytecode = resolveBytecode(options.bytecode ?? 'auto', checked);
  const interpreter = checkInterpreter(pyodide, checked, root, levelsOf(options.optimization, undefined));
  const levels = levelsOf(options.optimization, interpreter.optimize);
  const read = fileReader(options);
  const verify = options.verify ?? true;
  const loaded = await Promise.all(
    checked.modules.map((entry) => loadModule(entry, read, wantBytecode ? levels : [], verify, interpreter)),
  );
  if (verify) {
    verifyPycsInInterpreter(
      pyodide,
      loaded.flatMap(({ entry, source, bytecode }) =>
        bytecode.map(([, path, bytes]): PycFile => ({ path, bytes, source: { path: entry.source, bytes: source } })),
      ),
    );
  }

  const base = root === '/' ? '' : root;
  const planned: PlannedFile[] = [];
  let bytes = 0;
  let bytecodeFiles = 0;
  const modules = loaded.map(({ entry, source, bytecode }) => {
    planned.push({ path: entry.source, bytes: source });
    bytes += source.byteLength;
    const bytecodePaths: Record<string, string> = {};
    for (const [key, path, pyc] of bytecode) {
      planned.push({ path, bytes: pyc });
      bytecodePaths[key] = `${base}/${path}`;
      bytes += pyc.byteLength;
      bytecodeFiles++;
    }
    return { module: entry.module, sourcePath: `${base}/${entry.source}`, bytecodePaths };
  });
  const dirs = writtenDirs(
    root,
    planned.map((file) => file.path),
  );
  writeAllOrNothing(pyodide, root, planned, () => runPythonJson<number>(pyodide, FINISH_PY, { root, dirs }));
  return { root, interpreter, modules, bytecodeFiles, bytes };
}

interface LoadedModule {
  entry: ManifestModule;
  source: Uint8Array;
  bytecode: [key: string, path: string, bytes: Uint8Array][];
}

/**
 * Reads one module's source and its `.pyc` for `levels` (every one the manifest lists must exist) and checks
 * them all: sizes and SHA-256 against the manifest (with `verify`), each header against this interpreter, and
 * each `.pyc`'s source hash against the source (with `verify`).
 */
async function loadModule(
  entry: ManifestModule,
  read: FileReader,
  levels: readonly ManifestLevel[],
  verify: boolean,
  interpreter: InterpreterFacts,
): Promise<LoadedModule> {
  const pycs = levels.flatMap((level) => {
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
  for (const [i, [key, path]] of pycs.entries()) {
    const pyc = compiled[i];
    if (pyc === undefined)
      throw new Error(
        `pycache-kit/pyodide: ${path} (bytecode of ${entry.source}) is missing; the manifest says the build compiled it`,
      );
    const expected = entry.pyc?.[key];
    if (verify && expected !== undefined) await verifyFile(path, pyc, expected);
    // The source hash is compared in the interpreter with the bodies (verifyPycsInInterpreter): its SipHash is native.
    verifyPycHeader(pyc, {
      path,
      sourcePath: entry.source,
      version: interpreter.version,
      magicNumber: interpreter.magicNumber,
    });
    out.bytecode.push([key, path, pyc]);
  }
  return out;
}

/** `'auto'` follows the manifest; `true` needs a build with bytecode. Decided before any request is made. */
function resolveBytecode(option: unknown, manifest: PycacheManifest): boolean {
  if (option === false) return false;
  if (option === true && manifest.bytecode === null) {
    throw new Error(
      "pycache-kit/pyodide: bytecode: true, but the manifest says the build made no .pyc (bytecode: null); build with precompile or pass bytecode: 'auto'",
    );
  }
  return manifest.bytecode !== null;
}

/** Unknown keys and mistyped values are errors, as the plugins' options are. */
function checkInstallOptions(options: unknown): asserts options is InstallOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      `pycache-kit/pyodide: installModules options must be an object, not ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`,
    );
  }
  const record = options as Record<string, unknown>;
  const known: readonly string[] = INSTALL_OPTION_NAMES;
  for (const key of Object.keys(record)) {
    if (!known.includes(key))
      throw new TypeError(
        `pycache-kit/pyodide: installModules has no option ${JSON.stringify(key)}; the options are ${INSTALL_OPTION_NAMES.join(', ')}`,
      );
  }
  const bad = (name: string, expected: string) =>
    new TypeError(
      `pycache-kit/pyodide: installModules option ${name} must be ${expected}, not ${JSON.stringify(record[name]) ?? typeof record[name]}`,
    );
  if (
    record.bytecode !== undefined &&
    record.bytecode !== true &&
    record.bytecode !== false &&
    record.bytecode !== 'auto'
  )
    throw bad('bytecode', "true, false or 'auto'");
  if (record.verify !== undefined && typeof record.verify !== 'boolean') throw bad('verify', 'true or false');
  if (record.baseUrl !== undefined && typeof record.baseUrl !== 'string') throw bad('baseUrl', 'a URL string');
  if (record.root !== undefined && typeof record.root !== 'string') throw bad('root', 'an absolute path');
  if (record.fetch !== undefined && typeof record.fetch !== 'function') throw bad('fetch', 'a function');
  if (
    record.files !== undefined &&
    typeof record.files !== 'function' &&
    (typeof record.files !== 'object' || record.files === null)
  )
    throw bad('files', 'an object, a Map or a function');
}

function levelsOf(option: number | readonly number[] | undefined, fallback: number | undefined): ManifestLevel[] {
  const list =
    option === undefined
      ? fallback === undefined
        ? [0, 1, 2]
        : [fallback]
      : typeof option === 'number'
        ? [option]
        : [...option];
  const levels: ManifestLevel[] = [];
  for (const level of list) {
    if (level !== 0 && level !== 1 && level !== 2)
      throw new RangeError(`pycache-kit/pyodide: optimization must be 0, 1 or 2, not ${String(level)}`);
    if (!levels.includes(level)) levels.push(level);
  }
  return levels;
}

function normalizeRoot(root: string): string {
  if (!root.startsWith('/'))
    throw new TypeError(
      `pycache-kit/pyodide: root must be an absolute path in Pyodide's file system, not ${JSON.stringify(root)}`,
    );
  return root.length > 1 ? root.replace(/\/+$/, '') : root;
}
