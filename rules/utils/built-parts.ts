import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findVariable, getStaticValue } from '@typescript-eslint/utils/ast-utils';
import type { StringPart } from './string-parts.js';
import { isConcat, merge, unwrapTS } from './string-parts.js';
import { pathCallSeparator, pathFormatSeparator } from './string-roots.js';

/** A string as code builds it, with the values of local constants filled in. */
export interface BuiltString {
  /** Static text and the expressions only run time knows, in order. */
  parts: StringPart[];
  /** The initialisers of the `const`s whose values were read to build `parts`. */
  followed: TSESTree.Node[];
}

/** How many `const`s deep a value is followed: a few local steps, as code that assembles a path takes. */
const MAX_FOLLOW = 4;

/**
 * The parts of the string `node` builds, following what static evaluation and ESLint's scope analysis allow:
 * string and template literals, `+` chains, `'a'.concat(b)`, `path.join`/`path.resolve` (also `posix`/`win32`,
 * with their separator), `path.format({ dir, base })`, `[a, b].join('/')`, and `const`s whose value is built
 * the same way (an expression that builds no text of its own, such as `p.slice(0, -3)`, stays one run-time
 * part under its name). `undefined` when `node` builds no string.
 */
export function builtString(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): BuiltString | undefined {
  const followed: TSESTree.Node[] = [];
  const parts = stringOf(node, sourceCode, followed, 0);
  return parts && { parts: merge(parts), followed };
}

function stringOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] | undefined {
  const n = unwrapTS(node);
  switch (n.type) {
    case AST_NODE_TYPES.Literal:
      return typeof n.value === 'string' ? [n.value] : undefined;
    case AST_NODE_TYPES.TemplateLiteral: {
      const parts: StringPart[] = [];
      n.quasis.forEach((quasi, i) => {
        parts.push(quasi.value.cooked ?? quasi.value.raw);
        if (i < n.expressions.length) parts.push(...leafOf(n.expressions[i], sourceCode, followed, depth));
      });
      return parts;
    }
    case AST_NODE_TYPES.BinaryExpression:
      if (!isConcat(n)) return undefined;
      return [...leafOf(n.left, sourceCode, followed, depth), ...leafOf(n.right, sourceCode, followed, depth)];
    case AST_NODE_TYPES.CallExpression:
      return callString(n, sourceCode, followed, depth);
    case AST_NODE_TYPES.Identifier:
      return constString(n, sourceCode, followed, depth);
    default:
      return undefined;
  }
}

/** A piece of a string: its parts when it builds text, its static value, or itself as one run-time part. */
function leafOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] {
  const n = unwrapTS(node);
  const parts = stringOf(n, sourceCode, followed, depth);
  if (parts) return parts;
  if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) {
    const value = getStaticValue(n, sourceCode.getScope(n));
    if (value && (typeof value.value === 'string' || typeof value.value === 'number')) return [String(value.value)];
  }
  return [n];
}

function callString(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] | undefined {
  const callee = unwrapTS(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression && callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : undefined;
  const args = call.arguments;
  if (name === 'join' || name === 'resolve') {
    if (callee.type === AST_NODE_TYPES.MemberExpression && name === 'join') {
      const array = unwrapTS(callee.object);
      if (array.type === AST_NODE_TYPES.ArrayExpression) return arrayJoin(array, args, sourceCode, followed, depth);
    }
    const sep = pathCallSeparator(call, sourceCode);
    return sep && joined(args, sep, sourceCode, followed, depth);
  }
  if (name === 'format' && args.length === 1) {
    const sep = pathFormatSeparator(call, sourceCode);
    return sep && formatted(args[0], sep, sourceCode, followed, depth);
  }
  if (name === 'concat' && callee.type === AST_NODE_TYPES.MemberExpression) {
    // The receiver may be a run-time string (`dir.concat('/__pycache__/', …)`); the classification decides.
    const head = leafOf(callee.object, sourceCode, followed, depth);
    return [
      ...head,
      ...args.flatMap((a) => (a.type === AST_NODE_TYPES.SpreadElement ? [a] : leafOf(a, sourceCode, followed, depth))),
    ];
  }
  return undefined;
}

/** The segments of a `path.join()`-like call, each with the separator between them. */
function joined(
  args: readonly TSESTree.Node[],
  sep: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] {
  const parts: StringPart[] = [];
  args.forEach((arg, i) => {
    if (i > 0) parts.push(sep);
    parts.push(...(arg.type === AST_NODE_TYPES.SpreadElement ? [arg] : leafOf(arg, sourceCode, followed, depth)));
  });
  return parts;
}

function arrayJoin(
  array: TSESTree.ArrayExpression,
  args: readonly TSESTree.CallExpressionArgument[],
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] | undefined {
  const [sepNode] = args;
  const sep =
    sepNode === undefined
      ? ','
      : sepNode.type === AST_NODE_TYPES.Literal && typeof sepNode.value === 'string'
        ? sepNode.value
        : undefined;
  if (sep === undefined || array.elements.some((e) => e === null)) return undefined;
  return joined(array.elements as TSESTree.Node[], sep, sourceCode, followed, depth);
}

/** `path.format({ dir, base })` or `{ dir, name, ext }`: the keys Node reads, in its order. */
function formatted(
  arg: TSESTree.Node,
  sep: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] | undefined {
  const object = unwrapTS(arg);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const props = new Map<string, TSESTree.Node>();
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || prop.computed || prop.key.type !== AST_NODE_TYPES.Identifier)
      return undefined;
    props.set(prop.key.name, prop.value);
  }
  const part = (key: string): StringPart[] => {
    const value = props.get(key);
    return value ? leafOf(value, sourceCode, followed, depth) : [];
  };
  const dir = props.has('dir') ? [...part('dir'), sep] : part('root');
  const base = props.has('base') ? part('base') : [...part('name'), ...part('ext')];
  return [...dir, ...base];
}

/**
 * The value of a `const` declared once with a string-building initialiser, read through the scope manager.
 * Initialisers that build no text of their own (a call, a parameter) give `undefined`, so the name stays.
 */
function constString(
  id: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  followed: TSESTree.Node[],
  depth: number,
): StringPart[] | undefined {
  if (depth >= MAX_FOLLOW) return undefined;
  const variable = findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    def?.type !== 'Variable' ||
    def.parent.kind !== 'const' ||
    def.node.id.type !== AST_NODE_TYPES.Identifier ||
    !def.node.init
  )
    return undefined;
  const init = def.node.init;
  if (followed.includes(init)) return undefined;
  const inner: TSESTree.Node[] = [init];
  const parts = stringOf(init, sourceCode, inner, depth + 1);
  if (!parts || !parts.some((p) => typeof p === 'string' && p !== '')) return undefined;
  followed.push(...inner);
  return parts;
}
