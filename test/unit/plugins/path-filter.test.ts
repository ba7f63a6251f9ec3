// The Vite/Rollup/Rolldown plugin's include/exclude filter gives @rollup/pluginutils' answers (it replaced that
// dependency): generated globs and ids, compared with the library itself (a devDependency kept for this test).
// fast-check prints the seed and the shrunk counterexample of any failure.
import { createFilter } from '@rollup/pluginutils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPathFilter } from '../../../plugins/common/path-filter.js';

const root = '/srv/app (1)/web+site';
const piece = fc.constantFrom(
  'a',
  'b',
  '.py',
  '.pyw',
  '/',
  '*',
  '**',
  '**/',
  '?',
  '.',
  '..',
  '_',
  '{a,b}',
  '[ab]',
  '!',
  'app (1)',
  '\\',
  '+',
  '@(a|b)',
);
const glob = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => `${root}/${parts.join('')}`),
);
const regexp = fc.constantFrom(/\.py$/, /\/b\//g, /^\/srv/y, /a/);
const pattern = fc.oneof(glob, regexp);
const patterns = fc.oneof(fc.constant(null), fc.constant(undefined), pattern, fc.array(pattern, { maxLength: 3 }));
const segment = fc.constantFrom(
  'a',
  'b',
  '.a',
  'x.py',
  'y.pyw',
  '__init__.py',
  'app (1)',
  'web+site',
  'srv',
  '..',
  'a\\b.py',
  'c\0d',
);
const id = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `${root}/${parts.join('/')}`),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
);

describe('createPathFilter', () => {
  it('picks the same ids as @rollup/pluginutils createFilter(include, exclude, { resolve: root })', () => {
    fc.assert(
      fc.property(patterns, patterns, fc.array(id, { minLength: 1, maxLength: 8 }), (include, exclude, ids) => {
        const ours = createPathFilter(include, exclude, root);
        const theirs = createFilter(include, exclude, { resolve: root });
        for (const each of ids)
          expect(ours(each), `${JSON.stringify(each)} include ${String(include)} exclude ${String(exclude)}`).toBe(
            theirs(each),
          );
      }),
      { numRuns: 2000 },
    );
  });

  it('anchors relative globs at the root, treats its glob characters literally, and never picks virtual modules', () => {
    const filter = createPathFilter(['**/*.py', 'lib/*.pyw'], 'skip/**', root);
    expect(filter(`${root}/pkg/mod.py`)).toBe(true);
    expect(filter(`${root}/lib/win.pyw`)).toBe(true);
    expect(filter('/srv/app 1/web+site/lib/win.pyw')).toBe(false);
    expect(filter(`${root}/skip/mod.py`)).toBe(false);
    expect(filter('\0virtual:mod.py')).toBe(false);
    expect(filter(42)).toBe(false);
  });
});
