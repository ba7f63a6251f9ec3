import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { coreFunctionOf, importsCore, propertyValue } from './utils/core-calls.js';
import { createRule } from './utils/create-rule.js';
import { staticValue } from './utils/static-values.js';

export type MessageIds = 'deprecated' | 'useOptimization';

export default createRule<[], MessageIds>({
  name: 'no-deprecated-debug-override',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'replace the deprecated `debugOverride` option of `cacheFromSource` with `optimization`',
      recommended: true,
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      deprecated:
        "debugOverride is deprecated, as debug_override is in CPython since 3.5 (DeprecationWarning), and Python 3.15 removed it: cacheFromSource() throws a TypeError for a 3.15 target. Use optimization: '' for a truthy debugOverride, 1 for a falsy one.",
      useOptimization: 'Replace with {{code}}.',
    },
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    if (!importsCore(sourceCode)) return {};
    return {
      CallExpression(node) {
        if (node.arguments.length < 2 || coreFunctionOf(node, sourceCode) !== 'cacheFromSource') return;
        const prop = propertyValue(node.arguments[1], 'debugOverride');
        if (!prop) return;
        const hasOptimization = propertyValue(node.arguments[1], 'optimization') !== undefined;
        const known = staticValue(prop.value, sourceCode);
        // Python truthiness of the value, as cache_from_source reads it: True/'x'/1 -> '', False/0/'' -> 1.
        if (known) {
          const fix = hasOptimization ? null : fixFor(prop, known.value, sourceCode);
          context.report({ node: prop, messageId: 'deprecated', fix });
          return;
        }
        const code = `optimization: (${sourceCode.getText(prop.value as TSESTree.Expression)}) ? '' : 1`;
        context.report({
          node: prop,
          messageId: 'deprecated',
          suggest: hasOptimization
            ? []
            : [{ messageId: 'useOptimization', data: { code }, fix: (fixer) => fixer.replaceText(prop, code) }],
        });
      },
    };
  },
});

/** The autofix for a `debugOverride` whose value is known: `optimization: ''` / `optimization: 1`, or removal for `null`. */
function fixFor(
  prop: TSESTree.Property,
  value: unknown,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.ReportFixFunction {
  if (value === null || value === undefined) {
    // debug_override=None is the default: the property does nothing.
    return (fixer) => {
      const after = sourceCode.getTokenAfter(prop);
      if (after?.value === ',') {
        const next = sourceCode.getTokenAfter(after);
        return fixer.removeRange([prop.range[0], next ? next.range[0] : after.range[1]]);
      }
      const before = sourceCode.getTokenBefore(prop);
      return fixer.removeRange([before?.value === ',' ? before.range[0] : prop.range[0], prop.range[1]]);
    };
  }
  const code = pyTruthy(value) ? "optimization: ''" : 'optimization: 1';
  return (fixer) => fixer.replaceText(prop, code);
}

/** Python's truthiness for the values lint time can know. */
function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
