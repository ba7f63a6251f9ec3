// locatePythonFile takes a short cut for a file plainly inside a root (no '.', '..' or empty part to resolve): on
// random absolute paths and roots built from the parts that matter, it must name the same root, source and module
// as the definition through path.relative, and refuse the same files.
import { isAbsolute, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locatePythonFile, moduleNameFor, resolveRoots } from '../../../plugins/common/python-roots.js';
import { assertSeeded, SEED_NOTE } from '../../helpers/seeds.js';

/** The definition: path.relative for every root, the deepest root holding the file wins. */
function byDefinition(file: string, roots: readonly string[]): { root: string; source: string } | undefined {
  let best: { root: string; source: string } | undefined;
  for (const root of roots) {
    const rel = relative(root, file);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    if (best && best.root.length >= root.length) continue;
    best = { root, source: rel.split(sep).join('/') };
  }
  return best;
}

const part = fc.constantFrom('a', 'b', 'pkg', '.', '..', '', '.hidden', 'x.py', '..py', 'é');
const path = fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`);

describe(`locatePythonFile ${SEED_NOTE}`, () => {
  it('names what path.relative names, short cut or not', () => {
    assertSeeded(
      fc.property(path, fc.array(path, { minLength: 1, maxLength: 3 }), (file, rawRoots) => {
        const roots = resolveRoots(rawRoots, '/');
        const expected = byDefinition(file, roots);
        if (expected === undefined) {
          expect(() => locatePythonFile(file, roots)).toThrow('is outside every Python root');
          return;
        }
        expect(locatePythonFile(file, roots)).toEqual({ ...expected, module: moduleNameFor(expected.source) });
      }),
      { numRuns: 20000 },
    );
  });
});
