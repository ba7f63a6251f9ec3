import type { BytesLike } from './bytes-like.js';
import { bytesOf } from './bytes-like.js';
import { EOFError, ImportError, OverflowError, ValueError } from './errors.js';
import type { Implementation } from './implementation-magic.js';
import type { MagicInfo } from './magic-number.js';
import { versionForMagic } from './magic-number.js';
import { pyTypeName } from './python-values.js';
import { pyBytesRepr, pyRepr } from './py-repr.js';
import { sourceHash } from './source-hash.js';
import type { PythonTarget, PythonTargetSpec } from './target.js';
import { minorOf, pythonTarget } from './target.js';

/** How a `.pyc` decides whether it is stale (PEP 552). Before 3.7 every `.pyc` is `'timestamp'`. */
export type PycKind = 'timestamp' | 'checked-hash' | 'unchecked-hash';

/** A parsed `.pyc` header. */
export interface PycHeader {
  /** The 4 magic bytes. */
  readonly magicNumber: Uint8Array;
  /** The 16-bit magic number (`3531`). */
  readonly magic: number;
  /** Which interpreter writes that magic number: CPython, PyPy or GraalPy. */
  readonly implementation: Implementation;
  /** The Python line that wrote it (`'3.12'`), from the magic number. */
  readonly version: string;
  /** False when the magic number belongs to an alpha, beta, rc or development build. */
  readonly final: boolean;
  /** The release that first carried the magic number, as CPython's table labels it (`'3.12b1'`). */
  readonly release: string;
  /** 8 (3.0-3.2), 12 (3.3-3.6) or 16 bytes (3.7+). */
  readonly headerSize: 8 | 12 | 16;
  /** The PEP 552 flags word (0 before 3.7). */
  readonly flags: number;
  readonly kind: PycKind;
  /** Source modification time, seconds mod 2**32 (timestamp kind). */
  readonly mtime?: number;
  /** Source size mod 2**32 (timestamp kind, 3.3+). */
  readonly sourceSize?: number;
  /** `source_hash(source)` (hash kinds). */
  readonly sourceHash?: Uint8Array;
}

/** Options of {@link readPycHeader}. */
export interface ReadPycHeaderOptions {
  /** Validate as this interpreter's import system does (its magic number); default: whatever wrote the file. */
  target?: PythonTarget | PythonTargetSpec;
  /** The module or file name CPython puts in its messages (default `'<bytecode>'`). */
  name?: string;
}

/** The header layout of a CPython magic number: 3.3a1 (3210) added the size, 3.7a4 (3392) PEP 552's flags. */
function headerSizeFor(magic: number): 8 | 12 | 16 {
  return magic >= 3392 ? 16 : magic >= 3210 ? 12 : 8;
}

/** The layout of a minor version's final release (PyPy and GraalPy use their Python line's `importlib`). */
function headerSizeOfMinor(minor: number): 8 | 12 | 16 {
  return minor >= 7 ? 16 : minor >= 3 ? 12 : 8;
}

/** The layout a `.pyc` with this magic number has. */
function headerSizeOfMagic(info: MagicInfo): 8 | 12 | 16 {
  return info.implementation === 'cpython'
    ? headerSizeFor(info.number)
    : headerSizeOfMinor(Number(info.version.slice(2)));
}

const u32 = (b: Uint8Array, at: number): number =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/**
 * Parses the header of a `.pyc` file, for every layout from 3.0 to 3.15, with the checks of CPython's
 * `_classify_pyc` (3.7+) / `_validate_bytecode_header` (3.3-3.6) and their messages: `ImportError` for a bad
 * magic number or unknown flags, `EOFError` for a truncated header.
 */
