// @ts-check
/**
 * eslint-doc-generator settings for the ESLint plugin, which is the package's `./eslint` export, not its main
 * entry. The generator loads the plugin from the folder it is given, so it runs on the BUILT plugin:
 * `npm run build && npx eslint-doc-generator dist/rules` (add `--check` to verify). Paths below are relative
 * to that folder.
 * @type {import('eslint-doc-generator').GenerateOptions}
 */
const config = {
  pathRuleDoc: '../../docs/rules/{name}.md',
  pathRuleList: '../../README.md',
  ruleDocTitleFormat: 'prefix-name',
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions'],
};

export default config;
