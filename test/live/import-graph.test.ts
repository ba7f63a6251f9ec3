// The Python import graph of the `entries` option, parsed by the target interpreter's own `ast` (Pyodide in
// Node): every import form on fixtures/graph-app, and PEP 810 `lazy import` with Python 3.15's grammar.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonTarget } from '../../src/index.js';
import {
  importedOutsideRoots,
  importChain,
  importGraph,
  graphSummary,
  resolveRelative,
} from '../../plugins/common/import-graph.js';
import { matchModulePattern, isModulePattern } from '../../plugins/common/module-patterns.js';
import { resolveOptions } from '../../plugins/common/options.js';
import { GRAPH_APP, GRAPH_APP_KEPT } from '../helpers/graph-app.js';

const fixture = GRAPH_APP;
const root = join(fixture, 'py');
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('import graph (Python 3.14 ast)', () => {
  it('keeps what the entries import, in every form, and leaves the rest out', async () => {
    const graph = await importGraph({
      roots: [root],
      entries: ['app'],
      include: ['plugins.*'],
      target: pythonTarget('3.14'),
      projectRoot,
    });
    expect([...graph.kept.keys()].sort()).toEqual(GRAPH_APP_KEPT);
    expect(graph.leftOut.map((m) => m.module)).toEqual(['app.sub.deep.other_leaf', 'app.unused', 'other.thing']);
    // Required but nowhere: warnings naming file and line; optional ones (try/except ImportError) are silent.
    expect(graph.warnings.map((w) => `${w.source}:${w.line}: ${w.message}`)).toEqual([
      'app/__init__.py:39: cannot resolve the import of "app.missing_required": no app/missing_required.py or app/missing_required/__init__.py under the roots',
      'app/__init__.py:40: imports "nosuchthing", which is neither under the roots nor importable by Python 3.14 (stdlib, built-in or Pyodide\'s own)',
      'app/bad_relative.py:5: attempted relative import beyond top-level package (level 3 from "app")',
    ]);
    expect(graph.warnings[0].file).toBe(join(root, 'app/__init__.py'));
    // What the stdlib option sees: fastjson is optional and nosuchthing imported in a function, so neither counts.
    expect(importedOutsideRoots(graph)).toEqual(['importlib', 'json']);
    expect(graph.external.get('fastjson')).toMatchObject({
      known: false,
      importers: [{ source: 'app/__init__.py', line: 28, optional: true }],
    });
    expect(importChain(graph, 'app.core.engine')).toBe('app.core.engine <- app:2 (entry)');
    expect(importChain(graph, 'app.sub.sibling')).toBe('app.sub.sibling <- app.sub.deep:2 <- app:5 (entry)');
    expect(importChain(graph, 'plugins.a')).toBe('plugins.a (include plugins.*)');
    expect(graphSummary(graph, ['app'])).toMatch(
      /^pycache: entries app: kept 19 modules \([\d.]+ k?B\), left out 3 modules \(\d+ B\); 4 modules imported from outside the roots$/,
    );
  });

  it('an entry or include name that is no module is an option error', async () => {
    await expect(
      importGraph({ roots: [root], entries: ['app.nope'], target: pythonTarget('3.14'), projectRoot }),
    ).rejects.toThrow(
      /option "entries" names "app.nope", but there is no app\/nope.py or app\/nope\/__init__.py under the roots/,
    );
    await expect(
      importGraph({ roots: [root], entries: ['app'], include: ['zzz.*'], target: pythonTarget('3.14'), projectRoot }),
    ).rejects.toThrow(/option "include" names "zzz.\*", but no module/);
  });

  it('a target without an installed Pyodide is a clear error naming the option and what to install', async () => {
    await expect(
      importGraph({ roots: [root], entries: ['app'], target: pythonTarget('3.12'), projectRoot }),
    ).rejects.toThrow(
      /^pycache: the "entries" option parses Python with the target's own interpreter\. pycache precompile: no installed Pyodide runs Python 3\.12.*npm install -D pyodide-312/,
    );
  });

  it("follows PEP 810 lazy imports with Python 3.15's grammar", async () => {
    const graph = await importGraph({
      roots: [join(fixture, 'py315')],
      entries: ['lazyapp'],
      target: pythonTarget('3.15'),
      projectRoot,
    });
    expect([...graph.kept.keys()]).toEqual(['lazyapp', 'lazyapp.first', 'lazyapp.second', 'lazyapp.third']);
    expect(graph.leftOut.map((m) => m.module)).toEqual(['lazyapp.unused']);
  });

  it("3.14's parser refuses lazy import: a clear error naming the file and line", async () => {
    await expect(
      importGraph({ roots: [join(fixture, 'py315')], entries: ['lazyapp'], target: pythonTarget('3.14'), projectRoot }),
    ).rejects.toThrow(
      `pycache: ${join(fixture, 'py315/lazyapp/__init__.py')}:1: SyntaxError: invalid syntax (Python 3.14)`,
    );
  });
});

describe('graph helpers', () => {
  it('resolves relative names as importlib._bootstrap._resolve_name does', () => {
    expect(resolveRelative('x', 1, 'a.b')).toBe('a.b.x');
    expect(resolveRelative('', 2, 'a.b')).toBe('a');
    expect(resolveRelative('x', 3, 'a.b')).toBeUndefined();
    expect(resolveRelative('x', 1, '')).toBeUndefined();
  });

  it('module patterns: * is one name (or part of one), ** any depth including none', () => {
    expect(matchModulePattern('pkg.*', 'pkg.a')).toBe(true);
    expect(matchModulePattern('pkg.*', 'pkg.a.b')).toBe(false);
    expect(matchModulePattern('pkg.*', 'pkg')).toBe(false);
    expect(matchModulePattern('pkg.**', 'pkg')).toBe(true);
    expect(matchModulePattern('pkg.**', 'pkg.a.b')).toBe(true);
    expect(matchModulePattern('pkg.**.x', 'pkg.a.b.x')).toBe(true);
    expect(matchModulePattern('pkg.lexers.*_lexer', 'pkg.lexers.python_lexer')).toBe(true);
    expect(matchModulePattern('pkg.lexers.*_lexer', 'pkg.lexers.python')).toBe(false);
    expect(['pkg.mod', 'pkg.*', 'a.**', 'x'].every(isModulePattern)).toBe(true);
    expect(['**/*.py', 'src/x.py', 'mod.py', '*.pyw'].some(isModulePattern)).toBe(false);
  });

  it('options: entries, include module patterns, archive default', () => {
    const resolved = resolveOptions({ entries: 'app', include: ['plugins.*', '**/*.py'] });
    expect(resolved.entries).toEqual(['app']);
    expect(resolved.includeModules).toEqual(['plugins.*']);
    expect(resolved.include).toEqual(['**/*.py']);
    expect(resolved.archive).toBe(true);
    expect(resolveOptions({}).archive).toBe(false);
    expect(resolveOptions({ entries: ['app'], archive: false }).archive).toBe(false);
    expect(resolveOptions({ entries: ['app'], manifest: false }).archive).toBe(false);
    expect(() => resolveOptions({ entries: ['app'], manifest: false, archive: true })).toThrow(
      /option "archive" needs a manifest/,
    );
    expect(() => resolveOptions({ include: ['plugins.*'] })).toThrow(
      /option "include" names modules \("plugins.\*"\), which needs the "entries" option/,
    );
    expect(() => resolveOptions({ entries: ['app-x'] })).toThrow(/option "entries" must be a dotted module name/);
  });
});
