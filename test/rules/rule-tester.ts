import { RuleTester } from '@typescript-eslint/rule-tester';
import type { RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import * as vitest from 'vitest';

// @typescript-eslint/rule-tester needs the test framework's hooks (its docs, "Vitest").
RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.describeSkip = vitest.describe.skip;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.itSkip = vitest.it.skip;

/**
 * Runs RuleTester tables for one of our rules on JS/TS/JSX modules (the typescript-eslint parser, no type
 * information). The cast bridges rule-tester's own nested copy of `@typescript-eslint/utils`, whose types
 * differ from the project's by a patch release; the runtime objects are the same shape.
 */
export function runRule<M extends string, O extends readonly unknown[]>(
  name: string,
  rule: RuleModule<M, O, unknown>,
  tests: RunTests<M, O>,
  settings?: Record<string, unknown>,
): void {
  const tester = new RuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    ...(settings ? { settings } : {}),
  });
  tester.run(name, rule as never, tests);
}
