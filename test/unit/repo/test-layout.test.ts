// Vitest only collects test files inside a tier folder (vitest.config.ts): a test file anywhere else in test/
// would silently never run. This names every such file, so it is moved to its tier (ARCHITECTURE.md, "Tests").
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const testDir = fileURLToPath(new URL('../..', import.meta.url));
const TIERS = ['unit/', 'live/', 'build/', 'e2e/', 'rules/'];

it('every *.test.ts under test/ sits in a tier folder (unit, live, build, e2e, rules)', () => {
  const files = (readdirSync(testDir, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.test.ts'));
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((f) => !TIERS.some((tier) => f.startsWith(tier)))).toEqual([]);
});
