/**
 * The magic numbers PyPy and GraalPy write at the head of a `.pyc`. Both keep CPython's `.pyc` layout (their
 * `importlib` is CPython's, so 3.7+ headers are PEP 552's 16 bytes) but not its numbers:
 *
 * - PyPy: `pypy_incremental_magic` in `pypy/interpreter/pycode.py`, always below 3000 and bumped by 16, stored
 *   as `n | ord('\r') << 16 | ord('\n') << 24` (`default_magic`, which `lib-python/3/importlib/
 *   _bootstrap_external.py` takes as `MAGIC_NUMBER`). Read at the release tags of github.com/pypy/pypy:
 *   release-pypy3.6-v7.3.3 (250ebd7d46c4), release-pypy3.7-v7.3.9 (3a614a6737a1), release-pypy3.8-v7.3.11
 *   (e95a45357311), release-pypy3.9-v7.3.16 (a2113ea87262), release-pypy3.10-v7.3.19 (64367dfeb263),
 *   release-pypy3.11-v7.3.18 (b38de282cead), -v7.3.22 (dc0121776214) and -v7.3.23 (194f9f44b505), and every
 *   release tag between them. Its cache tag is `'pypy%d%d' % CPYTHON_VERSION[:2]` (`PYC_TAG` in
 *   `pypy/module/imp/importing.py`) from PyPy3.6 on; PyPy3.5 and older used another form (`pypy3-XY`, XY the
 *   PyPy version) and are not modelled.
 * - GraalPy: `MAGIC_NUMBER = 21000 + BYTECODE_VERSION * 10` (`ImpModuleBuiltins.GetMagic` up to 25.0,
 *   `PythonLanguage.MAGIC_NUMBER` from 25.1; github.com/oracle/graalpython), with `BYTECODE_VERSION` from
 *   `compiler/Compiler.java` (from 25.2: `compiler/bytecode_dsl/BytecodeDSLCompiler.java`). Read at the tags
 *   vm-23.0.0 (24252eaefb74), vm-23.1.0 (5e7d8ad9f898), vm-24.0.0 (dd84460f5042), vm-24.1.0 (c0c790b029c1),
 *   vm-24.2.0 (875be24f0185), vm-25.0.0 (f36b74a9f27d), vm-25.1.3 (a88321e8b444) and vm-25.2.4 (196ff1a0e59d).
 *   Its cache tag is `'graalpy' + GRAALVM_MAJOR + GRAALVM_MINOR + DEV_TAG + '-' + MAJOR + MINOR`
 *   (`SysModuleBuiltins`, 23.0 on; `graalpy241-311`); 22.x wrote `graalpy-38` and 20.x-21.x `graalpython-38`,
 *   whose magic numbers changed between releases without the tag saying which (20.3: CPython 3.8's 3413; 21.x
 *   and 22.x: 21000 + 10 x the AST serialisation version), so those targets need an explicit `magicNumber`.
 */

/** Which implementation's rules a target follows; PyPy and GraalPy differ from CPython in tag and magic number. */
export type Implementation = 'cpython' | 'pypy' | 'graalpy';

/** PyPy: per Python line, `[number, the PyPy releases that wrote it]`, oldest first; the last is the default. */
const PYPY: ReadonlyMap<string, readonly (readonly [number, string])[]> = new Map([
  [
    '3.6',
    [
      [160, 'PyPy3.6 7.0.0-7.1.1'],
      [192, 'PyPy3.6 7.2.0-7.3.3'],
    ],
  ],
  [
    '3.7',
    [
      [224, 'PyPy3.7 7.3.2-7.3.3'],
      [240, 'PyPy3.7 7.3.4-7.3.9'],
    ],
  ],
  ['3.8', [[256, 'PyPy3.8 7.3.6-7.3.11']]],
  [
    '3.9',
    [
      [320, 'PyPy3.9 7.3.8'],
      [336, 'PyPy3.9 7.3.9-7.3.16'],
    ],
  ],
  ['3.10', [[384, 'PyPy3.10 7.3.12-7.3.19']]],
  [
    '3.11',
    [
      [400, 'PyPy3.11 7.3.18'],
      [416, 'PyPy3.11 7.3.19-7.3.22'],
      [432, 'PyPy3.11 7.3.23'],
    ],
  ],
] as const);

/** GraalPy: per release (`'241'` as the cache tag spells 24.1), its Python line and bytecode version. */
const GRAALPY: ReadonlyMap<string, readonly [python: string, bytecode: number]> = new Map([
  ['230', ['3.10', 27]],
  ['231', ['3.10', 28]],
  ['240', ['3.10', 28]],
  ['241', ['3.11', 29]],
  ['242', ['3.11', 29]],
  ['250', ['3.12', 29]],
  ['251', ['3.12', 32]],
  ['252', ['3.12', 33]],
] as const);

/** The 16-bit magic number a PyPy of this Python line writes (its newest release's), or undefined. */
export function pypyMagic(version: string): number | undefined {
  return PYPY.get(version)?.at(-1)?.[0];
}

/** The 16-bit magic number of a GraalPy release as its cache tag spells it (`'241'`), or undefined. */
export function graalpyMagic(release: string): number | undefined {
  const known = GRAALPY.get(release);
  return known && 21000 + 10 * known[1];
}

/** What a PyPy or GraalPy magic number tells: its implementation, Python line(s) and releases. */
export interface OtherMagic {
  readonly implementation: Implementation;
  readonly version: string;
  readonly final: boolean;
  readonly release: string;
}

/**
 * The PyPy or GraalPy release line that writes `n`, or undefined. A GraalPy number can span Python lines (21290
 * is GraalPy 24.1 and 24.2, Python 3.11, and 25.0, Python 3.12): `version` is the oldest, `release` names all.
 */
export function otherImplementationMagic(n: number): OtherMagic | undefined {
  for (const [version, runs] of PYPY) {
    for (const [number, release] of runs)
      if (number === n) return { implementation: 'pypy', version, final: true, release };
  }
  const releases: string[] = [];
  let version: string | undefined;
  for (const [release, [python, bytecode]] of GRAALPY) {
    if (21000 + 10 * bytecode !== n) continue;
    version ??= python;
    releases.push(`GraalPy ${release.slice(0, 2)}.${release.slice(2)} (Python ${python})`);
  }
  return version === undefined
    ? undefined
    : { implementation: 'graalpy', version, final: true, release: releases.join(', ') };
}
