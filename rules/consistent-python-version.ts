import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { pythonTarget } from '../src/index.js';
import type { PythonTarget } from '../src/index.js';
import { describeTag } from './utils/bytecode-path.js';
import { findCacheTags, isProse, mayHaveCacheTag } from './utils/cache-tags.js';
import { quoteOf, stringLiteral } from './utils/code-text.js';
import type { CoreFunction } from './utils/core-calls.js';
import { coreFunctionOf, importsCore, isInsideCoreCall, propertyValue } from './utils/core-calls.js';
import { createRule } from './utils/create-rule.js';
import { importsPlugin, isPluginPythonOption, loaderOptionsOf, pluginOptionsOf } from './utils/plugin-calls.js';
import { magicVisitor } from './utils/magic-number.js';
import { configuredTarget } from './utils/settings.js';
import { staticValue } from './utils/static-values.js';
import { isValuePosition } from './utils/string-roots.js';
import { templateText } from './utils/string-parts.js';

export type MessageIds = 'badSetting' | 'otherTag' | 'otherMagic' | 'otherTarget' | 'useConfigured';

// Strings passed to these are looked up (versionForMagic, parseCacheTag) or checked as targets below.
const TARGET_CALLS: ReadonlySet<CoreFunction> = new Set<CoreFunction>([
  'pythonTarget',
  'magicNumberFor',
  'versionForMagic',
  'parseCacheTag',
]);

export default createRule<[], MessageIds>({
  name: 'consistent-python-version',
  meta: {
    type: 'problem',
    docs: {
      description:
        'require cache tags, magic numbers, bytecode paths and targets to name the Python in `settings.pycache.python`',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      badSetting:
        'settings.pycache.python is {{spec}}, which pycache-kit does not know ({{error}}). Set it to a version such as "3.12" or a cache tag such as "cpython-312".',
      otherTag:
        "'{{tag}}' names {{interpreter}}, but this project targets Python {{configured}} (settings.pycache.python): files named with it are not the ones that interpreter reads or writes. Use the tag of {{configured}}, or better pythonTarget(...).cacheTag.",
      otherMagic:
        "This magic number is CPython {{version}}'s ({{number}}), but this project targets Python {{configured}} (settings.pycache.python): that interpreter rejects .pyc files stamped with it. Use pythonTarget(...).magicNumber.",
      otherTarget:
        'This target is Python {{version}}, but this project targets Python {{configured}} (settings.pycache.python). Use the configured version, so paths and headers match the interpreter that runs the code.',
      useConfigured: 'Replace with {{code}}.',
    },
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const configured = configuredTarget(context);
    if (configured.kind === 'unset') return {};
    if (configured.kind === 'invalid') {
      return {
        Program(node) {
          context.report({
            node,
            messageId: 'badSetting',
            data: { spec: JSON.stringify(configured.spec), error: configured.message },
          });
        },
      };
    }
    const { target, spec } = configured;
    const magic = magicVisitor((hit) => {
      if (hit.info.version === target.version || isInsideCoreCall(hit.node, sourceCode, TARGET_CALLS)) return;
      context.report({
        node: hit.node,
        messageId: 'otherMagic',
        data: { configured: target.version, version: hit.info.version, number: hit.info.number },
      });
    });
    const checkString = (node: TSESTree.Literal | TSESTree.TemplateLiteral, value: string): void => {
      if (
        !mayHaveCacheTag(value) ||
        isProse(value) ||
        !isValuePosition(node) ||
        isInsideCoreCall(node, sourceCode, TARGET_CALLS)
      )
        return;
      const hit = findCacheTags(value).find((h) => h.version !== target.version);
      // A plugin's `python` option is reported as a target (checkPluginOptions), once.
      if (!hit || isPluginPythonOption(node, sourceCode)) return;
      const replacement =
        node.type === AST_NODE_TYPES.Literal && target.cacheTag !== null && hit.implementation === target.implementation
          ? stringLiteral(value.replaceAll(hit.tag, target.cacheTag), quoteOf(node, sourceCode))
          : undefined;
      context.report({
        node,
        messageId: 'otherTag',
        data: { configured: target.version, tag: hit.tag, interpreter: describeTag(hit.tag) },
        suggest: replacement
          ? [
              {
                messageId: 'useConfigured',
                data: { code: replacement },
                fix: (fixer) => fixer.replaceText(node, replacement),
              },
            ]
          : [],
      });
    };
    const checkTargetSpec = (node: TSESTree.Node): void => {
      const known = staticValue(node, sourceCode);
      if (typeof known?.value !== 'string') return;
      const version = versionOf(known.value);
      if (version === undefined || version === target.version) return;
      const code = stringLiteral(spec, quoteOf(node, sourceCode));
      context.report({
        node,
        messageId: 'otherTarget',
        data: { configured: target.version, version },
        suggest:
          node.type === AST_NODE_TYPES.Literal
            ? [{ messageId: 'useConfigured', data: { code }, fix: (fixer) => fixer.replaceText(node, code) }]
            : [],
      });
    };
    /** The `python` option of a bundler plugin or the webpack loader is a target spec too. */
    const checkPluginOptions = (options: TSESTree.Node | undefined): void => {
      const python = options && propertyValue(options, 'python');
      if (python) checkTargetSpec(python.value);
    };
    // Most files import neither the core nor a plugin: their calls need no scope look-up at all.
    const hasCore = importsCore(sourceCode);
    const hasPlugin = importsPlugin(sourceCode);
    return {
      ...magic,
      Literal(node) {
        magic.Literal?.(node);
        if (typeof node.value === 'string') {
          checkString(node, node.value);
          checkPluginOptions(loaderOptionsOf(node));
        }
      },
      NewExpression(node) {
        if (hasPlugin && node.arguments.length > 0) checkPluginOptions(pluginOptionsOf(node, sourceCode));
      },
      TemplateLiteral(node) {
        magic.TemplateLiteral?.(node);
        if (
          node.parent.type !== AST_NODE_TYPES.TaggedTemplateExpression &&
          node.quasis.some((q) => mayHaveCacheTag(q.value.raw))
        ) {
          checkString(node, templateText(node));
        }
      },
      CallExpression(node) {
        magic.CallExpression?.(node);
        if (node.arguments.length === 0) return;
        const fn = hasCore ? coreFunctionOf(node, sourceCode) : undefined;
        if (!fn) {
          if (hasPlugin && node.arguments[0].type === AST_NODE_TYPES.ObjectExpression)
            checkPluginOptions(pluginOptionsOf(node, sourceCode));
          return;
        }
        const [first] = node.arguments;
        if (fn === 'pythonTarget' || fn === 'magicNumberFor') {
          if (first.type === AST_NODE_TYPES.ObjectExpression) {
            for (const key of ['version', 'cacheTag']) {
              const prop = propertyValue(first, key);
              if (prop) checkTargetSpec(prop.value);
            }
          } else {
            checkTargetSpec(first);
          }
        } else if (fn !== 'versionForMagic' && fn !== 'parseCacheTag') {
          // Every other core call takes `{ target }` in its last argument.
          const prop = propertyValue(node.arguments[node.arguments.length - 1], 'target');
          if (prop) checkTargetSpec(prop.value);
        }
      },
    };
  },
});

/** The minor version a target spec names, or `undefined` when `pythonTarget` rejects it (valid-bytecode-path reports that). */
function versionOf(spec: string): string | undefined {
  try {
    return (pythonTarget(spec) as PythonTarget).version;
  } catch {
    return undefined;
  }
}
