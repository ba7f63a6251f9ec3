// Every host names a module by where its file sits under the Python roots (plugins/common/python-roots.ts). A bundler
// asks for each module it builds, so a normal absolute path is located without `path.relative`; that short cut must
// give `path.relative`'s answer (the reference below) for every file and root, normal or not: `.` and `..` parts,
// empty parts, trailing separators, hidden names, the root `/`, relative roots.
import { isAbsolute, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locatePythonFile, moduleNameFor, PythonRootError } from '../../../plugins/common/python-roots.js';
import { assertSeeded, SEED_NOTE } from '../../helpers/seeds.js';

/** The location as `path.relative` gives it (what locatePythonFile did for every file before its short cut). */
function reference(file: string, roots: readonly string[]): { root: string; source: string; module: string } | null {
  let best: { root: string; source: string; module: string } | null = null;
  for (const root of roots) {
    const rel = relative(root, file);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    if (best && best.root.length >= root.length) continue;
    const source = rel.split(sep).join('/');
    best = { root, source, module: moduleNameFor(source) };
  }
  return best;
}

const PARTS = ['a', 'pkg', 'b', 'm.py', '.', '..', '', '.hidden', '..py', 'a.b', 'é'];
const path = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PARTS), { minLength: 0, maxLength: 5 }))
  .map(([absolute, parts]) => (absolute ? '/' : '') + parts.join('/'));
const roots = fc.array(fc.oneof(path, fc.constantFrom('/', '/a', '/a/pkg', '/a/pkg/')), { minLength: 1, maxLength: 3 });

describe(`locatePythonFile ${SEED_NOTE}`, () => {
  it("gives path.relative's location, or PythonRootError where it gives none", () => {
    assertSeeded(
      fc.property(path, roots, (file, list) => {
        const expected = reference(file, list);
        if (expected === null) expect(() => locatePythonFile(file, list)).toThrow(PythonRootError);
        else expect(locatePythonFile(file, list)).toEqual(expected);
      }),
      { numRuns: 6000 },
    );
  });

  it('locates normal paths under the root `/`, nested roots (the deepest wins) and look-alike folders', () => {
    expect(locatePythonFile('/a/pkg/m.py', ['/'])).toEqual({ root: '/', source: 'a/pkg/m.py', module: 'a.pkg.m' });
    expect(locatePythonFile('/a/pkg/m.py', ['/a', '/a/pkg'])).toEqual({ root: '/a/pkg', source: 'm.py', module: 'm' });
    expect(() => locatePythonFile('/ab/m.py', ['/a'])).toThrow(PythonRootError);
    expect(() => locatePythonFile('/a', ['/a'])).toThrow(PythonRootError);
  });
});
