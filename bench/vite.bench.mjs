// Vite build of the CPython 3.12 stdlib (every .py CPython itself can decode) imported as text: with pycache-kit's
// plugin versus Vite's own `?raw`, in the same run. Each build runs in its own child process, which reports the
// wall time of `build()` and its peak RSS; the two variants alternate and the best of each is kept.
// Targets: plugin within 1.15x the time and 1.2x the peak memory of ?raw.
import { rmSync, writeFileSync } from 'node:fs';
import { corpusProject, runChild } from './stdlib-corpus.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.PYCACHE_BENCH_ROUNDS ?? 2);

const CHILD = `
import { build } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'node_modules/vite/dist/node/index.js')).href)};
const [variant, root] = process.argv.slice(2);
const plugins = [];
if (variant === 'plugin') {
  const { default: pycache } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/plugins/vite.js')).href)});
  plugins.push(pycache({ python: '3.12', roots: ['py'] }));
}
const started = performance.now();
await build({ root, configFile: false, logLevel: 'silent', plugins, build: { outDir: 'dist-' + variant, emptyOutDir: true, rollupOptions: { input: root + '/main-' + variant + '.js' } } });
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;

export default async function run({ log }) {
  const corpus = corpusProject('vite', log);
  if (!corpus) return;
  const { project, sources, bytes } = corpus;
  try {
    const entry = (suffix) =>
      `${sources.map((s, i) => `import m${i} from ${JSON.stringify(`./py/${s}${suffix}`)};`).join('\n')}\nexport default [${sources.map((_, i) => `m${i}`).join(', ')}];\n`;
    writeFileSync(join(project, 'main-plugin.js'), entry(''));
    writeFileSync(join(project, 'main-raw.js'), entry('?raw'));
    const script = join(project, 'child.mjs');
    writeFileSync(script, CHILD);
    log(`vite: ${sources.length} stdlib files, ${(bytes / 1e6).toFixed(1)} MB`);
    const best = { raw: undefined, plugin: undefined };
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of ['raw', 'plugin']) {
        const result = await runChild(script, variant, project);
        log(
          `  round ${round + 1} ${variant.padEnd(6)} build ${(result.ms / 1000).toFixed(2)} s, process ${(result.processMs / 1000).toFixed(2)} s, peak RSS ${result.maxRssMB.toFixed(0)} MB`,
        );
        const prev = best[variant];
        best[variant] = {
          ms: Math.min(prev?.ms ?? Infinity, result.ms),
          maxRssMB: Math.min(prev?.maxRssMB ?? Infinity, result.maxRssMB),
        };
      }
    }
    const timeRatio = best.plugin.ms / best.raw.ms;
    const memRatio = best.plugin.maxRssMB / best.raw.maxRssMB;
    log(`vite ?raw:      ${(best.raw.ms / 1000).toFixed(2)} s, ${best.raw.maxRssMB.toFixed(0)} MB peak RSS`);
    log(`vite pycache:   ${(best.plugin.ms / 1000).toFixed(2)} s, ${best.plugin.maxRssMB.toFixed(0)} MB peak RSS`);
    log(
      `vite ratio:     time ${timeRatio.toFixed(2)}x (target ≤ 1.15x) ${timeRatio <= 1.15 ? 'OK' : 'OVER'}, memory ${memRatio.toFixed(2)}x (target ≤ 1.2x) ${memRatio <= 1.2 ? 'OK' : 'OVER'}`,
    );
    return { raw: best.raw, plugin: best.plugin, timeRatio, memRatio };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run({ log: console.log });
}
