import { KNOWN_VERSIONS, magicBytes, NEWEST_FINAL, rawMagicFor } from './magic-number.js';

/** Which implementation's rules a target follows; only the cache tag differs for PyPy and GraalPy. */
export type Implementation = 'cpython' | 'pypy' | 'graalpy';

/**
 * One interpreter configuration: what `sys.version_info`, `sys.implementation.cache_tag`,
 * `importlib.util.MAGIC_NUMBER`, `sys.flags.optimize`, `sys.pycache_prefix`, `os.getcwd()` and
 * `sys.platform` would say. Frozen; make one with {@link pythonTarget}.
 */
export interface PythonTarget {
  /** The minor version, `'3.12'`. */
  readonly version: string;
  /** `sys.implementation.cache_tag` (`'cpython-312'`); `null` where the interpreter has none (3.0, 3.1, or set so). */
  readonly cacheTag: string | null;
  /** `importlib.util.MAGIC_NUMBER`, 4 bytes. */
  readonly magicNumber: Uint8Array;
  /** `sys.flags.optimize`: 0, 1 (`-O`) or 2 (`-OO`). */
  readonly optimize: 0 | 1 | 2;
  /** `sys.pycache_prefix` (3.8+), or `null`. */
  readonly pycachePrefix: string | null;
  /** `os.getcwd()`, used to make relative paths absolute under a `pycachePrefix`. */
  readonly cwd: string;
  /** Path rules: `'posix'` (Linux, macOS, Emscripten) or `'win32'`. */
  readonly platform: 'posix' | 'win32';
  /** The implementation the cache tag names. */
  readonly implementation: Implementation;
}

/** What {@link pythonTarget} accepts: a version (`'3.12'`, `'3.12.1'`), a cache tag, or a partial target. */
export type PythonTargetSpec =
  | string
  | (Partial<Omit<PythonTarget, 'magicNumber'>> & { magicNumber?: Uint8Array | ArrayLike<number> })
  | PythonTarget;

/** The newest final CPython release in the table (3.15 is only a release candidate). */
export const DEFAULT_VERSION: string = NEWEST_FINAL;

const VERSION_RE = /^3\.(\d{1,2})(?:\.(\d+))?(?:(?:a|b|rc)\d+)?\+?$/;

/**
 * A frozen {@link PythonTarget}. `spec` is a version (`'3.12'`, `'3.12.1'`), a cache tag (`'cpython-312'`,
 * `'pypy310'`, `'graalpy242-311'`) or a partial object; missing fields take CPython's defaults for that
 * version (optimize 0, no prefix, cwd `/` or `C:\`, platform posix). With no spec: the newest final release.
 * Unknown versions throw a `RangeError` that lists the known ones.
 */
export function pythonTarget(spec?: PythonTargetSpec): PythonTarget {
  if (spec === lastSeen && spec !== undefined) return spec as PythonTarget;
  if (spec !== undefined && spec !== null && typeof spec === 'object' && made.has(spec)) {
    lastSeen = spec as PythonTarget;
    return lastSeen;
  }
  if (spec === undefined && defaultTarget) return defaultTarget;
  if (typeof spec === 'string') {
    const known = byString.get(spec);
    if (known) return known;
  }
  const fields = typeof spec === 'string' ? parseSpecString(spec) : (spec ?? {});
  let version = fields.version;
  let implementation: Implementation = fields.implementation ?? 'cpython';
  let patch: number | undefined;
  if (version !== undefined) {
    const parsed = parseVersion(String(version));
    version = parsed.version;
    patch = parsed.patch;
  }
  let cacheTag = fields.cacheTag;
  if (typeof cacheTag === 'string') {
    const fromTag = parseCacheTag(cacheTag);
    if (fromTag) {
      version ??= fromTag.version;
      if (fields.implementation === undefined) implementation = fromTag.implementation;
    }
  }
  version ??= DEFAULT_VERSION;
  if (!KNOWN_VERSIONS.includes(version)) throw unknownVersion(String(fields.version ?? fields.cacheTag ?? version));
  const minor = Number(version.slice(2));
  if (cacheTag === undefined) {
    if (implementation === 'graalpy') throw new RangeError("a GraalPy target needs its cacheTag (such as 'graalpy242-311'): it names the GraalPy release too");
    cacheTag = minor < 2 ? null : implementation === 'pypy' ? `pypy3${minor}` : `cpython-3${minor}`;
  }
  const platform = fields.platform ?? 'posix';
  if (platform !== 'posix' && platform !== 'win32') throw new RangeError(`unknown platform ${JSON.stringify(platform)}: use 'posix' or 'win32'`);
  const optimize = fields.optimize ?? 0;
  if (optimize !== 0 && optimize !== 1 && optimize !== 2) throw new RangeError(`optimize must be 0, 1 or 2 (sys.flags.optimize), not ${String(optimize)}`);
  const pycachePrefix = fields.pycachePrefix ?? null;
  if (pycachePrefix !== null && minor < 8) {
    throw new RangeError(`pycachePrefix needs Python 3.8 or newer (sys.pycache_prefix), not ${version}`);
  }
  const magic = fields.magicNumber
    ? Uint8Array.from(fields.magicNumber)
    : magicBytes(version === '3.5' && patch !== undefined && patch < 2 ? 3350 : (rawMagicFor(version) as number));
  if (magic.length !== 4) throw new RangeError('magicNumber must be 4 bytes');
  const target: PythonTarget = {
    version,
    cacheTag,
    // A Uint8Array cannot be frozen: every read gets a copy, so no caller can change a shared target's bytes.
    get magicNumber() {
      return magic.slice();
    },
    optimize,
    pycachePrefix,
    cwd: fields.cwd ?? (platform === 'win32' ? 'C:\\' : '/'),
    platform,
    implementation,
  };
  Object.freeze(target);
  made.add(target);
  if (spec === undefined) defaultTarget = target;
  if (typeof spec === 'string' && byString.size < 256) byString.set(spec, target);
  return target;
}

