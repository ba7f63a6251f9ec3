import { coreCallOfArgument } from './utils/core-calls.js';
import { classifyBytecodePath, describeInterpreter, mayNameBytecode } from './utils/bytecode-path.js';
import { bytecodeRewrite } from './utils/bytecode-fix.js';
import { createRule } from './utils/create-rule.js';
import { allowMatcher } from './utils/allow.js';
import { rootText, shownText, stringRootVisitor } from './utils/string-roots.js';

export type Options = [{ allow: string[] }];
export type MessageIds = 'hardcoded' | 'useCacheFromSource';

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-bytecode-path',
  meta: {
    type: 'problem',
    docs: {
      description: 'disallow bytecode paths that name one interpreter, such as `__pycache__/mod.cpython-312.pyc`',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Regular expressions (as strings) for paths to leave alone; run-time parts read as `*`.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
    messages: {
      hardcoded:
        "'{{path}}' ties this code to {{interpreter}}: another Python version, optimization level or pycache_prefix names the bytecode file differently, and the path misses it. Compute it with cacheFromSource() from 'pycache-kit' for the interpreter you target.",
      useCacheFromSource: 'Replace with cacheFromSource({{source}}).',
    },
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow }]) {
    const isAllowed = allowMatcher(allow);
    return stringRootVisitor(context, mayNameBytecode, (root) => {
      // A bytecode path given to the core (sourceFromCache, readPycHeader) is input, not a hard-coded output.
      if (coreCallOfArgument(root.node, context.sourceCode)) return;
      const text = rootText(root);
      const path = classifyBytecodePath(text);
      if (!path || path.kind === 'invalid' || isAllowed(text)) return;
      const rewrite = bytecodeRewrite(root, path, context);
      context.report({
        node: root.node,
        messageId: 'hardcoded',
        data: { path: shownText(text), interpreter: describeInterpreter(path) },
        suggest: rewrite ? [{ messageId: 'useCacheFromSource', data: { source: rewrite.source }, fix: rewrite.fix }] : [],
      });
    });
  },
});
