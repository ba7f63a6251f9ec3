// @ts-check
// Lints the ESLint rules themselves with eslint-plugin-eslint-plugin. eslint.config.js spreads this in:
// `...(await import('./rules/eslint.config.rules.js')).default,` (or a static import).
import eslintPlugin from 'eslint-plugin-eslint-plugin';

export default [
  {
    files: ['rules/**/*.ts'],
    ignores: ['rules/utils/**'],
    ...eslintPlugin.configs['rules-recommended'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      'eslint-plugin/meta-property-ordering': 'error',
      'eslint-plugin/no-property-in-node': 'error',
      'eslint-plugin/prefer-placeholders': 'error',
      'eslint-plugin/report-message-format': ['error', '[.]$'],
      'eslint-plugin/require-meta-docs-description': [
        'error',
        { pattern: '^(disallow|enforce|require|report|replace)' },
      ],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
    },
  },
  {
    files: ['test/rules/**/*.ts'],
    ...eslintPlugin.configs['tests-recommended'],
    rules: {
      ...eslintPlugin.configs['tests-recommended'].rules,
      'eslint-plugin/test-case-property-ordering': 'off',
      'eslint-plugin/consistent-output': 'error',
    },
  },
];
