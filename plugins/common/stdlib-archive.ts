import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pythonTarget } from '../../src/light.js';
import type { PythonTarget, PythonTargetSpec } from '../../src/light.js';
import { runPythonJson } from '../../src/pyodide/run-python.js';
import { precompileCached } from '../precompile/cached-precompile.js';
import type { CachedPrecompileResult } from '../precompile/cached-precompile.js';
import { findPyodide } from '../precompile/find-pyodide.js';
import type { PyodidePackage } from '../precompile/find-pyodide.js';
import { loadCompilerPyodide } from '../precompile/load-pyodide.js';
import type { BuildCache } from './build-cache.js';
import type { StdlibCodecs, StdlibCompression } from './option-definitions.js';
import { pyodideDigest, pyodideRuntimeModules } from './pyodide-runtime-modules.js';
import { cacheKeyOf } from './build-cache.js';
import { stdlibClosure } from './stdlib-closure.js';
import { implicitImports } from './stdlib-implicit.js';
import { pyodidePackagesAmong } from './pyodide-packages.js';

export type { StdlibCodecs, StdlibCompression } from './option-definitions.js';

/** Options of {@link buildStdlibArchive}. */
export interface StdlibArchiveOptions {
  /** The Python that will run it: the archive is for the installed Pyodide of this Python. */
  readonly target: PythonTarget | PythonTargetSpec;
  /**
   * What the app's import graph imports from outside its roots (dotted names): the stdlib modules among them are
   * kept; the packages of the target's Pyodide among them (`numpy`, loaded at run time) are named in
   * `runtimePackages`.
   */
  readonly reached: Iterable<string>;
  /** More modules to keep: dotted names, `pkg.*` (a package and everything under it) or `*` (the whole stdlib). */
  readonly include?: readonly string[];
  /** Source encodings of the app's modules: their codec modules are kept (looked up by name at run time). */
  readonly encodings?: Iterable<string>;
  /** Ship each module's source beside its bytecode, so tracebacks show source lines. @default true */
  readonly sources?: boolean;
  /** @default 'deflated' */
  readonly compression?: StdlibCompression;
  /** Every codec module of `encodings` (`'all'`), or only those of the `encodings` given (`'sources'`). @default 'all' */
  readonly codecs?: StdlibCodecs;
  /**
   * What Pyodide itself imports at startup and in typical use, and what the `reached` modules import when they
   * run. @default found by running a fresh Pyodide ({@link pyodideRuntimeModules})
   */
  readonly runtimeModules?: readonly string[];
  /** @default process.cwd() */
  readonly projectRoot?: string;
  /** Compiled bytecode (and the runtime probe's answer) are kept here. */
  readonly cache?: BuildCache;
  /** Worker threads for a cold build (see `precompileCached`). */
  readonly workers?: number;
}

/** A stdlib archive: a zip Pyodide mounts at `/lib/python3XY.zip` (`loadPyodide({ stdLibURL })`). */
export interface StdlibArchive {
  /** The zip's bytes. */
  readonly bytes: Uint8Array;
  /** The Pyodide whose stdlib it is. */
  readonly pyodide: PyodidePackage;
  /** Where Pyodide mounts it (`/lib/python314.zip`): the code objects' file names start with it. */
  readonly mountPath: string;
  /** Modules kept, sorted. */
  readonly modules: readonly string[];
  /** Stdlib modules of Pyodide's own archive left out. */
  readonly leftOut: readonly string[];
  /**
   * The Pyodide packages the app imports (`numpy`, `yaml (pyyaml)`), which the page loads at run time: their code
   * is not there at build time, so nothing says which stdlib modules they import (`include` them).
   */
  readonly runtimePackages: readonly string[];
  /** Bytes of the kept sources and of their bytecode (uncompressed). */
  readonly sourceBytes: number;
  readonly bytecodeBytes: number;
  /**
   * What was compiled and what came from the cache (when the whole archive came from the cache: nothing compiled,
   * every module from the cache, no `pycs`).
   */
  readonly compile: CachedPrecompileResult;
}

