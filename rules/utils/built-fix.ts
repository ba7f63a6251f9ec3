import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import type { BytecodeRewrite } from './bytecode-fix.js';
import type { BuiltBytecodePath } from './built-path.js';
import { inExpressionPosition, quoteOf, replaceableNode, stringExpression, stringLiteral } from './code-text.js';
import { coreName, replaceWithCore } from './core-import.js';
import type { StringPart } from './string-parts.js';
import { merge, unwrapTS } from './string-parts.js';
import { pathCallSeparator } from './string-roots.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `cacheFromSource(<source>, { target, optimization })` for a path built in the `__pycache__` layout: the source is
 * the folder before `__pycache__` plus the file's stem and `.py`, the target is the tag the code spelled (the core
 * reads `cpython-312` and `pypy310` as targets), and `path.join(...)`/`[...].join(sep)` keep their shape. `undefined`
 * when the layout is a `pycache_prefix` mirror (the prefix is inside a run-time part) or a part comes from a
 * `const` whose names mean something else where the path is built.
 */
export function builtPathRewrite(
  node: TSESTree.Node,
  path: BuiltBytecodePath,
  context: Context,
): BytecodeRewrite | undefined {
  const { sourceCode } = context;
  if (path.layout !== 'pycache') return undefined;
  const used = [
    ...path.dir,
    ...path.stem,
    ...(path.tag.kind === 'literal' ? [] : path.tag.parts),
    ...(path.optimization ?? []),
  ];
  if (!used.every((p) => typeof p === 'string' || isUsableAt(p, node, sourceCode))) return undefined;
  const quote = quoteOf(node, sourceCode);
  const file = stringExpression(merge([...path.stem, '.py']), sourceCode, quote);
  const argument =
    argumentShape(node, file, sourceCode) ??
    stringExpression(merge([...path.dir, ...path.stem, '.py']), sourceCode, quote);
  const target =
    path.tag.kind === 'literal' ? stringLiteral(path.tag.tag, quote) : partsCode(path.tag.parts, sourceCode, quote);
  const options = [`target: ${target}`];
  if (path.optimization) {
    const level = partsCode(path.optimization, sourceCode, quote);
    options.push(`optimization: ${/^['"]\d+['"]$/.test(level) ? level.slice(1, -1) : level}`);
  }
  const name = coreName(context, 'cacheFromSource');
  const call = `${name.code}(${argument}, { ${options.join(', ')} })`;
  return {
    source: `${argument}, { ${options.join(', ')} }`,
    fix: replaceWithCore(name, replaceableNode(node), inExpressionPosition(node, call)),
  };
}

/**
 * `sourceFromCache(<receiver>)` (with the target of `settings.pycache.python` when set) in place of the string
 * surgery `node` does.
 */
export function surgeryRewrite(
  node: TSESTree.Node,
  receiver: TSESTree.Node,
  target: string | undefined,
  context: Context,
): BytecodeRewrite {
  const { sourceCode } = context;
  const name = coreName(context, 'sourceFromCache');
  const args = `${sourceCode.getText(receiver)}${target ? `, { target: ${stringLiteral(target, quoteOf(node, sourceCode))} }` : ''}`;
  return { source: args, fix: replaceWithCore(name, node, `${name.code}(${args})`) };
}

/** A single run-time part as its code; anything else as a string literal or a template literal. */
function partsCode(parts: readonly StringPart[], sourceCode: Readonly<TSESLint.SourceCode>, quote: "'" | '"'): string {
  const [only] = parts;
  return parts.length === 1 && only !== undefined && typeof only !== 'string'
    ? sourceCode.getText(only)
    : stringExpression(merge([...parts]), sourceCode, quote);
}

/**
 * For `path.join(a, b, '__pycache__', file)` and `[a, b, '__pycache__', file].join(sep)`: the same call on the
 * segments before `__pycache__` and `sourceFile` (`path.join(a, b, 'mod.py')`). `undefined` for other shapes.
 */
function argumentShape(
  node: TSESTree.Node,
  sourceFile: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string | undefined {
  const n = unwrapTS(node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrapTS(n.callee);
  const isArrayJoin =
    callee.type === AST_NODE_TYPES.MemberExpression && unwrapTS(callee.object).type === AST_NODE_TYPES.ArrayExpression;
  if (!isArrayJoin && !pathCallSeparator(n, sourceCode)) return undefined;
  const segments = isArrayJoin
    ? (unwrapTS((callee as TSESTree.MemberExpression).object) as TSESTree.ArrayExpression).elements
    : n.arguments;
  const k = segments.length - 2;
  const folder = segments[k];
  if (k < 0 || folder?.type !== AST_NODE_TYPES.Literal || folder.value !== '__pycache__') return undefined;
  const head = segments.slice(0, k).map((s) => (s ? sourceCode.getText(s) : ''));
  const args = [...head, sourceFile].join(', ');
  return isArrayJoin
    ? `[${args}].join(${n.arguments.map((a) => sourceCode.getText(a)).join(', ')})`
    : `${sourceCode.getText(n.callee)}(${args})`;
}

/**
 * True when `part` can be written where `node` is: it is inside `node`, or it is a name that means the same
 * variable there (a part read from a `const`'s initialiser elsewhere).
 */
function isUsableAt(part: TSESTree.Node, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (part.range[0] >= node.range[0] && part.range[1] <= node.range[1]) return true;
  if (part.type !== AST_NODE_TYPES.Identifier) return false;
  const there = findVariable(sourceCode.getScope(part), part);
  return there !== null && there === findVariable(sourceCode.getScope(node), part.name);
}
