import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { getStaticValue } from '@typescript-eslint/utils/ast-utils';

/** A piece of a string built in code: static text, or an expression whose value lint time cannot know. */
export type StringPart = string | TSESTree.Node;

/**
 * Stands for each dynamic part in {@link partsText}: a private-use character, so no real path, glob or
 * cache tag contains it and every pattern that needs a static file name fails where a `${}` sits.
 */
export const DYNAMIC = '\uE000';

/** The parts joined, with {@link DYNAMIC} for each expression. */
export function partsText(parts: readonly StringPart[]): string {
  let text = '';
  for (const part of parts) text += typeof part === 'string' ? part : DYNAMIC;
  return text;
}

/** Drops TypeScript-only wrappers (`x as string`, `x!`, `<string>x`, `x satisfies T`). */
export function unwrapTS(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** True for `a + b` (the only operator that builds strings). */
export function isConcat(node: TSESTree.Node | undefined): node is TSESTree.BinaryExpression {
  return node?.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+';
}

/** A template literal's text with {@link DYNAMIC} for each `${}`. */
export function templateText(node: TSESTree.TemplateLiteral): string {
  return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(DYNAMIC);
}

/**
 * The text of the literals in a string expression (string literals, template quasis, the literal leaves of a
 * `+` chain), without looking anything up: a cheap first test before {@link stringParts} resolves variables.
 */
export function literalText(node: TSESTree.Node): string {
  const n = unwrapTS(node);
  switch (n.type) {
    case AST_NODE_TYPES.Literal:
      return typeof n.value === 'string' ? n.value : '';
    case AST_NODE_TYPES.TemplateLiteral:
      return templateText(n);
    case AST_NODE_TYPES.BinaryExpression:
      return n.operator === '+' ? literalText(n.left) + literalText(n.right) : '';
    default:
      return '';
  }
}

/**
 * The parts of a string expression: string literals, template literals (`${}` parts stay dynamic unless
 * they evaluate statically), `+` chains, and anything `getStaticValue` resolves (constants, `'a'.concat()`).
 * Returns `undefined` when the expression is not a string at all.
 */
export function stringParts(node: TSESTree.Node, scope: TSESLint.Scope.Scope): StringPart[] | undefined {
  const n = unwrapTS(node);
  if (n.type === AST_NODE_TYPES.Literal) return typeof n.value === 'string' ? [n.value] : undefined;
  if (n.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts: StringPart[] = [];
    n.quasis.forEach((quasi, i) => {
      parts.push(quasi.value.cooked ?? quasi.value.raw);
      if (i < n.expressions.length) parts.push(...leafParts(n.expressions[i], scope));
    });
    return merge(parts);
  }
  if (isConcat(n)) {
    const whole = getStaticValue(n, scope);
    if (whole && typeof whole.value === 'string') return [whole.value];
    const left = stringParts(n.left, scope) ?? leafParts(n.left, scope);
    const right = stringParts(n.right, scope) ?? leafParts(n.right, scope);
    return merge([...left, ...right]);
  }
  const value = getStaticValue(n, scope);
  return value && typeof value.value === 'string' ? [value.value] : undefined;
}

function leafParts(node: TSESTree.Node, scope: TSESLint.Scope.Scope): StringPart[] {
  const n = unwrapTS(node);
  if (n.type === AST_NODE_TYPES.Literal || n.type === AST_NODE_TYPES.TemplateLiteral || isConcat(n)) {
    const parts = stringParts(n, scope);
    if (parts) return parts;
  }
  const value = getStaticValue(n, scope);
  if (
    value &&
    (typeof value.value === 'string' || typeof value.value === 'number' || typeof value.value === 'boolean')
  ) {
    return [String(value.value)];
  }
  return [n];
}

/** `parts` with neighbouring static text joined and empty text dropped. */
export function merge(parts: StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const part of parts) {
    const last = out.length - 1;
    if (typeof part === 'string' && last >= 0 && typeof out[last] === 'string')
      out[last] = (out[last] as string) + part;
    else if (part !== '') out.push(part);
  }
  return out;
}
