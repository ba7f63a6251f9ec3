import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getStaticValue } from '@typescript-eslint/utils/ast-utils';

/** The value of `node` when lint time can know it (`getStaticValue`), wrapped so `undefined` values count. */
export function staticValue(
  node: TSESTree.Node | undefined,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { value: unknown } | undefined {
  if (!node) return undefined;
  return getStaticValue(node, sourceCode.getScope(node)) ?? undefined;
}

/** Runs `fn` and returns what it threw, as CPython's `Class: message`, or `undefined` when it did not throw. */
export function thrownBy(fn: () => unknown): { name: string; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    const e = error as Error;
    return { name: e.name, message: e.message };
  }
}
