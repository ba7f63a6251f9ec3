import { pythonTarget, readPycHeader, sourceHash } from '../../src/light.js';
import type { PythonTarget, PythonTargetSpec } from '../../src/light.js';
import { cacheKey, DEFAULT_ROOT, toHex } from '../../src/contract/index.js';
import { runPythonJson } from '../../src/pyodide/run-python.js';
import { findPyodide, type PyodidePackage } from './find-pyodide.js';
import { loadCompilerPyodide, type CompilerPyodide } from './load-pyodide.js';

/** PEP 552 invalidation modes that survive writing the source at run time (a timestamp `.pyc` would not). */
export type PrecompileMode = 'checked-hash' | 'unchecked-hash';

/** One module to compile: its manifest paths and its source bytes. */
export interface PrecompileModule {
  /** Manifest `source`: root-relative POSIX path, used in error messages and as the code's file name. */
  readonly source: string;
  /** Manifest `cache`: the `.pyc` path per optimization key (`''`, `'1'`, `'2'`). */
  readonly cache: Readonly<Partial<Record<string, string>>>;
  /** The source file's bytes exactly as shipped (the hash in the header is over these). */
  readonly bytes: Uint8Array;
}

/** Options of {@link precompile}. */
export interface PrecompileOptions {
  /** The modules, typically every manifest entry with its bytes. */
  readonly modules: Iterable<PrecompileModule>;
  /** The Python the bytecode is for (the manifest's target). */
  readonly target: PythonTarget | PythonTargetSpec;
  /** @default 'checked-hash' */
  readonly mode?: PrecompileMode;
  /** Levels to compile; each needs a `cache` entry. @default every level in each module's `cache` */
  readonly optimizations?: readonly (0 | 1 | 2)[];
  /** Where the user's `node_modules` are looked up first. @default process.cwd() */
  readonly projectRoot?: string;
  /** The folder the runtime installs the modules under: names the code's file in tracebacks. @default '/home/pyodide' */
  readonly root?: string;
}

