import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest 5 declares Node 22; on Node 20 its reporter calls Map.groupBy (Node 21+) when printing failures.
// The config runs in Vitest's main process, so a polyfill here keeps failure reports readable on Node 20.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const map = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = map.get(k);
        if (list) list.push(item);
        else map.set(k, [item]);
      }
      return map;
    },
  });
}

export default defineConfig({
  test: {
    // Four tiers, one folder each (the placement rule is in ARCHITECTURE.md, "Tests"): `vitest run` runs them all,
    // `vitest run --project unit` (npm run test:unit) only the fast one. Pool and timeouts are shared.
    projects: [
      // The rules' real-code corpus lints 1,500 third-party files: real material, so it runs with the builds.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/rules/**/*.test.ts'],
          exclude: ['test/rules/real-code-corpus.test.ts'],
        },
      },
      { extends: true, test: { name: 'live', include: ['test/live/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'build', include: ['test/build/**/*.test.ts', 'test/rules/real-code-corpus.test.ts'] },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (one core fewer than the machine has) runs a 2-core machine's suite one file at a time (about
    // 11 min there); two forks take about 7. The tests share no port (every server listens on port 0) and no output
    // folder.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The JSON report lets .ci/run end on a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
  },
});
