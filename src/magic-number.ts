/**
 * CPython's bytecode magic numbers (`importlib.util.MAGIC_NUMBER`), 3.0 to 3.15.
 *
 * Sources: the "Known values" table in `Lib/importlib/_bootstrap_external.py` (read in CPython 3.13.0 as
 * installed by pyenv here; it lists every number from 3.0a4 to 3.13b1), `Include/internal/pycore_magic_number.h`
 * for 3.14 and 3.15 (3.14.0 final = 3627 "3.14rc3"; 3.15 entries 3650-3656 read from CPython main), and the
 * running interpreters: 3.6.15 .. 3.13.0 through pyenv, 3.14.2 and 3.15.0rc1 through the `pyodide` packages.
 * The bytes are `n.to_bytes(2, 'little') + b'\r\n'`.
 */

/** A run of magic numbers first shipped in one prerelease (the table's "upcoming tag" label). */
type Run = readonly [first: number, last: number, label: string];

/** Per minor version: its magic-number runs in order; the last number of the last run is the final release's. */
const LINES: Readonly<Record<string, readonly Run[]>> = {
  // The Py3k development numbers before 3.0a4 carry no release label in the table.
  '3.0': [...[3000, 3010, 3020, 3030, 3040, 3050, 3060, 3061, 3071, 3081, 3091, 3101, 3103].map((n): Run => [n, n, '3.0 (Py3k development)']), [3111, 3111, '3.0a4'], [3131, 3131, '3.0b1']],
  '3.1': [[3141, 3141, '3.1a1'], [3151, 3151, '3.1a1']],
  '3.2': [[3160, 3160, '3.2a1'], [3170, 3170, '3.2a2'], [3180, 3180, '3.2a3']],
  '3.3': [[3190, 3190, '3.3a1'], [3200, 3200, '3.3a1'], [3210, 3210, '3.3a1'], [3220, 3220, '3.3a2'], [3230, 3230, '3.3a4']],
  '3.4': [[3250, 3250, '3.4a1'], [3260, 3260, '3.4a1'], [3270, 3270, '3.4a1'], [3280, 3280, '3.4a1'], [3290, 3290, '3.4a4'], [3300, 3300, '3.4a4'], [3310, 3310, '3.4rc2']],
  // 3.5.0 and 3.5.1 shipped 3350; 3.5.2 bumped it to 3351 (bpo-27286).
  '3.5': [[3320, 3320, '3.5a1'], [3330, 3330, '3.5b1'], [3340, 3340, '3.5b2'], [3350, 3350, '3.5b3'], [3351, 3351, '3.5.2']],
  '3.6': [[3360, 3360, '3.6a0'], [3361, 3361, '3.6a1'], [3370, 3372, '3.6a2'], [3373, 3373, '3.6b1'], [3375, 3377, '3.6b1'], [3378, 3378, '3.6b2'], [3379, 3379, '3.6rc1']],
  '3.7': [[3390, 3390, '3.7a1'], [3391, 3391, '3.7a2'], [3392, 3392, '3.7a4'], [3393, 3393, '3.7b1'], [3394, 3394, '3.7b5']],
  '3.8': [[3400, 3401, '3.8a1'], [3410, 3410, '3.8a1'], [3411, 3412, '3.8b2'], [3413, 3413, '3.8b4']],
  '3.9': [[3420, 3422, '3.9a0'], [3423, 3425, '3.9a2']],
  '3.10': [[3430, 3431, '3.10a1'], [3432, 3433, '3.10a2'], [3434, 3434, '3.10a6'], [3435, 3435, '3.10a7'], [3436, 3439, '3.10b1']],
  '3.11': [[3450, 3461, '3.11a1'], [3462, 3462, '3.11a2'], [3463, 3465, '3.11a3'], [3466, 3474, '3.11a4'], [3475, 3485, '3.11a5'], [3486, 3491, '3.11a6'], [3492, 3494, '3.11a7'], [3495, 3495, '3.11b4']],
  '3.12': [[3500, 3509, '3.12a1'], [3510, 3512, '3.12a2'], [3513, 3514, '3.12a4'], [3515, 3517, '3.12a5'], [3518, 3520, '3.12a6'], [3521, 3524, '3.12a7'], [3525, 3531, '3.12b1']],
  '3.13': [[3550, 3568, '3.13a1'], [3569, 3569, '3.13a5'], [3570, 3570, '3.13a6'], [3571, 3571, '3.13b1']],
  '3.14': [[3600, 3608, '3.14a1'], [3609, 3609, '3.14a2'], [3610, 3613, '3.14a4'], [3614, 3616, '3.14a5'], [3617, 3620, '3.14a6'], [3621, 3623, '3.14a7'], [3624, 3624, '3.14b1'], [3625, 3625, '3.14b3'], [3626, 3626, '3.14rc2'], [3627, 3627, '3.14rc3']],
  // 3657..3665 lie between the last entry read (3656) and 3.15.0rc1's 3666: their labels are not known here.
  '3.15': [[3650, 3650, '3.15a0'], [3651, 3656, '3.15a1'], [3666, 3666, '3.15rc1']],
};

/** Every CPython minor version the core knows, oldest first. */
export const KNOWN_VERSIONS: readonly string[] = Object.freeze(Object.keys(LINES));

/** Magic numbers that a final release shipped, besides each line's last (3.5.0 and 3.5.1). */
const ALSO_FINAL = new Set([3350]);

/** The 16-bit magic number of the final release of `version` ('3.12'); for 3.5, that of 3.5.2+. */
export function rawMagicFor(version: string): number | undefined {
  const runs = LINES[version];
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
  /** The CPython minor version whose line the number belongs to (`'3.12'`). */
  readonly version: string;
  /** False for numbers that only alpha, beta, rc or development builds carried. */
  readonly final: boolean;
  /** The release that first carried it, as CPython's table labels it (`'3.12b1'`, `'3.5.2'`). */
  readonly release: string;
}

/**
 * Which CPython release line wrote a `.pyc` with this magic number: give the 4 header bytes (the last two must
 * be `\r\n`) or the 16-bit number. Returns `undefined` for numbers outside every 3.x line (Python 2, gaps).
 */
export function versionForMagic(magic: Uint8Array | ArrayLike<number> | number): MagicInfo | undefined {
  let n: number;
  if (typeof magic === 'number') {
    n = magic > 0xffff ? magic - 0x0a0d0000 : magic;
  } else {
    if (magic.length < 4 || magic[2] !== 0x0d || magic[3] !== 0x0a) return undefined;
    n = magic[0] | (magic[1] << 8);
  }
  for (const [version, runs] of Object.entries(LINES)) {
    const isFinal = n === runs[runs.length - 1][1] || ALSO_FINAL.has(n);
    for (const [first, last, release] of runs) {
      if (n >= first && n <= last) return Object.freeze({ number: n, version, final: isFinal, release });
    }
    // Numbers between a line's listed entries (and, from 3.11 on, anywhere in the line's block of 50, which
    // the table's header assigns to 3.n as 2900 + 50n onwards) were development builds of that line.
    const minor = Number(version.slice(2));
    const end = minor >= 11 ? 2900 + 50 * (minor + 1) - 1 : runs[runs.length - 1][1];
    if (n >= runs[0][0] && n <= end) return Object.freeze({ number: n, version, final: false, release: `${version} (unlisted development number)` });
  }
  return undefined;
}
