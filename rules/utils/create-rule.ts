import { ESLintUtils } from '@typescript-eslint/utils';
import { repositoryFileUrl } from '../../plugins/common/repository-url.js';

/** Where each rule's documentation lives: `docs/rules/<name>.md` in the repository. */
export const RULE_DOCS_BASE = repositoryFileUrl('docs/rules/');

/** The `meta.docs` every pycache rule carries; the configs and the generated docs are built from it. */
export interface PycacheRuleDocs {
  /** One line, lower case, starting with a verb. */
  description: string;
  /** `true`: in `recommended` and `all`; `false`: in `all` only. */
  recommended: boolean;
  /** Always false: no rule needs type information. */
  requiresTypeChecking: false;
}

/** `createRule(...)` for pycache rules: adds `meta.docs.url` pointing at the rule's doc page. */
export const createRule = ESLintUtils.RuleCreator<PycacheRuleDocs>((name) => `${RULE_DOCS_BASE}${name}.md`);
