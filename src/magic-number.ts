/**
 * CPython's bytecode magic numbers (`importlib.util.MAGIC_NUMBER`), 3.0 to 3.15.
 *
 * Sources: the "Known values" table in `Lib/importlib/_bootstrap_external.py` (read in CPython 3.13.0 as
 * installed by pyenv here; it lists every number from 3.0a4 to 3.13b1), `Include/internal/pycore_magic_number.h`
 * for 3.14 and 3.15 (3.14.0 final = 3627 "3.14rc3"; 3.15 entries 3650-3656 read from CPython main), and the
 * running interpreters: 3.6.15 .. 3.13.0 through pyenv, 3.14.2 and 3.15.0rc1 through the `pyodide` packages.
 * The bytes are `n.to_bytes(2, 'little') + b'\r\n'`.
 */

import { bytesOf } from './bytes-like.js';
import type { Implementation } from './implementation-magic.js';
import { otherImplementationMagic } from './implementation-magic.js';

/** A run of magic numbers first shipped in one prerelease (the table's "upcoming tag" label). */
type Run = readonly [first: number, last: number, label: string];

/**
 * Per minor version, its magic-number runs in order; the last number of the last run is the one its final
 * release writes (3.15: its release candidate, see {@link UNRELEASED}).
 * Written compactly because browsers download it: `version=run,run,…;…` where a run is `first[-last]label`
 * and the label is the release suffix (`a1`, `rc2`, `.2`). Runs without a label are the Py3k development
 * numbers before 3.0a4, which the table does not label. 3.5.0 and 3.5.1 shipped 3350; 3.5.2 bumped it to
 * 3351 (bpo-27286). 3657..3665 lie between the last 3.15 entry read (3656) and 3.15.0rc1's 3666: their labels
 * are not known here.
 */
const TABLE =
  '3.0=3000,3010,3020,3030,3040,3050,3060,3061,3071,3081,3091,3101,3103,3111a4,3131b1;' +
  '3.1=3141a1,3151a1;3.2=3160a1,3170a2,3180a3;3.3=3190a1,3200a1,3210a1,3220a2,3230a4;' +
  '3.4=3250a1,3260a1,3270a1,3280a1,3290a4,3300a4,3310rc2;3.5=3320a1,3330b1,3340b2,3350b3,3351.2;' +
  '3.6=3360a0,3361a1,3370-3372a2,3373b1,3375-3377b1,3378b2,3379rc1;3.7=3390a1,3391a2,3392a4,3393b1,3394b5;' +
  '3.8=3400-3401a1,3410a1,3411-3412b2,3413b4;3.9=3420-3422a0,3423-3425a2;' +
  '3.10=3430-3431a1,3432-3433a2,3434a6,3435a7,3436-3439b1;' +
  '3.11=3450-3461a1,3462a2,3463-3465a3,3466-3474a4,3475-3485a5,3486-3491a6,3492-3494a7,3495b4;' +
  '3.12=3500-3509a1,3510-3512a2,3513-3514a4,3515-3517a5,3518-3520a6,3521-3524a7,3525-3531b1;' +
  '3.13=3550-3568a1,3569a5,3570a6,3571b1;' +
  '3.14=3600-3608a1,3609a2,3610-3613a4,3614-3616a5,3617-3620a6,3621-3623a7,3624b1,3625b3,3626rc2,3627rc3;' +
  '3.15=3650a0,3651-3656a1,3666rc1';

/** A Map, not an object: a version string from a user must not find `Object.prototype`'s `constructor`. */
const LINES: ReadonlyMap<string, readonly Run[]> = new Map(
  TABLE.split(';').map((line) => {
    const [version, runs] = line.split('=');
    return [
      version,
      runs.split(',').map((run): Run => {
        const [, first, last, label] = /^(\d+)(?:-(\d+))?(.*)$/.exec(run) as RegExpExecArray;
        return [+first, +(last ?? first), label ? version + label : `${version} (Py3k development)`];
      }),
    ];
  }),
);

/** Every CPython minor version the core knows, oldest first. */
export const KNOWN_VERSIONS: readonly string[] = Object.freeze([...LINES.keys()]);

