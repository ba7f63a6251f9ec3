import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint as ESLint10 } from 'eslint';
import type { ESLint, Linter } from 'eslint';
// ESLint 9, the other major the plugin supports (devDependency alias `eslint-9`).
import { ESLint as ESLint9Class } from 'eslint-9';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'fixtures/eslint');

const ESLint9 = ESLint9Class as unknown as typeof ESLint10;

/** An ESLint instance configured as a user's flat config would be: the plugin's config plus a TS parser. */
function eslintWith(
  config: Linter.Config,
  settings: Record<string, unknown> = {},
  Eslint: typeof ESLint10 = ESLint10,
): ESLint {
  return new Eslint({
    cwd: fixtures,
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [
      { languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      config,
      { settings },
    ],
  });
}

/** `file:line rule` for each `// expect: rule, rule` comment in the fixture files. */
function expectedReports(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /\/\/ expect: (.+)$/.exec(line);
        if (m) for (const rule of m[1].split(',')) out.push(`${name}:${i + 1} ${rule.trim()}`);
      });
  }
  return out.sort();
}

function actualReports(results: ESLint.LintResult[]): string[] {
  return results
    .flatMap((r) =>
      r.messages.map((m) => `${r.filePath.slice(r.filePath.lastIndexOf('/') + 1)}:${m.line} ${m.ruleId ?? m.message}`),
    )
    .sort();
}

const settings = { pycache: { python: '3.12' } };

describe.each([
  ['ESLint 10', ESLint10],
  ['ESLint 9', ESLint9],
] as const)('the plugin through the %s class', (_name, Eslint) => {
  it('runs the ESLint major it names', () => {
    expect(Eslint.version.split('.')[0]).toBe(_name.split(' ')[1]);
  });

  it('reports the marked lines of fixtures/eslint/reported with the recommended config', async () => {
    const results = await eslintWith(plugin.configs.recommended as Linter.Config, settings, Eslint).lintFiles([
      'reported',
    ]);
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(actualReports(results).join('\n')).toEqual(expectedReports(join(fixtures, 'reported')).join('\n'));
  });

  it('reports nothing on the false-positive corpus, even with every rule on', async () => {
    for (const config of [plugin.configs.recommended, plugin.configs.all]) {
      const results = await eslintWith(config as Linter.Config, settings, Eslint).lintFiles(['false-positives']);
      expect(results.length).toBe(readdirSync(join(fixtures, 'false-positives')).length);
      expect(actualReports(results)).toEqual([]);
    }
  });

  it('fixes debugOverride with --fix', async () => {
    const eslint = new Eslint({
      overrideConfigFile: true,
      fix: true,
      overrideConfig: [plugin.configs.recommended as Linter.Config],
    });
    const [result] = await eslint.lintText(
      "import { cacheFromSource } from 'pycache-kit';\ncacheFromSource('a.py', { debugOverride: true });\n",
    );
    expect(result.output).toBe(
      "import { cacheFromSource } from 'pycache-kit';\ncacheFromSource('a.py', { optimization: '' });\n",
    );
  });
});

describe('the plugin through the ESLint class', () => {
  it('gives the same reports with type information (typed linting)', async () => {
    const typed = (config: Linter.Config): ESLint =>
      new ESLint10({
        cwd: fixtures,
        overrideConfigFile: true,
        ignore: false,
        overrideConfig: [
          {
            files: ['**/*.ts', '**/*.tsx'],
            languageOptions: {
              parser: tseslint.parser as Linter.Parser,
              parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtures },
            },
          },
          config,
          { settings },
        ],
      });
    const reported = await typed(plugin.configs.recommended as Linter.Config).lintFiles(['reported/Panel.tsx']);
    expect(actualReports(reported).join('\n')).toBe(
      expectedReports(join(fixtures, 'reported'))
        .filter((r) => r.startsWith('Panel.tsx'))
        .join('\n'),
    );
    const clean = await typed(plugin.configs.all as Linter.Config).lintFiles([
      'false-positives/*.ts',
      'false-positives/*.tsx',
    ]);
    expect(actualReports(clean)).toEqual([]);
  });

  it('exposes flat configs that name themselves and carry the plugin', () => {
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`pycache/${name}`);
      expect(config.plugins?.pycache).toBe(plugin);
      for (const rule of Object.keys(config.rules ?? {}))
        expect(Object.keys(plugin.rules)).toContain(rule.replace('pycache/', ''));
    }
    expect(Object.keys(plugin.configs.all.rules ?? {})).toHaveLength(Object.keys(plugin.rules).length);
  });
});
