import { EOFError, ImportError } from './errors.js';
import { versionForMagic } from './magic-number.js';
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
  /** The CPython line that wrote it (`'3.12'`), from the magic number. */
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

/** The header layout of a magic number: 3.3a1 (3210) added the size, 3.7a4 (3392) PEP 552's flags. */
function headerSizeFor(magic: number): 8 | 12 | 16 {
  return magic >= 3392 ? 16 : magic >= 3210 ? 12 : 8;
}

const u32 = (b: Uint8Array, at: number): number => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/**
 * Parses the header of a `.pyc` file, for every layout from 3.0 to 3.15, with the checks of CPython's
 * `_classify_pyc` (3.7+) / `_validate_bytecode_header` (3.3-3.6) and their messages: `ImportError` for a bad
 * magic number or unknown flags, `EOFError` for a truncated header.
 */
export function readPycHeader(bytes: Uint8Array, options: ReadPycHeaderOptions = {}): PycHeader {
  const name = options.name ?? '<bytecode>';
  const v = options.target === undefined ? '3.14' : pythonTarget(options.target).version;
  const magicBytes = bytes.slice(0, 4);
  const expected = options.target === undefined ? undefined : pythonTarget(options.target).magicNumber;
  const info = versionForMagic(magicBytes);
  if (expected ? !sameBytes(magicBytes, expected) : info === undefined) {
    throw new ImportError(`bad magic number in ${pyRepr(name, v)}: ${pyBytesRepr(magicBytes)}`);
  }
  if (!info) throw new ImportError(`bad magic number in ${pyRepr(name, v)}: ${pyBytesRepr(magicBytes)}`);
  const headerSize = headerSizeFor(info.number);
  const base = { magicNumber: magicBytes, magic: info.number, version: info.version, final: info.final, release: info.release, headerSize };
  if (headerSize === 16) {
    if (bytes.length < 16) throw new EOFError(`reached EOF while reading pyc header of ${pyRepr(name, v)}`);
    const flags = u32(bytes, 4);
    if (flags & ~0b11) throw new ImportError(`invalid flags ${flags} in ${pyRepr(name, v)}`);
    if (flags & 0b1) {
      return Object.freeze({ ...base, flags, kind: flags & 0b10 ? 'checked-hash' : 'unchecked-hash', sourceHash: bytes.slice(8, 16) });
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
  /** Source mtime in seconds (`int(x) & 0xFFFFFFFF` is stored). */
  mtime?: number;
  /** Source size in bytes (stored mod 2**32; 3.3+). */
  sourceSize?: number;
  /** The source bytes: gives `sourceHash` for hash kinds and `sourceSize` when not set. */
  source?: Uint8Array;
  /** `source_hash(source)`, 8 bytes, when `source` is not given. */
  sourceHash?: Uint8Array;
}

/** `_pack_uint32`: `(int(x) & 0xFFFFFFFF).to_bytes(4, 'little')`. */
function packUint32(out: Uint8Array, at: number, x: number): void {
  const n = Number(BigInt.asUintN(32, BigInt(Math.trunc(x))));
  new DataView(out.buffer, out.byteOffset).setUint32(at, n, true);
}

/**
 * The header CPython's import system writes before the marshalled code (`_code_to_timestamp_pyc`,
 * `_code_to_hash_pyc`; 3.3-3.6 `_code_to_bytecode`; 3.0-3.2 magic + mtime).
 */
export function writePycHeader(init: PycHeaderInit = {}): Uint8Array {
  const target = pythonTarget(init.target);
  const minor = minorOf(target);
  const kind = init.kind ?? 'timestamp';
  const size = headerSizeFor(versionForMagic(target.magicNumber)?.number ?? (minor >= 7 ? 3392 : minor >= 3 ? 3210 : 0));
  const out = new Uint8Array(size);
  out.set(target.magicNumber, 0);
  if (kind !== 'timestamp') {
    if (size !== 16) throw new RangeError(`hash-based .pyc files need Python 3.7 or newer (PEP 552), not ${target.version}`);
    const hash = init.source ? sourceHash(init.source, { target }) : init.sourceHash;
    if (!hash || hash.length !== 8) throw new RangeError(`a ${kind} header needs the source bytes or an 8-byte sourceHash`);
    packUint32(out, 4, kind === 'checked-hash' ? 0b11 : 0b01);
    out.set(hash, 8);
    return out;
  }
  const mtime = init.mtime ?? 0;
  const sourceSize = init.sourceSize ?? init.source?.length ?? 0;
  if (size === 16) {
    packUint32(out, 8, mtime);
    packUint32(out, 12, sourceSize);
  } else {
    packUint32(out, 4, mtime);
    if (size === 12) packUint32(out, 8, sourceSize);
  }
  return out;
}
