// The loader hands webpack the syntax tree of each Python module's ES module text (`webpackAST`), so webpack skips
// parsing a string literal as long as the source: that parse made the loader ~1.5-2x the time of
// `type: 'asset/source'` on the stdlib corpus (bench/webpack.bench.mjs). webpack then trusts the tree, so it must be
// exactly the tree a parser gives for the text: checked against acorn (ranges and line/column positions), for
// texts with quotes, backslashes, line and paragraph separators, lone surrogates, astral characters and ';\n'.
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { pythonModuleCode } from '../../plugins/common/module-code.js';
import { pythonModuleAst } from '../../plugins/webpack/module-ast.js';
import { build, buildConfig, cleanupProjects, loadBundle, makeProject } from '../helpers/webpack-harness.js';

const TEXTS = [
  '\ud800\u2028\\'.repeat(300),
  '',
  'x = 1\n',
  'print("a;\\n")\n;\n',
  'a\u2028b\u2029c\r\n',
  'lone \ud800 surrogate, astral \u{1f40d}',
  '\'"\\`${x}`',
  'é'.repeat(1000),
];

describe('pythonModuleAst', () => {
  it.each(TEXTS.map((text) => [JSON.stringify(text).slice(0, 40), text]))("is acorn's tree for %s", (_title, text) => {
    const exports = {
      text,
      sourcePath: 'pkg/m\u00e9.py',
      cachePath: 'pkg/__pycache__/m\u00e9.cpython-312.pyc',
      moduleName: 'pkg.m\u00e9',
      encoding: 'utf-8',
    };
    const code = pythonModuleCode(exports);
    const expected = parse(code, { ecmaVersion: 'latest', sourceType: 'module', ranges: true, locations: true });
    // `loc` and a long literal's `value` are getters (not own fields), read here as webpack reads them.
    const withValue = (node: unknown) =>
      node !== null && typeof node === 'object' && 'loc' in node && !Array.isArray(node)
        ? { ...node, loc: node.loc, ...('value' in node ? { value: node.value } : {}) }
        : node;
    const plain = (node: unknown) =>
      JSON.parse(
        JSON.stringify(node, (key, value: unknown) =>
          key === 'source' && typeof value === 'string' ? undefined : withValue(value),
        ),
      ) as unknown;
    expect(plain(pythonModuleAst(code, exports))).toEqual({ ...(plain(expected) as object), comments: [] });
  });

  it('gives no tree for text of another shape (webpack then parses the text)', () => {
    const exports = { text: 'x', sourcePath: 'm.py', cachePath: 'c', moduleName: 'm', encoding: 'utf-8' };
    expect(pythonModuleAst(`${pythonModuleCode(exports)}export const extra = 1;\n`, exports)).toBeUndefined();
    expect(
      pythonModuleAst(pythonModuleCode(exports).replace('export default', 'export  default'), exports),
    ).toBeUndefined();
  });
});

describe("webpack with the loader's tree", () => {
  it('bundles the fixture app with every text CPython gives, and the same exports', async () => {
    const dir = makeProject('basic', 'basic');
    try {
      const config = buildConfig('webpack', dir, {
        loader: { python: '3.12', roots: 'py' },
        plugin: { python: '3.12', roots: 'py' },
      });
      const result = await build('webpack', config);
      expect(result.errors).toEqual([]);
      const app = loadBundle<{ sources: Record<string, string> }>(config.output.path);
      expect(Object.keys(app.sources).length).toBeGreaterThan(5);
    } finally {
      cleanupProjects();
    }
  });
});
