import fc from 'fast-check';

/**
 * Random tests run twice over: with a FIXED seed, the same in every run (CI included), so a run fails only where
 * the code changed; and with one FRESH seed per run, printed in the test titles and on stdout, so new inputs keep
 * being tried. `PYCACHE_SEED=<n>` replays a fresh seed that failed. A failure under either seed is a real
 * difference between the core and CPython (or an independent reference), never noise.
 */
export const FIXED_SEED = 20261204;

/** This run's fresh seed (`PYCACHE_SEED` to replay one). */
export const FRESH_SEED: number =
  process.env.PYCACHE_SEED !== undefined ? Number(process.env.PYCACHE_SEED) : Math.floor(Math.random() * 0x7fffffff);

/** Both seeds, fixed first. */
export const SEEDS: readonly number[] = [FIXED_SEED, FRESH_SEED];

/** For test titles: which seeds ran and how to replay the fresh one. */
export const SEED_NOTE = `(seeds ${FIXED_SEED} fixed and ${FRESH_SEED} fresh; replay with PYCACHE_SEED=${FRESH_SEED})`;

console.info(
  `random tests: fixed seed ${FIXED_SEED}, fresh seed ${FRESH_SEED} (PYCACHE_SEED=${FRESH_SEED} replays it)`,
);

/** `fc.assert` once per seed, the runs split between them (the same total as one unseeded run). */
export function assertSeeded<Ts>(property: fc.IProperty<Ts>, options: { numRuns: number }): void {
  for (const seed of SEEDS)
    fc.assert(property, { ...options, numRuns: Math.ceil(options.numRuns / SEEDS.length), seed });
}

/** {@link assertSeeded} for an `fc.asyncProperty`. */
export async function assertSeededAsync<Ts>(
  property: fc.IAsyncProperty<Ts>,
  options: { numRuns: number },
): Promise<void> {
  for (const seed of SEEDS)
    await fc.assert(property, { ...options, numRuns: Math.ceil(options.numRuns / SEEDS.length), seed });
}

/** mulberry32: deterministic numbers in [0, 1) from a seed, for tests that draw without fast-check. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