export function readPycHeader(data: BytesLike, options: ReadPycHeaderOptions = {}): PycHeader {
  const bytes = bytesOf(data);
  const name = options.name ?? '<bytecode>';
  const v = options.target === undefined ? '3.14' : pythonTarget(options.target).version;
  const magicBytes = bytes.slice(0, 4);
  const expected = options.target === undefined ? undefined : pythonTarget(options.target).magicNumber;
  const info = versionForMagic(magicBytes);
  if (expected ? !sameBytes(magicBytes, expected) : info === undefined) {
    throw new ImportError(`bad magic number in ${pyRepr(name, v)}: ${pyBytesRepr(magicBytes)}`);
  }
  if (!info) throw new ImportError(`bad magic number in ${pyRepr(name, v)}: ${pyBytesRepr(magicBytes)}`);
  const headerSize = headerSizeOfMagic(info);
  const base = {
    magicNumber: magicBytes,
    magic: info.number,
    implementation: info.implementation,
    version: info.version,
    final: info.final,
    release: info.release,
    headerSize,
  };
  if (headerSize === 16) {
    if (bytes.length < 16) throw new EOFError(`reached EOF while reading pyc header of ${pyRepr(name, v)}`);
    const flags = u32(bytes, 4);
    if (flags & ~0b11) throw new ImportError(`invalid flags ${flags} in ${pyRepr(name, v)}`);
    if (flags & 0b1) {
      return Object.freeze({
        ...base,
        flags,
        kind: flags & 0b10 ? 'checked-hash' : 'unchecked-hash',
        sourceHash: bytes.slice(8, 16),
      });
    }
    return Object.freeze({ ...base, flags, kind: 'timestamp', mtime: u32(bytes, 8), sourceSize: u32(bytes, 12) });
  }
  if (bytes.length < 8) throw new EOFError(`reached EOF while reading timestamp in ${pyRepr(name, v)}`);
  if (headerSize === 8) return Object.freeze({ ...base, flags: 0, kind: 'timestamp', mtime: u32(bytes, 4) });
  if (bytes.length < 12) throw new EOFError(`reached EOF while reading size of source in ${pyRepr(name, v)}`);
  return Object.freeze({ ...base, flags: 0, kind: 'timestamp', mtime: u32(bytes, 4), sourceSize: u32(bytes, 8) });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What {@link writePycHeader} needs: the kind, and the mtime/size or the source (or its hash). */
export interface PycHeaderInit {
  target?: PythonTarget | PythonTargetSpec;
  /** Default `'timestamp'`; the hash kinds need 3.7+. */
  kind?: PycKind;
  /** Source mtime in seconds: `int(x) & 0xFFFFFFFF` is stored, as CPython's `_pack_uint32` does. */
  mtime?: number | bigint;
  /** Source size in bytes (stored mod 2**32; 3.3+). */
  sourceSize?: number | bigint;
  /** The source bytes: gives `sourceHash` for hash kinds and `sourceSize` when not set. */
  source?: BytesLike;
  /** `source_hash(source)`, 8 bytes, when `source` is not given. */
  sourceHash?: BytesLike;
}

const INIT_FIELDS: ReadonlySet<string> = new Set(['target', 'kind', 'mtime', 'sourceSize', 'source', 'sourceHash']);
const KINDS: readonly PycKind[] = ['timestamp', 'checked-hash', 'unchecked-hash'];

/**
 * `int(x) & 0xFFFFFFFF` as `_pack_uint32` computes it, for a field named `field`: a float is truncated and any
 * integer is reduced mod 2**32 (negative and huge values too, as CPython stores them); NaN is `int()`'s
 * `ValueError`, an infinity its `OverflowError`, a non-number a `TypeError`.
 */
function uint32Of(field: string, x: unknown): number {
  if (typeof x === 'bigint') return Number(BigInt.asUintN(32, x));
  if (typeof x !== 'number') throw new TypeError(`${field} must be a number, not '${pyTypeName(x)}'`);
  if (Number.isNaN(x)) throw new ValueError(`${field}: cannot convert float NaN to integer`);
  if (!Number.isFinite(x)) throw new OverflowError(`${field}: cannot convert float infinity to integer`);
  // Exact for every finite double: % of an integral double is exact, and the result is below 2**32.
  const r = Math.trunc(x) % 0x1_0000_0000;
  return r < 0 ? r + 0x1_0000_0000 : r + 0;
}

/** `_pack_uint32`: `(int(x) & 0xFFFFFFFF).to_bytes(4, 'little')`. */
function packUint32(out: Uint8Array, at: number, n: number): void {
  new DataView(out.buffer, out.byteOffset).setUint32(at, n, true);
}

/** The checked `kind` field. */
function kindOf(kind: unknown): PycKind {
  if (kind === undefined) return 'timestamp';
  if (typeof kind !== 'string')
    throw new TypeError(`kind must be 'timestamp', 'checked-hash' or 'unchecked-hash', not '${pyTypeName(kind)}'`);
  if (!KINDS.includes(kind as PycKind))
    throw new ValueError(`kind must be 'timestamp', 'checked-hash' or 'unchecked-hash', not ${JSON.stringify(kind)}`);
  return kind as PycKind;
}

/** The init object, each field name checked (a misspelt `mtim` would silently write 0). */
function initOf(init: unknown): PycHeaderInit {
  if (init === undefined) return {};
  if (typeof init !== 'object' || init === null || Array.isArray(init))
    throw new TypeError(`writePycHeader takes an options object, not '${pyTypeName(init)}'`);
  for (const key of Object.keys(init)) {
    if (!INIT_FIELDS.has(key))
      throw new TypeError(
        `unknown writePycHeader field ${JSON.stringify(key)}: the fields are ${[...INIT_FIELDS].join(', ')}`,
      );
  }
  return init as PycHeaderInit;
}

/** The 8 hash bytes of a hash-based header: `source_hash(source)`, or the given `sourceHash`. */
function hashOf(init: PycHeaderInit, kind: PycKind, target: PythonTarget): Uint8Array {
  if (init.source !== undefined) return sourceHash(init.source, { target });
  if (init.sourceHash === undefined) throw new TypeError(`a ${kind} header needs source or sourceHash`);
  const hash = bytesOf(init.sourceHash);
  if (hash.length !== 8)
    throw new ValueError(`sourceHash must be 8 bytes (importlib.util.source_hash), not ${hash.length}`);
  return hash;
}

/** The header size the target's import system writes. */
function headerSizeOfTarget(target: PythonTarget): 8 | 12 | 16 {
  const info = versionForMagic(target.magicNumber);
  return info?.implementation === 'cpython' ? headerSizeFor(info.number) : headerSizeOfMinor(minorOf(target));
}

/**
 * The header CPython's import system writes before the marshalled code (`_code_to_timestamp_pyc`,
 * `_code_to_hash_pyc`; 3.3-3.6 `_code_to_bytecode`; 3.0-3.2 magic + mtime). Throws `TypeError` for a field of
 * the wrong type or an unknown field, `ValueError` for an unknown `kind`, a NaN number or a `sourceHash` that
 * is not 8 bytes, `OverflowError` for an infinite number (as `int()` does), `RangeError` for a hash kind before 3.7.
 */
export function writePycHeader(options?: PycHeaderInit): Uint8Array {
  const init = initOf(options);
  const target = pythonTarget(init.target);
  const kind = kindOf(init.kind);
  const size = headerSizeOfTarget(target);
  const out = new Uint8Array(size);
  out.set(target.magicNumber, 0);
  if (kind !== 'timestamp') {
    if (size !== 16)
      throw new RangeError(`hash-based .pyc files need Python 3.7 or newer (PEP 552), not ${target.version}`);
    const hash = hashOf(init, kind, target);
    packUint32(out, 4, kind === 'checked-hash' ? 0b11 : 0b01);
    out.set(hash, 8);
    return out;
  }
  const mtime = init.mtime === undefined ? 0 : uint32Of('mtime', init.mtime);
  const sourceSize =
    init.sourceSize !== undefined
      ? uint32Of('sourceSize', init.sourceSize)
      : init.source !== undefined
        ? uint32Of('sourceSize', bytesOf(init.source).length)
        : 0;
  if (size === 16) {
    packUint32(out, 8, mtime);
    packUint32(out, 12, sourceSize);
  } else {
    packUint32(out, 4, mtime);
    if (size === 12) packUint32(out, 8, sourceSize);
  }
  return out;
}
