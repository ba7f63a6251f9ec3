import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import type { StringPart } from './string-parts.js';
import { DYNAMIC, isConcat, literalText, partsText, stringParts, unwrapTS } from './string-parts.js';

/** A whole string expression as written: one literal, one template literal, one `+` chain. */
export interface StringRoot {
  kind: 'string';
  node: TSESTree.Node;
  parts: StringPart[];
}

/** A `path.join(...)` / `path.resolve(...)` call: each argument is a path segment. */
export interface PathCallRoot {
  kind: 'path-call';
  node: TSESTree.CallExpression;
  /** The parts of each argument (`undefined` for a non-string argument such as a spread). */
  segments: (StringPart[] | undefined)[];
  /** `'\\'` for `path.win32.*`, else `'/'`. */
  sep: '/' | '\\';
}

export type Root = StringRoot | PathCallRoot;

/** The root's text with {@link DYNAMIC} for run-time parts; `path.join` segments joined with the call's separator. */
export function rootText(root: Root): string {
  return root.kind === 'string'
    ? partsText(root.parts)
    : root.segments.map((s) => (s ? partsText(s) : DYNAMIC)).join(root.sep);
}

/** The text for a message: each run-time part shown as `${…}`. */
export function shownText(text: string): string {
  return text.replaceAll(DYNAMIC, '${…}');
}

const PATH_OBJECTS = new Set(['path', 'nodePath', 'posix', 'win32', 'pathe', 'upath', 'pathPosix', 'pathWin32']);
const PATH_MODULES = new Set([
  'path',
  'node:path',
  'path/posix',
  'node:path/posix',
  'path/win32',
  'node:path/win32',
  'pathe',
  'upath',
]);
const PATH_FUNCTIONS = new Set(['join', 'resolve']);

/**
 * A visitor that hands each string expression whose literal text passes `quick` to `onRoot`, once, with its
 * parts resolved. Strings that are not values a program uses as paths are skipped: import sources, type-level
 * literals, property keys, directives, `RegExp(...)` arguments and tagged templates other than `String.raw`.
 */
export function stringRootVisitor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  quick: (text: string) => boolean,
  onRoot: (root: Root) => void,
): TSESLint.RuleListener {
  const { sourceCode } = context;
  const visitString = (node: TSESTree.Node): void => {
    // Cheapest tests first: most strings in real code are parts of a chain or fail `quick`.
    if (isConcat(valueParentNode(node)) || !quick(literalText(node)) || !isStringRoot(node, sourceCode)) return;
    const parts = stringParts(node, sourceCode.getScope(node));
    if (parts) onRoot({ kind: 'string', node, parts });
  };
  return {
    Literal(node) {
      if (typeof node.value === 'string') visitString(node);
    },
    TemplateLiteral(node) {
      if (node.parent.type !== AST_NODE_TYPES.TaggedTemplateExpression) visitString(node);
    },
    BinaryExpression(node) {
      if (node.operator === '+') visitString(node);
    },
    TaggedTemplateExpression(node) {
      if (!isStringRaw(node.tag)) return;
      const text = node.quasi.quasis.map((q) => q.value.raw).join('');
      if (!quick(text)) return;
      const parts: StringPart[] = [];
      node.quasi.quasis.forEach((q, i) => {
        parts.push(q.value.raw);
        if (i < node.quasi.expressions.length) parts.push(node.quasi.expressions[i]);
      });
      onRoot({ kind: 'string', node, parts: parts.filter((p) => p !== '') });
    },
    CallExpression(node) {
      if (node.arguments.length === 0 || !mayBePathCall(node)) return;
      if (!quick(node.arguments.map((arg) => literalText(arg)).join('/'))) return;
      const sep = pathCallSeparator(node, sourceCode);
      if (!sep) return;
      const scope = sourceCode.getScope(node);
      const segments = node.arguments.map((arg) =>
        arg.type === AST_NODE_TYPES.SpreadElement ? undefined : stringParts(arg, scope),
      );
      onRoot({ kind: 'path-call', node, segments, sep });
    },
  };
}

/** True when `node` is the outermost piece of a string expression that code uses as a value. */
function isStringRoot(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const { child, parent } = valueParent(node);
  if (!parent) return true;
  if (isConcat(parent) || parent.type === AST_NODE_TYPES.TemplateLiteral) return false;
  if (isConcat(node) && !literalText(node)) return false;
  if (!isValuePosition(node)) return false;
  return !(
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.includes(child as TSESTree.CallExpressionArgument) &&
    pathCallSeparator(parent, sourceCode) !== undefined
  );
}

/** {@link valueParent}'s parent alone, without allocating (every string literal of a file passes here). */
function valueParentNode(node: TSESTree.Node): TSESTree.Node | undefined {
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    parent = parent.parent;
  }
  return parent;
}

