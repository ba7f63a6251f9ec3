/**
 * pycache-kit's ESLint plugin: finds bytecode paths, cache tags and magic numbers written out by hand, and
 * calls CPython would reject, and fixes them with the core. ESLint 9 and 10, flat config:
 * `import pycache from 'pycache-kit/eslint'; export default [pycache.configs.recommended];`
 */
import { createRequire } from 'node:module';
import type { ESLint, Linter, Rule } from 'eslint';
import consistentPythonVersion from './consistent-python-version.js';
import noDeprecatedDebugOverride from './no-deprecated-debug-override.js';
import noHardcodedBytecodePath from './no-hardcoded-bytecode-path.js';
import noHardcodedCacheTag from './no-hardcoded-cache-tag.js';
import validBytecodePath from './valid-bytecode-path.js';

const { version } = createRequire(import.meta.url)('pycache-kit/package.json') as { version: string };

/** The rule prefix: rules are `pycache/<name>`. */
const NAMESPACE = 'pycache';

/** Every rule, by name. */
const rules = {
  'consistent-python-version': consistentPythonVersion,
  'no-deprecated-debug-override': noDeprecatedDebugOverride,
  'no-hardcoded-bytecode-path': noHardcodedBytecodePath,
  'no-hardcoded-cache-tag': noHardcodedCacheTag,
  'valid-bytecode-path': validBytecodePath,
};

type RuleName = keyof typeof rules;

function rulesWhere(test: (recommended: boolean) => boolean): Linter.RulesRecord {
  const entries = (Object.keys(rules) as RuleName[])
    .filter((name) => test(rules[name].meta.docs?.recommended ?? false))
    .map((name) => [`${NAMESPACE}/${name}`, 'error'] as const);
  return Object.fromEntries(entries);
}

/** The plugin object ESLint reads (`meta`, `rules`, `configs`). */
export interface PycachePlugin {
  meta: { name: string; version: string; namespace: string };
  /** Typed as ESLint's own rule type, so the plugin fits `defineConfig` and `Linter.Config` in TypeScript configs. */
  rules: Record<RuleName, Rule.RuleModule>;
  configs: {
    /** Rules that catch bugs: paths and versions that break, calls CPython rejects, the deprecated option. */
    recommended: Linter.Config;
    /** Every rule: `recommended`, plus no cache tags or magic numbers written out anywhere. */
    all: Linter.Config;
  };
}

const plugin: PycachePlugin = {
  // eslint-doc-generator takes the rule prefix from `meta.name` (`eslint-plugin-<prefix>`); the package
  // itself is `pycache-kit` and this plugin its `./eslint` export.
  meta: { name: 'eslint-plugin-pycache', version, namespace: NAMESPACE },
  // typescript-eslint's rule type differs from ESLint's in its context typings only; the objects are the same.
  rules: rules as unknown as PycachePlugin['rules'],
  configs: {} as PycachePlugin['configs'],
};

const pluginsEntry: Record<string, ESLint.Plugin> = { [NAMESPACE]: plugin };
plugin.configs.recommended = {
  name: 'pycache/recommended',
  plugins: pluginsEntry,
  rules: rulesWhere((recommended) => recommended),
};
// No `strict`: with every rule either recommended or not, a config between the two would be `all` again.
plugin.configs.all = { name: 'pycache/all', plugins: pluginsEntry, rules: rulesWhere(() => true) };

export default plugin;