interface Inventory {
  /** `/lib/python314.zip`. */
  zip: string;
  /** Every `.py` entry of Pyodide's stdlib zip. */
  sources: string[];
  /** Codec module candidates per requested encoding, as `encodings.search_function` would try them. */
  codecs: Record<string, string[]>;
}

// Reads Pyodide's own stdlib zip from the interpreter's file system (it is what `loadPyodide` mounted from the
// package's `python_stdlib.zip`) and names, with the interpreter's own alias table, the codec modules that
// `codecs.lookup` would import for each encoding.
const INVENTORY_PY = `
import sys, zipfile, encodings, encodings.aliases
zpath = next(p for p in sys.path if p.endswith('.zip'))
with zipfile.ZipFile(zpath) as z:
    sources = sorted(n for n in z.namelist() if n.endswith('.py'))
codecs = {}
for name in ARG['encodings']:
    norm = encodings.normalize_encoding(name)
    aliased = encodings.aliases.aliases.get(norm) or encodings.aliases.aliases.get(norm.replace('.', '_'))
    codecs[name] = [m for m in ([aliased, norm] if aliased else [norm]) if m and '.' not in m]
result = {'zip': zpath, 'sources': sources, 'codecs': codecs}
`;

const EXTRACT_PY = `
import os, zipfile
with zipfile.ZipFile(ARG['zip']) as z:
    for name in ARG['names']:
        out = ARG['dir'] + '/' + name
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, 'wb') as f:
            f.write(z.read(name))
result = None
`;

// Deterministic: entries in code-unit order, a fixed date (zip's epoch), fixed permissions and creator, one
// compression level; the same files give the same bytes.
const WRITE_ZIP_PY = `
import zipfile
method = zipfile.ZIP_DEFLATED if ARG['compression'] == 'deflated' else zipfile.ZIP_STORED
with zipfile.ZipFile(ARG['out'], 'w') as z:
    for name, path in ARG['entries']:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.create_system = 3
        if path is None:
            info.external_attr = (0o40755 << 16) | 0x10
            z.writestr(info, b'')
        else:
            info.external_attr = 0o100644 << 16
            info.compress_type = method
            with open(path, 'rb') as f:
                z.writestr(info, f.read(), compress_type=method, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
result = None
`;

let runs = 0;

/**
 * Builds the stdlib archive of an app: the stdlib modules it reaches, the codec modules of its sources' encodings
 * and what `include` names, with every stdlib module their sources import, transitively (inside functions too:
 * {@link stdlibClosure}); and what Pyodide itself imports when it starts and in typical use (found by running
 * it); each with its parent packages, compiled by the target's Pyodide to sourceless-layout `mod.pyc` (zipimport
 * looks for `mod.pyc` before `mod.py` and never in `__pycache__`), unchecked-hash (the archive is immutable, so the source is never
 * read to validate it), with the sources beside them for tracebacks unless `sources: false`.
 * Everything else of Pyodide's `python_stdlib.zip` is left out.
 */
