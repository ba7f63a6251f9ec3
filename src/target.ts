import { bytesOf } from './bytes-like.js';
import type { ParsedCacheTag } from './cache-tag.js';
import { checkCacheTag, parseCacheTag } from './cache-tag.js';
import { ValueError } from './errors.js';
import type { Implementation } from './implementation-magic.js';
import { graalpyMagic, pypyMagic } from './implementation-magic.js';
import { KNOWN_VERSIONS, magicBytes, NEWEST_FINAL, rawMagicFor } from './magic-number.js';
import { pyTypeName } from './python-values.js';

export type { Implementation } from './implementation-magic.js';
export { parseCacheTag } from './cache-tag.js';

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
  /** The implementation the cache tag names: its magic numbers differ from CPython's. */
  readonly implementation: Implementation;
}

/** What {@link pythonTarget} accepts: a version (`'3.12'`, `'3.12.1'`), a cache tag, or a partial target. */
export type PythonTargetSpec =
  | string
  | (Partial<Omit<PythonTarget, 'magicNumber'>> & { magicNumber?: Uint8Array | ArrayLike<number> | ArrayBufferView })
  | PythonTarget;

/** The newest final CPython release in the table (3.15 is only a release candidate). */
export const DEFAULT_VERSION: string = NEWEST_FINAL;

const VERSION_RE = /^3\.(\d{1,2})(?:\.(\d+))?(?:(?:a|b|rc)\d+)?\+?$/;

type Fields = Exclude<PythonTargetSpec, string>;

/**
 * A frozen {@link PythonTarget}. `spec` is a version (`'3.12'`, `'3.12.1'`), a cache tag (`'cpython-312'`,
 * `'pypy310'`, `'graalpy242-311'`) or a partial object; missing fields take the defaults of that version and
 * implementation (optimize 0, no prefix, cwd `/` or `C:\`, platform posix; PyPy's and GraalPy's own magic
 * numbers). With no spec: the newest final CPython release.
 *
 * Throws `TypeError` for a field of the wrong type or an unknown field, `ValueError` for a malformed `cacheTag`
 * or `magicNumber` (or one the core cannot know), and `RangeError` for values no interpreter has (an unknown
 * version, `optimize: 3`, a `pycachePrefix` before 3.8, an unknown platform); each message names the field.
 */
export function pythonTarget(spec?: PythonTargetSpec): PythonTarget {
  // Path functions get the same spec (a target object, a version string, or none) for every file of a build: one
  // comparison, no set or map lookup.
  if (spec === lastSpec && lastSeen !== undefined) return lastSeen;
  const known = knownTarget(spec);
  if (known) {
    lastSpec = spec;
    lastSeen = known;
    return known;
  }
  const target = makeTarget(fieldsOf(spec));
  if (typeof spec === 'string' || spec === undefined) remember(spec, target);
  return target;
}

/** The known spec passed last and its target (see {@link pythonTarget}): a made target, a string or `undefined`. */
let lastSpec: PythonTargetSpec | undefined;
let lastSeen: PythonTarget | undefined;

/** Targets this module made: passing one back in costs a set lookup, not a re-validation (hot in bundlers). */
const made = new WeakSet<object>();
/** The one cache: targets by the string spec that made them (`undefined` for the default). Plugins, rules and
 * path functions pass the same few specs for every file. */
const bySpec = new Map<string | undefined, PythonTarget>();

function knownTarget(spec: PythonTargetSpec | undefined): PythonTarget | undefined {
  if (typeof spec === 'object' && spec !== null) return made.has(spec) ? (spec as PythonTarget) : undefined;
  return bySpec.get(spec);
}

function remember(spec: string | undefined, target: PythonTarget): void {
  if (bySpec.size < 256) bySpec.set(spec, target);
}

const FIELD_NAMES: ReadonlySet<string> = new Set([
  'version',
  'cacheTag',
  'magicNumber',
  'optimize',
  'pycachePrefix',
  'cwd',
  'platform',
  'implementation',
]);

