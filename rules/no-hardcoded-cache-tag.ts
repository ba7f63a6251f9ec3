import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { classifyBytecodePath } from './utils/bytecode-path.js';
import { describeTag } from './utils/bytecode-path.js';
import { findCacheTags, isProse, mayHaveCacheTag } from './utils/cache-tags.js';
import { coreName, replaceWithCore } from './utils/core-import.js';
import type { CoreFunction } from './utils/core-calls.js';
import { isInsideCoreCall } from './utils/core-calls.js';
import { isPieceOfBuiltPath, mayBuildBytecodePath } from './utils/built-roots.js';
import { createRule } from './utils/create-rule.js';
import { magicReplacement, magicVisitor, targetVersionFor } from './utils/magic-number.js';
import { allowMatcher } from './utils/allow.js';
import { isValuePosition } from './utils/string-roots.js';
import { templateText } from './utils/string-parts.js';

export type Options = [{ allow: string[] }];
export type MessageIds = 'cacheTag' | 'magicNumber' | 'useCacheTag' | 'useMagicNumber';

// Arguments to these are the core's own API: naming a version there is the point.
const CORE_API: ReadonlySet<CoreFunction> = new Set<CoreFunction>([
  'pythonTarget',
  'parseCacheTag',
  'versionForMagic',
  'magicNumberFor',
  'cacheFromSource',
  'sourceFromCache',
  'readPycHeader',
  'writePycHeader',
]);

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-cache-tag',
  meta: {
    type: 'suggestion',
    docs: {
      description: "disallow literal cache tags and bytecode magic numbers outside the core's API",
      recommended: false,
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
            description: 'Regular expressions (as strings) for string values to leave alone.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
    messages: {
      cacheTag:
        "'{{tag}}' is the cache tag of {{interpreter}} written out by hand: it goes stale when the project moves to another Python, and nothing checks it. Take it from the core: pythonTarget(...).cacheTag.",
      magicNumber:
        'This is the bytecode magic number {{number}} of CPython {{version}} ({{stage}}) written out by hand: it goes stale with the next Python and hides which version it means. Take it from the core: pythonTarget(...).magicNumber.',
      useCacheTag: 'Replace with {{code}}.',
      useMagicNumber: 'Replace with {{code}}.',
    },
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow }]) {
    const { sourceCode } = context;
    const isAllowed = allowMatcher(allow);
    const mayBuild = mayBuildBytecodePath(sourceCode);
    const magic = magicVisitor((hit) => {
      if (isInsideCoreCall(hit.node, sourceCode, CORE_API) || isAllowed(sourceCode.getText(hit.node))) return;
      const version = targetVersionFor(hit.info);
      const target = version === undefined ? undefined : coreName(context, 'pythonTarget');
      const code = target && magicReplacement(hit.form, `${target.code}('${version}')`);
      context.report({
        node: hit.node,
        messageId: 'magicNumber',
        data: {
          version: hit.info.version,
          number: hit.info.number,
          stage: hit.info.final ? 'as released' : `prerelease ${hit.info.release}`,
        },
        suggest:
          target && code
            ? [
                {
                  messageId: 'useMagicNumber',
                  data: { code },
                  fix: replaceWithCore(target, hit.node, code),
                },
              ]
            : [],
      });
    });
    const checkString = (node: TSESTree.Literal | TSESTree.TemplateLiteral, value: string): void => {
      if (!mayHaveCacheTag(value) || isProse(value) || !isValuePosition(node) || isAllowed(value)) return;
      const [hit] = findCacheTags(value);
      if (!hit) return;
      const path = classifyBytecodePath(value);
      if (path && path.kind !== 'invalid') return; // no-hardcoded-bytecode-path's business
      if (mayBuild && isPieceOfBuiltPath(node, sourceCode)) return; // likewise, as a path built from parts
      if (isInsideCoreCall(node, sourceCode, CORE_API)) return;
      const target =
        hit.implementation === 'cpython' &&
        node.type === AST_NODE_TYPES.Literal &&
        node.parent.type !== AST_NODE_TYPES.JSXAttribute
          ? coreName(context, 'pythonTarget')
          : undefined;
      const tagCode = target ? `${target.code}('${hit.version}').cacheTag` : '';
      const code = value === hit.tag ? tagCode : templateAround(value, hit.index, hit.tag.length, tagCode);
      context.report({
        node,
        messageId: 'cacheTag',
        data: { tag: hit.tag, interpreter: describeTag(hit.tag) },
        suggest: target
          ? [
              {
                messageId: 'useCacheTag',
                data: { code },
                fix: replaceWithCore(target, node, code),
              },
            ]
          : [],
      });
    };
    return {
      ...magic,
      Literal(node) {
        magic.Literal?.(node);
        if (typeof node.value === 'string') checkString(node, node.value);
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
    };
  },
});

/** `value` as a template literal with `${code}` in place of `value.slice(index, index + length)`. */
function templateAround(value: string, index: number, length: number, code: string): string {
  const escape = (s: string): string => s.replace(/[\\`]|\$\{/g, (m) => `\\${m}`);
  return `\`${escape(value.slice(0, index))}\${${code}}${escape(value.slice(index + length))}\``;
}