export async function buildStdlibArchive(options: StdlibArchiveOptions): Promise<StdlibArchive> {
  const target = pythonTarget(options.target);
  const pkg = findPyodide(target, options.projectRoot);
  const encodings = [...new Set(options.encodings ?? [])].sort();
  const reached = [...new Set(options.reached)].sort();
  const runtimePackages = pyodidePackagesAmong(reached, pkg.dir);
  const include = options.include ?? [];
  const runtime =
    options.runtimeModules ?? (await pyodideRuntimeModules(pkg, { cache: options.cache, imports: reached }));
  // A rebuild whose inputs did not change takes the whole archive from the cache, without loading Pyodide.
  const archiveKey = cacheKeyOf([
    'pycache-kit stdlib archive 5',
    pkg.name,
    pkg.version,
    pyodideDigest(pkg),
    hexOf(target.magicNumber),
    target.optimize,
    [...runtime].sort(),
    reached,
    [...include].sort(),
    encodings,
    options.sources !== false,
    options.compression ?? 'deflated',
    options.codecs ?? 'all',
  ]);
  const cached = options.cache ? decodeArchive(await options.cache.get(archiveKey), pkg) : undefined;
  if (cached) return cached;
  const pyodide = await loadCompilerPyodide(pkg);
  const inventory = runPythonJson<Inventory>(pyodide, INVENTORY_PY, { encodings });

  const pathOf = new Map<string, string>();
  for (const path of inventory.sources) pathOf.set(moduleOf(path), path);
  // What the app can run: the modules its graph reaches, its sources' codecs and `include`. Their own imports are
  // followed below, inside functions too. Pyodide's startup modules (`runtime`, found by running it) are kept as
  // they are: following their function-level imports would keep what only `help()` (pydoc, http.server, email…)
  // or the interactive console (_pyrepl) import, doubling the archive for code no app reached.
  const appWanted = new Set<string>(reached);
  for (const candidates of Object.values(inventory.codecs))
    for (const name of candidates) appWanted.add(`encodings.${name}`);
  for (const pattern of include) for (const name of matching(pattern, pathOf.keys())) appWanted.add(name);
  // What the interpreter and the stdlib import by names no source spells (codecs, `_strptime`...): the app can
  // make those calls too, so they are the app's, and their own imports are followed.
  const codecs = options.codecs ?? 'all';
  for (const name of implicitImports([...runtime, ...appWanted], pathOf.keys(), codecs)) appWanted.add(name);
  const app = withParents(appWanted, pathOf);
  const kept = new Set([...withParents(runtime, pathOf), ...app]);

  const scratch = `/tmp/pycache-kit-stdlib/${++runs}`;
  try {
    runPythonJson(pyodide, EXTRACT_PY, { zip: inventory.zip, names: inventory.sources, dir: `${scratch}/src` });
    // What the app's stdlib modules import, in their functions too, transitively (the whole stdlib needs no walk);
    // again when a module the walk kept imports others by name (`xml.sax` its parser), until nothing is added.
    let walked = new Set<string>();
    while (kept.size < pathOf.size && app.size > walked.size) {
      walked = new Set(app);
      const closure = await closureOf(pyodide, `${scratch}/src`, inventory.sources, app, target, options);
      for (const name of withParents(closure, pathOf)) kept.add(name);
      for (const name of withParents(implicitImports(kept, pathOf.keys(), codecs), pathOf)) {
        app.add(name);
        kept.add(name);
      }
    }
    const modules = [...kept].sort();
    const sources = modules.map((name) => pathOf.get(name) as string);
    const files = sources.map((source) => ({ source, bytes: pyodide.FS.readFile(`${scratch}/src/${source}`) }));
    const compile = await precompileCached({
      modules: files.map(({ source, bytes }) => ({ source, cache: { '': `${source}c` }, bytes })),
      target,
      mode: 'unchecked-hash',
      optimizations: [target.optimize],
      root: inventory.zip,
      projectRoot: options.projectRoot,
      cache: options.cache,
      workers: options.workers,
    });
    const entries: [string, string | null][] = [];
    const folders = new Set<string>();
    let bytecodeBytes = 0;
    for (const { source } of files) {
      const pyc = compile.pycs.get(`${source}c`);
      if (pyc === undefined) throw new Error(`pycache stdlib: no bytecode came back for ${source}`);
      const out = `${scratch}/pyc/${source}c`;
      pyodide.FS.mkdirTree(out.slice(0, out.lastIndexOf('/')));
      pyodide.FS.writeFile(out, pyc);
      bytecodeBytes += pyc.byteLength;
      entries.push([`${source}c`, out]);
      if (options.sources !== false) entries.push([source, `${scratch}/src/${source}`]);
      for (let i = source.indexOf('/'); i !== -1; i = source.indexOf('/', i + 1)) folders.add(source.slice(0, i + 1));
    }
    for (const folder of folders) entries.push([folder, null]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const out = `${scratch}/stdlib.zip`;
    runPythonJson(pyodide, WRITE_ZIP_PY, { out, entries, compression: options.compression ?? 'deflated' });
    const archive: StdlibArchive = {
      bytes: new Uint8Array(pyodide.FS.readFile(out)),
      pyodide: pkg,
      mountPath: inventory.zip,
      modules,
      leftOut: [...pathOf.keys()].filter((name) => !kept.has(name)).sort(),
      runtimePackages,
      sourceBytes: files.reduce((n, file) => n + file.bytes.byteLength, 0),
      bytecodeBytes,
      compile,
    };
    if (options.cache) await options.cache.set(archiveKey, encodeArchive(archive));
    return archive;
  } finally {
    runPythonJson(pyodide, 'import shutil\nshutil.rmtree(ARG, ignore_errors=True)\nresult = None', scratch);
  }
}

interface CachedArchiveHeader {
  mountPath: string;
  modules: string[];
  leftOut: string[];
  runtimePackages: string[];
  sourceBytes: number;
  bytecodeBytes: number;
}

/** A cache entry: a 4-byte length, the JSON of the archive's description, then the zip. */
function encodeArchive(archive: StdlibArchive): Uint8Array {
  const header: CachedArchiveHeader = {
    mountPath: archive.mountPath,
    modules: [...archive.modules],
    leftOut: [...archive.leftOut],
    runtimePackages: [...archive.runtimePackages],
    sourceBytes: archive.sourceBytes,
    bytecodeBytes: archive.bytecodeBytes,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.byteLength + archive.bytes.byteLength);
  new DataView(out.buffer).setUint32(0, json.byteLength);
  out.set(json, 4);
  out.set(archive.bytes, 4 + json.byteLength);
  return out;
}

function decodeArchive(data: Uint8Array | undefined, pkg: PyodidePackage): StdlibArchive | undefined {
  if (data === undefined || data.byteLength < 4) return undefined;
  try {
    const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
    const header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + length))) as CachedArchiveHeader;
    const modules = header.modules;
    return {
      bytes: data.slice(4 + length),
      pyodide: pkg,
      mountPath: header.mountPath,
      modules,
      leftOut: header.leftOut,
      runtimePackages: header.runtimePackages,
      sourceBytes: header.sourceBytes,
      bytecodeBytes: header.bytecodeBytes,
      compile: { pycs: new Map(), compiled: [], fromCache: modules.map((name) => name), threads: 0 },
    };
  } catch {
    return undefined;
  }
}