/** A source the target interpreter cannot compile. */
export class PrecompileError extends Error {
  override name = 'PrecompileError';
  /** Manifest path of the source. */
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(file: string, message: string, line?: number, column?: number) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

interface CompileFailure {
  source: string;
  type: string;
  msg: string;
  lineno: number | null;
  offset: number | null;
}

// Exported for the worker threads of parallel-precompile.ts, which must run the very same code.
export const COMPILE_PY = `
import py_compile, shutil
mode = getattr(py_compile.PycInvalidationMode, ARG['mode'])
failures = []
for source, file, dfile, cfile, level in ARG['jobs']:
    try:
        py_compile.compile(file, cfile=cfile, dfile=dfile, doraise=True, optimize=level, invalidation_mode=mode)
    except py_compile.PyCompileError as exc:
        value = exc.exc_value
        failures.append({'source': source, 'type': exc.exc_type_name,
                         'msg': str(getattr(value, 'msg', value)),
                         'lineno': getattr(value, 'lineno', None), 'offset': getattr(value, 'offset', None)})
        break
result = failures
`;

let runs = 0;

/**
 * Compiles every module with the target's real interpreter (the matching `pyodide` package, run in Node)
 * through `py_compile.compile(..., invalidation_mode=CHECKED_HASH | UNCHECKED_HASH, optimize=N)`, and returns
 * the `.pyc` bytes by manifest cache path. Every header is checked with the core's `readPycHeader` (the
 * target's magic number, the mode's flags) and `sourceHash`.
 *
 * The interpreter is loaded once per process and reused. A target no installed Pyodide runs is a
 * `PyodideNotFoundError`; a Pyodide whose magic number differs from the target's (a pre-release) is an
 * error; a source that does not compile is a {@link PrecompileError} with file, line and column.
 */
export async function precompile(options: PrecompileOptions): Promise<Map<string, Uint8Array>> {
  const target = pythonTarget(options.target);
  const mode = options.mode ?? 'checked-hash';
  if (mode !== 'checked-hash' && mode !== 'unchecked-hash') {
    throw new TypeError(
      `pycache precompile: mode must be 'checked-hash' or 'unchecked-hash', not ${JSON.stringify(mode)}`,
    );
  }
  const modules = [...options.modules];
  const pkg = findPyodide(target, options.projectRoot);
  const pyodide = await loadCompilerPyodide(pkg);
  checkMagic(pyodide, pkg, target);

  const root = (options.root ?? DEFAULT_ROOT).replace(/\/+$/, '');
  const scratch = `/tmp/pycache-kit-precompile/${++runs}`;
  const jobs: [string, string, string, string, number][] = [];
  const outputs: { module: PrecompileModule; cachePath: string; file: string }[] = [];
  for (const module of modules) {
    const file = `${scratch}/src/${module.source}`;
    pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    pyodide.FS.writeFile(file, module.bytes);
    for (const level of levelsFor(module, options.optimizations)) {
      const cachePath = module.cache[cacheKey(level)];
      if (cachePath === undefined) {
        throw new TypeError(`pycache precompile: ${module.source} has no cache path for optimization level ${level}`);
      }
      const out = `${scratch}/out/${cachePath}`;
      jobs.push([module.source, file, `${root}/${module.source}`, out, level]);
      outputs.push({ module, cachePath, file: out });
    }
  }
  try {
    const failures = runPythonJson<CompileFailure[]>(pyodide, COMPILE_PY, {
      mode: mode === 'checked-hash' ? 'CHECKED_HASH' : 'UNCHECKED_HASH',
      jobs,
    });
    if (failures.length > 0) {
      const f = failures[0];
      const where = f.lineno ? `:${f.lineno}${f.offset ? `:${f.offset}` : ''}` : '';
      throw new PrecompileError(
        f.source,
        `pycache precompile: ${f.source}${where}: ${f.type}: ${f.msg} (Python ${target.version}, ${pkg.name}@${pkg.version})`,
        f.lineno ?? undefined,
        f.offset ?? undefined,
      );
    }
    const result = new Map<string, Uint8Array>();
    for (const { module, cachePath, file } of outputs) {
      const pyc = pyodide.FS.readFile(file);
      checkHeader(pyc, module, cachePath, target, mode);
      result.set(cachePath, pyc);
    }
    return result;
  } finally {
    runPythonJson(pyodide, 'import shutil\nshutil.rmtree(ARG, ignore_errors=True)\nresult = None', scratch);
  }
}

function levelsFor(module: PrecompileModule, wanted: readonly (0 | 1 | 2)[] | undefined): (0 | 1 | 2)[] {
  if (wanted !== undefined) return [...new Set(wanted)];
  return ([0, 1, 2] as const).filter((level) => module.cache[cacheKey(level)] !== undefined);
}

function checkMagic(pyodide: CompilerPyodide, pkg: PyodidePackage, target: PythonTarget): void {
  const magic = runPythonJson<string>(
    pyodide,
    'import importlib.util\nresult = importlib.util.MAGIC_NUMBER.hex()',
    null,
  );
  const wanted = toHex(target.magicNumber);
  if (magic !== wanted) {
    throw new Error(
      `pycache precompile: ${pkg.name}@${pkg.version} runs Python ${pkg.python} whose magic number is ${magic}, ` +
        `but the target ${target.version} has ${wanted}: its bytecode would be rejected at run time. ` +
        `Install the Pyodide whose Python matches the target exactly, or set python to that interpreter's magic number.`,
    );
  }
}

/** The core's reading of what the interpreter wrote must agree on every field we rely on. */
function checkHeader(
  pyc: Uint8Array,
  module: PrecompileModule,
  cachePath: string,
  target: PythonTarget,
  mode: PrecompileMode,
): void {
  const header = readPycHeader(pyc, { target, name: cachePath });
  if (header.kind !== mode) {
    throw new Error(`pycache precompile: ${cachePath} came out ${header.kind}, not ${mode} (flags ${header.flags})`);
  }
  const expected = sourceHash(module.bytes, { target });
  if (!header.sourceHash || toHex(header.sourceHash) !== toHex(expected)) {
    throw new Error(
      `pycache precompile: ${cachePath} carries source hash ${header.sourceHash ? toHex(header.sourceHash) : 'none'} but source_hash(${module.source}) is ${toHex(expected)}`,
    );
  }
}
