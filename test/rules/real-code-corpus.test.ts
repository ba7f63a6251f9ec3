// Real third-party JavaScript and TypeScript, linted with the `all` config: none of it hand-builds a bytecode path,
// so every report would be a false one. The bodies come from node_modules (the packages the project already
// depends on): webpack's lib/, Vite's and Rollup's dist, ESLint's lib/, typescript-eslint, and Pyodide, whose
// own code loads Python (its JS files, and its TypeScript sources from the source maps it ships).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

interface CorpusFile {
  name: string;
  code: string;
}

/** How each body is loaded: CommonJS packages as CommonJS, ES module builds and `.mjs` as modules, UMD as scripts. */
type SourceType = 'module' | 'commonjs' | 'script';

/** The `.js`/`.mjs`/`.cjs` files under `dir` (minified bundles and `.d.ts` left out: the first are one line, the second types). */
function scripts(dir: string, label: string): CorpusFile[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.[cm]?js$/.test(f) && !f.includes('.min.'))
    .map((f) => ({ name: `${label}/${f}`, code: readFileSync(join(dir, f), 'utf8') }));
}

/** The TypeScript sources a package's source map carries (`sourcesContent`), as `.ts` files. */
function mappedSources(map: string, label: string): CorpusFile[] {
  const { sources, sourcesContent } = JSON.parse(readFileSync(map, 'utf8')) as {
    sources: string[];
    sourcesContent?: (string | null)[];
  };
  return sources.flatMap((source, i) => {
    const code = sourcesContent?.[i];
    return code && /\.ts$/.test(source) ? [{ name: `${label}/${source.replace(/^(\.\.\/)+/, '')}`, code }] : [];
  });
}

const typescriptEslint = readdirSync(join(packageDir('@typescript-eslint/utils'), '..')).flatMap((pkg) =>
  scripts(join(packageDir(`@typescript-eslint/${pkg}`), 'dist'), `@typescript-eslint/${pkg}`),
);
// pyodide.js is the UMD build of pyodide.mjs: the module build and the sources stand for both.
const pyodide = ['pyodide', 'pyodide-315'].flatMap((pkg) => [
  ...scripts(packageDir(pkg), pkg).filter((f) => f.name.endsWith('.mjs')),
  ...mappedSources(join(packageDir(pkg), 'pyodide.mjs.map'), `${pkg}/src`),
]);

const corpora: [string, CorpusFile[], SourceType][] = [
  ['webpack lib/', scripts(join(packageDir('webpack'), 'lib'), 'webpack/lib'), 'commonjs'],
  ['Vite dist/', scripts(join(packageDir('vite'), 'dist'), 'vite/dist'), 'module'],
  ['Rollup dist/es/', scripts(join(packageDir('rollup'), 'dist/es'), 'rollup/dist/es'), 'module'],
  ['ESLint lib/', scripts(join(packageDir('eslint'), 'lib'), 'eslint/lib'), 'commonjs'],
  ['typescript-eslint dist/', typescriptEslint, 'commonjs'],
  ['Pyodide', pyodide, 'module'],
];

// The hand-built-path analysis only runs in files that spell `pyc` (a cheap test that keeps it off nearly all
// code): a comment that spells it opens every corpus file to the analysis, without changing its code.
const OPEN_TO_ANALYSIS = '/* pyc */\n';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
  { files: ['**/*.{js,mjs,cjs,ts}'], ...(plugin.configs.all as Linter.Config) },
  { settings: { pycache: { python: '3.12' } } },
];

/**
 * `file:line rule message` for each report of ours, and each parse error (`fatal`). The files' own
 * `eslint-disable` comments are ignored (`noInlineConfig`), so none of them can hide a report.
 */
function lint(file: CorpusFile, sourceType: SourceType, code = OPEN_TO_ANALYSIS + file.code): string[] {
  const options = {
    languageOptions: { ecmaVersion: 'latest', sourceType },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
  } as const;
  return linter
    .verify(code, [options, ...config], { filename: file.name })
    .filter((m) => m.fatal || m.ruleId?.startsWith('pycache/'))
    .map((m) => `${file.name}:${m.line - 1} ${m.fatal ? 'fatal' : m.ruleId} ${m.message}`);
}

describe('the all config on real third-party code', () => {
  it('has a corpus of real size', () => {
    const files = corpora.flatMap(([, f]) => f);
    const bytes = files.reduce((n, f) => n + f.code.length, 0);
    console.log(
      `corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (${corpora.map(([name, f]) => `${name} ${f.length}`).join(', ')})`,
    );
    for (const [name, f] of corpora) expect(f.length, name).toBeGreaterThan(2);
    expect(bytes).toBeGreaterThan(15e6);
  });

  it('reports a hand-built path planted in a corpus file, so a silent linter cannot pass', () => {
    const [host] = corpora[0][1];
    const planted = `${host.code}\nconst planted = \`\${dir}/__pycache__/\${name}.cpython-\${major}\${minor}.pyc\`;\n`;
    const reports = lint(host, corpora[0][2], planted);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/pycache\/no-hardcoded-bytecode-path .*built by hand/);
  });

  it.each(corpora)(
    'reports nothing in %s',
    (_name, files, sourceType) => {
      const reports = files.flatMap((file) => lint(file, sourceType));
      expect(reports.join('\n')).toBe('');
    },
    120_000,
  );

  it('lints the Pyodide sources as TypeScript, from the maps', () => {
    const sources = pyodide.filter((f) => f.name.endsWith('.ts')).map((f) => relative('pyodide/src', f.name));
    expect(sources.some((s) => s.includes('pyodide.ts'))).toBe(true);
  });
});