/**
 * {@link stdlibClosure} of `kept`, over the stdlib sources extracted at `dir` in the compiler's file system
 * (copied to a host folder for the walk, removed after).
 */
async function closureOf(
  pyodide: Awaited<ReturnType<typeof loadCompilerPyodide>>,
  dir: string,
  sources: readonly string[],
  kept: ReadonlySet<string>,
  target: PythonTarget,
  options: StdlibArchiveOptions,
): Promise<string[]> {
  const host = await mkdtemp(join(tmpdir(), 'pycache-kit-stdlib-'));
  try {
    for (const source of sources) {
      const out = join(host, ...source.split('/'));
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, pyodide.FS.readFile(`${dir}/${source}`));
    }
    return await stdlibClosure({
      dir: host,
      from: kept,
      target,
      projectRoot: options.projectRoot ?? process.cwd(),
    });
  } finally {
    await rm(host, { recursive: true, force: true });
  }
}

/** The names that are modules of the stdlib zip, each with its parent packages (importing `a.b.c` imports `a`, `a.b`). */
function withParents(names: Iterable<string>, pathOf: ReadonlyMap<string, string>): Set<string> {
  const kept = new Set<string>();
  for (const name of names) {
    const parts = name.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (pathOf.has(prefix)) kept.add(prefix);
    }
  }
  return kept;
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The dotted module of a stdlib zip path: `json/__init__.py` → `json`, `json/decoder.py` → `json.decoder`. */
export function moduleOf(path: string): string {
  const parts = path.slice(0, -'.py'.length).split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}

/** The names among `names` an `include` pattern selects: `*`, `pkg.*` (pkg and below) or an exact name. */
export function matching(pattern: string, names: Iterable<string>): string[] {
  const all = [...names];
  if (pattern === '*') return all;
  if (pattern.endsWith('.*')) {
    const base = pattern.slice(0, -2);
    return all.filter((name) => name === base || name.startsWith(`${base}.`));
  }
  return all.filter((name) => name === pattern);
}