/** The node's parent past TypeScript wrappers (`'x' as const`), and the child of that parent on the way. */
export function valueParent(node: TSESTree.Node): { child: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/**
 * False for strings that are not run-time values a program could use as a path, tag or magic number:
 * import sources, type-level literals, property keys, directives and `RegExp(...)` arguments.
 */
export function isValuePosition(node: TSESTree.Node): boolean {
  const { child, parent } = valueParent(node);
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.ImportAttribute:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSModuleDeclaration:
      return false;
    case AST_NODE_TYPES.TSEnumMember:
      return parent.initializer === child;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSPropertySignature:
      return parent.key !== child || parent.computed;
    case AST_NODE_TYPES.ExpressionStatement:
      return parent.directive === undefined;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !isRegExpCallee(parent.callee);
    default:
      return true;
  }
}

function isRegExpCallee(callee: TSESTree.Node): boolean {
  return (
    (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'RegExp') ||
    (callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === 'RegExp')
  );
}

function isStringRaw(tag: TSESTree.Node): boolean {
  return (
    tag.type === AST_NODE_TYPES.MemberExpression &&
    tag.object.type === AST_NODE_TYPES.Identifier &&
    tag.object.name === 'String' &&
    tag.property.type === AST_NODE_TYPES.Identifier &&
    tag.property.name === 'raw'
  );
}

/** The callee is named `join` or `resolve` (a cheap test before {@link pathCallSeparator}). */
function mayBePathCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return PATH_FUNCTIONS.has(callee.name);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    PATH_FUNCTIONS.has(callee.property.name)
  );
}

const separatorCache = new WeakMap<TSESTree.CallExpression, '/' | '\\' | null>();

/**
 * `'/'` or `'\\'` when `call` is `path.join`/`path.resolve` (also `path.posix.*`, `path.win32.*`, and
 * `join`/`resolve` imported from `node:path`), else `undefined`.
 */
export function pathCallSeparator(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): '/' | '\\' | undefined {
  let cached = separatorCache.get(call);
  if (cached === undefined) {
    cached = computeSeparator(call, sourceCode);
    separatorCache.set(call, cached);
  }
  return cached ?? undefined;
}

/** `'/'` or `'\\'` when `call` is `path.format(...)`, judged as {@link pathCallSeparator} judges `path.join`. */
export function pathFormatSeparator(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): '/' | '\\' | undefined {
  return computeSeparator(call, sourceCode, FORMAT_FUNCTION) ?? undefined;
}

const FORMAT_FUNCTION: ReadonlySet<string> = new Set(['format']);

function computeSeparator(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: ReadonlySet<string> = PATH_FUNCTIONS,
): '/' | '\\' | null {
  const callee = unwrapTS(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || !names.has(callee.property.name))
      return null;
    const object = callee.object;
    if (object.type === AST_NODE_TYPES.Identifier) {
      if (PATH_OBJECTS.has(object.name)) return /win32/i.test(object.name) ? '\\' : '/';
      // Any other name bound to the module itself: `import p from 'node:path'`, `const p = require('path')`.
      const module = pathModuleOf(findVariable(sourceCode.getScope(call), object)?.defs[0], false);
      return module === undefined ? null : separatorOf(module);
    }
    if (
      object.type === AST_NODE_TYPES.MemberExpression &&
      !object.computed &&
      object.property.type === AST_NODE_TYPES.Identifier &&
      object.object.type === AST_NODE_TYPES.Identifier &&
      PATH_OBJECTS.has(object.object.name)
    ) {
      if (object.property.name === 'win32') return '\\';
      if (object.property.name === 'posix') return '/';
    }
    return null;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier || !names.has(callee.name)) return null;
  // `import { join } from 'node:path'` or `const { join } = require('node:path')`.
  const module = pathModuleOf(findVariable(sourceCode.getScope(call), callee)?.defs[0], true);
  return module === undefined ? null : separatorOf(module);
}

function separatorOf(module: string): '/' | '\\' {
  return module.endsWith('win32') ? '\\' : '/';
}

type Definition = NonNullable<ReturnType<typeof findVariable>>['defs'][number];

/**
 * The path module a binding comes from: an import from it, or a `require()` of it (destructured when `named`,
 * the module object otherwise); `undefined` for anything else.
 */
function pathModuleOf(def: Definition | undefined, named: boolean): string | undefined {
  if (def?.type === 'ImportBinding' && def.parent.type === AST_NODE_TYPES.ImportDeclaration) {
    const isNamed = def.node.type === AST_NODE_TYPES.ImportSpecifier;
    return isNamed === named && PATH_MODULES.has(def.parent.source.value) ? def.parent.source.value : undefined;
  }
  if (def?.type !== 'Variable' || (def.node.id.type === AST_NODE_TYPES.ObjectPattern) !== named) return undefined;
  const init = def.node.init;
  if (
    init?.type !== AST_NODE_TYPES.CallExpression ||
    init.callee.type !== AST_NODE_TYPES.Identifier ||
    init.callee.name !== 'require'
  )
    return undefined;
  const [arg] = init.arguments;
  return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' && PATH_MODULES.has(arg.value)
    ? arg.value
    : undefined;
}
