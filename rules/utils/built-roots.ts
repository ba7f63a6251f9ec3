import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { BuiltString } from './built-parts.js';
import { builtString } from './built-parts.js';
import { classifyBuiltPath } from './built-path.js';
import { isConcat } from './string-parts.js';
import { isValuePosition, valueParent } from './string-roots.js';

const spellsPyc = new WeakMap<TSESTree.Program, boolean>();

/**
 * Cheap test on a whole file before any analysis: code that builds or takes apart a bytecode path spells `pyc`.
 * One scan per file, shared by the rules that ask.
 */
export function mayBuildBytecodePath(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let spells = spellsPyc.get(sourceCode.ast);
  if (spells === undefined) {
    spells = sourceCode.text.includes('pyc');
    spellsPyc.set(sourceCode.ast, spells);
  }
  return spells;
}

const BUILDERS = new Set(['join', 'resolve', 'format', 'concat']);

/**
 * A visitor that hands each outermost expression that builds a string from parts (a template literal with
 * `${}` parts, a `+` chain, `'a'.concat()`, `path.join`/`resolve`/`format`, `[...].join(sep)`) to `onRoot`,
 * with its parts as {@link builtString} resolves them. The pieces of such an expression are not handed on
 * their own: the expression they build is.
 */
export function builtRootVisitor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  onRoot: (node: TSESTree.Node, built: BuiltString) => void,
): TSESLint.RuleListener {
  const visit = (node: TSESTree.Node): void => {
    if (buildAround(node) || !isValuePosition(node)) return;
    const built = builtString(node, sourceCode);
    if (built) onRoot(node, built);
  };
  return {
    TemplateLiteral(node) {
      if (node.expressions.length > 0 && node.parent.type !== AST_NODE_TYPES.TaggedTemplateExpression) visit(node);
    },
    BinaryExpression(node) {
      if (node.operator === '+') visit(node);
    },
    CallExpression(node) {
      const callee = node.callee;
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
      if (name !== undefined && BUILDERS.has(name) && node.arguments.length > 0) visit(node);
    },
  };
}

/** The larger string build `node` is a piece of (an operand, a `${}`, a segment, an array element), if any. */
function buildAround(node: TSESTree.Node): TSESTree.Node | undefined {
  const { child, parent } = valueParent(node);
  if (!parent) return undefined;
  if (isConcat(parent) || parent.type === AST_NODE_TYPES.TemplateLiteral) return parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== child)
    return isBuilderCall(parent) ? parent : undefined;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
    const isConcatCall =
      parent.property.type === AST_NODE_TYPES.Identifier &&
      parent.property.name === 'concat' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression;
    return isConcatCall ? parent.parent : undefined;
  }
  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    const member = parent.parent;
    const isJoined =
      member.type === AST_NODE_TYPES.MemberExpression &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      member.property.name === 'join' &&
      member.parent.type === AST_NODE_TYPES.CallExpression;
    return isJoined ? member.parent : undefined;
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === child) {
    const call = parent.parent.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && isBuilderCall(call) ? call : undefined;
  }
  return undefined;
}

/**
 * True when `node` (a literal naming a cache tag, say) is a piece of a hand-built bytecode path: that path is
 * no-hardcoded-bytecode-path's to report, as one path.
 */
export function isPieceOfBuiltPath(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root: TSESTree.Node | undefined;
  for (let around = buildAround(node); around; around = buildAround(around)) root = around;
  const built = root && builtString(root, sourceCode);
  return built !== undefined && classifyBuiltPath(built.parts) !== undefined;
}

function isBuilderCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : undefined;
  return name !== undefined && BUILDERS.has(name);
}
