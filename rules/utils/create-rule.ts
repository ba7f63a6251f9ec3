import { ESLintUtils } from '@typescript-eslint/utils';
import { repositoryFileUrl } from '../../plugins/common/repository-url.js';

/** Where each rule's documentation lives: `docs/rules/<name>.md` in the repository. */
export const RULE_DOCS_BASE = repositoryFileUrl('docs/rules/');

/** The `meta.docs` every pycache rule carries; the configs and the generated docs are built from it. */
export interface PycacheRuleDocs {
  /** One line, lower case, starting with a verb. */
  description: string;
  /** `'recommended'`: in `recommended`, `strict` and `all`; `'strict'`: in `strict` and `all` only. */
  recommended: 'recommended' | 'strict';
  /** Always false: no rule needs type information. */
  requiresTypeChecking: false;
}

/** `createRule(...)` for pycache rules: adds `meta.docs.url` pointing at the rule's doc page. */
export const createRule = ESLintUtils.RuleCreator<PycacheRuleDocs>((name) => `${RULE_DOCS_BASE}${name}.md`);