/** The fields a spec gives: parsed from a string, or an object's own fields (each name checked). */
function fieldsOf(spec: unknown): Fields {
  if (spec === undefined || spec === null) return {};
  if (typeof spec === 'string') return parseSpecString(spec);
  if (typeof spec !== 'object' || Array.isArray(spec) || ArrayBuffer.isView(spec)) {
    throw new TypeError(
      `a Python target is a version such as '3.12', a cache tag or a target object, not '${pyTypeName(spec)}'`,
    );
  }
  for (const key of Object.keys(spec)) {
    if (!FIELD_NAMES.has(key))
      throw new TypeError(`unknown target field ${JSON.stringify(key)}: the fields are ${[...FIELD_NAMES].join(', ')}`);
  }
  return spec as Fields;
}

function parseSpecString(spec: string): Fields {
  if (VERSION_RE.test(spec)) return { version: spec };
  if (parseCacheTag(spec)) return { cacheTag: spec };
  throw unknownVersion(spec);
}

/** Builds and freezes a target from checked fields. */
function makeTarget(fields: Fields): PythonTarget {
  const tag = tagOf(fields);
  const { version, patch } = versionOf(fields, tag);
  const implementation = implementationOf(fields, tag);
  const cacheTag = fields.cacheTag === undefined ? defaultCacheTag(version, implementation) : fields.cacheTag;
  const platform = platformOf(fields.platform);
  const optimize = optimizeOf(fields.optimize);
  const pycachePrefix = prefixOf(fields.pycachePrefix, version);
  const cwd = stringField('cwd', fields.cwd) ?? (platform === 'win32' ? 'C:\\' : '/');
  const magic = magicOf(fields.magicNumber, version, patch, implementation, tag);
  const target: PythonTarget = {
    version,
    cacheTag,
    // A Uint8Array cannot be frozen: every read gets a copy, so no caller can change a shared target's bytes.
    get magicNumber() {
      return magic.slice();
    },
    optimize,
    pycachePrefix,
    cwd,
    platform,
    implementation,
  };
  Object.freeze(target);
  made.add(target);
  return target;
}

/** The checked `cacheTag` field, parsed when it is a form the core knows. */
function tagOf(fields: Fields): ParsedCacheTag | undefined {
  if (fields.cacheTag === undefined) return undefined;
  checkCacheTag(fields.cacheTag);
  return fields.cacheTag === null ? undefined : parseCacheTag(fields.cacheTag);
}

/** The minor version (from `version`, else the tag, else the default) and the patch release when given. */
function versionOf(fields: Fields, tag: ParsedCacheTag | undefined): { version: string; patch?: number } {
  const given = stringField('version', fields.version);
  if (given === undefined) {
    if (tag && !KNOWN_VERSIONS.includes(tag.version)) throw unknownVersion(fields.cacheTag as string);
    return { version: tag?.version ?? DEFAULT_VERSION };
  }
  const m = VERSION_RE.exec(given);
  const version = m ? `3.${Number(m[1])}` : undefined;
  if (!m || version === undefined || !KNOWN_VERSIONS.includes(version)) throw unknownVersion(given);
  return { version, patch: m[2] === undefined ? undefined : Number(m[2]) };
}

const IMPLEMENTATIONS: readonly Implementation[] = ['cpython', 'pypy', 'graalpy'];

function implementationOf(fields: Fields, tag: ParsedCacheTag | undefined): Implementation {
  const given: unknown = fields.implementation;
  if (given === undefined) return tag?.implementation ?? 'cpython';
  if (typeof given !== 'string')
    throw new TypeError(`implementation must be 'cpython', 'pypy' or 'graalpy', not '${pyTypeName(given)}'`);
  if (!IMPLEMENTATIONS.includes(given as Implementation))
    throw new ValueError(`implementation must be 'cpython', 'pypy' or 'graalpy', not ${JSON.stringify(given)}`);
  return given as Implementation;
}

function defaultCacheTag(version: string, implementation: Implementation): string | null {
  const minor = Number(version.slice(2));
  if (implementation === 'graalpy')
    throw new RangeError(
      "a GraalPy target needs its cacheTag (such as 'graalpy242-311'): it names the GraalPy release too",
    );
  if (implementation === 'pypy') return `pypy3${minor}`;
  return minor < 2 ? null : `cpython-3${minor}`;
}

