import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { StringPart } from './string-parts.js';

/** The quote the original literal used, so a rewrite keeps the file's style. */
export function quoteOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): "'" | '"' {
  if (node.type === AST_NODE_TYPES.Literal) return node.raw.startsWith('"') ? '"' : "'";
  const text = sourceCode.getText(node);
  return /^[^'`]*"/.test(text) ? '"' : "'";
}

/** `value` as a JavaScript string literal in `quote`s. */
export function stringLiteral(value: string, quote: "'" | '"' = "'"): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return quote + out + quote;
}

/**
 * Code for a string built from `parts`: a plain literal when all parts are static, else a template literal
 * with each dynamic part's source text in a `${}`.
 */
export function stringExpression(
  parts: readonly StringPart[],
  sourceCode: Readonly<TSESLint.SourceCode>,
  quote: "'" | '"',
): string {
  if (parts.every((p) => typeof p === 'string')) return stringLiteral(parts.join(''), quote);
  let out = '`';
  for (const part of parts) {
    out +=
      typeof part === 'string' ? part.replace(/[\\`]|\$\{/g, (m) => `\\${m}`) : '${' + sourceCode.getText(part) + '}';
  }
  return out + '`';
}

/** `text` as it must appear where `node` stood: JSX attributes need braces around an expression. */
export function inExpressionPosition(node: TSESTree.Node, text: string): string {
  return node.parent?.type === AST_NODE_TYPES.JSXAttribute ? `{${text}}` : text;
}

/**
 * The node a rewrite replaces: the string itself, or its `x as const` wrapper, since `as const` is only
 * allowed on literals and the rewrite is a call.
 */
export function replaceableNode(node: TSESTree.Node): TSESTree.Node {
  const parent = node.parent;
  if (
    parent?.type === AST_NODE_TYPES.TSAsExpression &&
    parent.expression === node &&
    parent.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference &&
    parent.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier &&
    parent.typeAnnotation.typeName.name === 'const'
  ) {
    return parent;
  }
  return node;
}
