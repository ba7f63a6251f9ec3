import type { PythonTarget } from '../src/index.js';
import { classifyBytecodePath, mayNameBytecode } from './utils/bytecode-path.js';
import { coreCallOfArgument, importsCore } from './utils/core-calls.js';
import { coreCallError } from './utils/core-errors.js';
import { createRule } from './utils/create-rule.js';
import { configuredTarget } from './utils/settings.js';
import { rootText, shownText, stringRootVisitor } from './utils/string-roots.js';

export type MessageIds = 'throws' | 'impossiblePath';

export default createRule<[], MessageIds>({
  name: 'valid-bytecode-path',
  meta: {
    type: 'problem',
    docs: {
      description: "report calls and bytecode paths that CPython rejects, with CPython's own error",
      recommended: true,
      requiresTypeChecking: false,
    },
    schema: [],
    messages: {
      throws: '{{call}} throws at run time, as CPython does — {{error}}. {{advice}}.',
      impossiblePath:
        "No Python ever writes '{{path}}': importlib.util.source_from_cache rejects it — {{error}}. Check the file name: <name>.<cache tag>[.opt-N].pyc.",
    },
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const configured = configuredTarget(context);
    const target: PythonTarget | undefined = configured.kind === 'ok' ? configured.target : undefined;
    const paths = stringRootVisitor(context, mayNameBytecode, (root) => {
      // Literal arguments of sourceFromCache get the call's own report.
      if (coreCallOfArgument(root.node, sourceCode) === 'sourceFromCache') return;
      const text = rootText(root);
      const path = classifyBytecodePath(text);
      if (path?.kind !== 'invalid') return;
      context.report({
        node: root.node,
        messageId: 'impossiblePath',
        data: { path: shownText(text), error: `${path.error.name}: ${path.error.message}` },
      });
    });
    const hasCore = importsCore(sourceCode);
    return {
      ...paths,
      CallExpression(node) {
        paths.CallExpression?.(node);
        if (!hasCore) return;
        const error = coreCallError(node, sourceCode, target);
        if (error) context.report({ node: error.node, messageId: 'throws', data: error.data });
      },
    };
  },
});