function platformOf(given: unknown): 'posix' | 'win32' {
  if (given === undefined) return 'posix';
  if (typeof given !== 'string') throw new TypeError(`platform must be 'posix' or 'win32', not '${pyTypeName(given)}'`);
  if (given !== 'posix' && given !== 'win32')
    throw new RangeError(`unknown platform ${JSON.stringify(given)}: use 'posix' or 'win32'`);
  return given;
}

function optimizeOf(given: unknown): 0 | 1 | 2 {
  if (given === undefined) return 0;
  if (typeof given !== 'number')
    throw new TypeError(`optimize must be 0, 1 or 2 (sys.flags.optimize), not '${pyTypeName(given)}'`);
  if (given !== 0 && given !== 1 && given !== 2)
    throw new RangeError(`optimize must be 0, 1 or 2 (sys.flags.optimize), not ${String(given)}`);
  return given;
}

function prefixOf(given: unknown, version: string): string | null {
  const prefix = given === null ? null : (stringField('pycachePrefix', given, 'or null') ?? null);
  if (prefix !== null && Number(version.slice(2)) < 8) {
    throw new RangeError(`pycachePrefix needs Python 3.8 or newer (sys.pycache_prefix), not ${version}`);
  }
  return prefix;
}

/** A string field, `undefined` when absent; `TypeError` naming the field for any other type. */
function stringField(name: string, value: unknown, alternative = ''): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new TypeError(`${name} must be a string${alternative ? ` ${alternative}` : ''}, not '${pyTypeName(value)}'`);
}

/** The magic number: the given 4 bytes, else the one this implementation and version write. */
function magicOf(
  given: unknown,
  version: string,
  patch: number | undefined,
  implementation: Implementation,
  tag: ParsedCacheTag | undefined,
): Uint8Array {
  if (given !== undefined) return checkedMagic(given);
  if (implementation === 'cpython')
    return magicBytes(version === '3.5' && patch !== undefined && patch < 2 ? 3350 : (rawMagicFor(version) as number));
  const n =
    implementation === 'pypy'
      ? pypyMagic(version)
      : tag?.graalpyRelease === undefined
        ? undefined
        : graalpyMagic(tag.graalpyRelease);
  if (n === undefined) {
    const which = implementation === 'pypy' ? `PyPy for Python ${version}` : `the GraalPy release of this cacheTag`;
    throw new ValueError(
      `magicNumber: the magic number of ${which} is not known here (PyPy3.6-3.11, GraalPy 23.0-25.2 are); pass it as magicNumber`,
    );
  }
  return magicBytes(n);
}

/** 4 bytes from a typed array, an `ArrayBuffer` or an array of byte values; nothing else. */
function checkedMagic(given: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (ArrayBuffer.isView(given) || given instanceof ArrayBuffer) bytes = Uint8Array.from(bytesOf(given));
  else if (Array.isArray(given)) {
    if (!given.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
      throw new ValueError('magicNumber must hold byte values (integers 0-255)');
    bytes = Uint8Array.from(given as number[]);
  } else
    throw new TypeError(
      `magicNumber must be 4 bytes (a Uint8Array or an array of byte values), not '${pyTypeName(given)}'`,
    );
  if (bytes.length !== 4)
    throw new ValueError(`magicNumber must be 4 bytes (importlib.util.MAGIC_NUMBER), not ${bytes.length}`);
  return bytes;
}

function unknownVersion(what: string): RangeError {
  return new RangeError(
    `unknown Python version or cache tag ${JSON.stringify(what)}: known versions are ${KNOWN_VERSIONS.join(', ')}`,
  );
}

/** The minor number of a target's version (12 for `'3.12'`; the major is always 3), for version comparisons. */
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
  if (target.platform !== 'posix' || target.pycachePrefix !== null || target.cacheTag === null || minorOf(target) < 5)
    return false;
  plainPosix = target;
  return true;
}