/** Magic numbers that a final release shipped, besides each line's last (3.5.0 and 3.5.1). */
const ALSO_FINAL = new Set([3350]);

/**
 * Lines with no final release in the table: 3.15 is known here as 3.15.0rc1 (`pyodide@315`). Its newest number
 * is the one a 3.15 target writes, but a prerelease's: 3.14 still changed its number at rc3.
 */
const UNRELEASED = new Set(['3.15']);

/** The newest minor version with a final release: the default target. */
export const NEWEST_FINAL: string = KNOWN_VERSIONS.filter((v) => !UNRELEASED.has(v)).at(-1) as string;

/** The 16-bit magic number of the final release of `version` ('3.12'); for 3.5, that of 3.5.2+. */
export function rawMagicFor(version: string): number | undefined {
  const runs = LINES.get(version);
  return runs ? runs[runs.length - 1][1] : undefined;
}

/** `n.to_bytes(2, 'little') + b'\r\n'`. */
export function magicBytes(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, n >>> 8, 0x0d, 0x0a);
}

/** What {@link versionForMagic} says about a magic number. */
export interface MagicInfo {
  /** The 16-bit number (`3531`). */
  readonly number: number;
  /** Which interpreter writes it: CPython, PyPy (numbers below 3000) or GraalPy (21000 + 10 x its bytecode version). */
  readonly implementation: Implementation;
  /** The Python line the number belongs to (`'3.12'`; for a GraalPy number that spans lines, the oldest). */
  readonly version: string;
  /** False for numbers that only alpha, beta, rc or development builds carried. */
  readonly final: boolean;
  /**
   * The release that first carried it, as CPython's table labels it (`'3.12b1'`, `'3.5.2'`); for PyPy and GraalPy
   * the releases that write it (`'PyPy3.10 7.3.12-7.3.19'`, `'GraalPy 24.1 (Python 3.11), …'`).
   */
  readonly release: string;
}

/**
 * Which release line wrote a `.pyc` with this magic number (CPython 3.x, PyPy3.6+ or GraalPy 23.0+): give the 4
 * header bytes (the last two must be `\r\n`; any typed array is read as its bytes) or the 16-bit number.
 * Returns `undefined` for numbers no known release line wrote (Python 2, gaps).
 */
export function versionForMagic(
  magic: Uint8Array | ArrayLike<number> | ArrayBufferView | number,
): MagicInfo | undefined {
  let n: number;
  if (typeof magic === 'number') {
    n = magic > 0xffff ? magic - 0x0a0d0000 : magic;
  } else {
    const bytes = ArrayBuffer.isView(magic) ? bytesOf(magic) : magic;
    if (bytes.length < 4 || bytes[2] !== 0x0d || bytes[3] !== 0x0a) return undefined;
    n = bytes[0] | (bytes[1] << 8);
  }
  const cpython = cpythonMagic(n);
  if (cpython) return cpython;
  const other = otherImplementationMagic(n);
  return other && Object.freeze({ number: n, ...other });
}

function cpythonMagic(n: number): MagicInfo | undefined {
  const implementation = 'cpython';
  for (const [version, runs] of LINES) {
    const isFinal = (n === runs[runs.length - 1][1] && !UNRELEASED.has(version)) || ALSO_FINAL.has(n);
    for (const [first, last, release] of runs) {
      if (n >= first && n <= last)
        return Object.freeze({ number: n, implementation, version, final: isFinal, release });
    }
    // Numbers between a line's listed entries (and, from 3.11 on, anywhere in the line's block of 50, which
    // the table's header assigns to 3.n as 2900 + 50n onwards) were development builds of that line.
    const minor = Number(version.slice(2));
    const end = minor >= 11 ? 2900 + 50 * (minor + 1) - 1 : runs[runs.length - 1][1];
    if (n >= runs[0][0] && n <= end)
      return Object.freeze({
        number: n,
        implementation,
        version,
        final: false,
        release: `${version} (unlisted development number)`,
      });
  }
  return undefined;
}