/** Targets this module made: passing one back in costs a set lookup, not a re-validation (hot in bundlers). */
const made = new WeakSet<object>();
/** The target passed last: a bundler passes the same one for every file, and one comparison beats the set. */
let lastSeen: PythonTarget | undefined;
/** Targets made from strings (`'3.12'`): plugins and rules pass the same few specs for every file. */
const byString = new Map<string, PythonTarget>();
let defaultTarget: PythonTarget | undefined;

function parseSpecString(spec: string): Partial<PythonTarget> {
  if (VERSION_RE.test(spec)) return { version: spec };
  if (parseCacheTag(spec)) return { cacheTag: spec };
  throw unknownVersion(spec);
}

function parseVersion(text: string): { version: string; patch?: number } {
  const m = VERSION_RE.exec(text);
  if (!m) throw unknownVersion(text);
  return { version: `3.${Number(m[1])}`, patch: m[2] === undefined ? undefined : Number(m[2]) };
}

/** `cpython-312` → 3.12; `pypy310` → 3.10 (PyPy); `graalpy242-311` → 3.11 (GraalPy). */
export function parseCacheTag(tag: string): { version: string; implementation: Implementation } | undefined {
  const m = /^cpython-3(\d{1,2})$/.exec(tag) ?? /^pypy3(\d{1,2})$/.exec(tag) ?? /^graalpy\d+-3(\d{1,2})$/.exec(tag);
  if (!m) return undefined;
  const implementation: Implementation = tag.startsWith('cpython') ? 'cpython' : tag.startsWith('pypy') ? 'pypy' : 'graalpy';
  return { version: `3.${Number(m[1])}`, implementation };
}

function unknownVersion(what: string): RangeError {
  return new RangeError(`unknown Python version or cache tag ${JSON.stringify(what)}: known versions are ${KNOWN_VERSIONS.join(', ')}`);
}

/** The major and minor numbers of a target's version, for version comparisons. */
export function minorOf(target: PythonTarget): number {
  const v = target.version;
  return v.length === 3 ? v.charCodeAt(2) - 48 : (v.charCodeAt(2) - 48) * 10 + v.charCodeAt(3) - 48;
}

/** The target {@link isPlainPosix} accepted last: a bundler passes the same one for every file. */
let plainPosix: PythonTarget | undefined;

/**
 * Whether the path functions' fast paths apply to `target`: posix CPython 3.5+ (PEP 488 names), a cache tag and
 * no `pycachePrefix`. One comparison for the target seen last, which is what keeps those paths fast.
 */
export function isPlainPosix(target: PythonTarget): boolean {
  if (target === plainPosix) return true;
  if (target.platform !== 'posix' || target.pycachePrefix !== null || target.cacheTag === null || minorOf(target) < 5) return false;
  plainPosix = target;
  return true;
}
