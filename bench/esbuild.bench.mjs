// esbuild build of the CPython 3.12 stdlib (every .py CPython itself can decode: the corpus of the Vite and
// webpack benches) imported as text: with pycache-kit's esbuild plugin (decoded text and named exports, manifest
// written) versus esbuild's own `text` loader (UTF-8 with U+FFFD, CRLF kept), in the same run. Each build runs in
// a fresh child process, which reports the wall time of `build()` and its peak RSS; the variants alternate. A third
// variant, a plugin whose onLoad only reads the file for the text loader, shows what crossing to Node costs with the
// file's bytes; a fourth, an onLoad that returns nothing, what esbuild's plugin protocol costs with no bytes at all.
// Ratios of the medians (the best of each is printed too: the machine is shared). Peak memory is Node's plus the
// esbuild service process's, where the text loader does all its work.
// Target: plugin within 1.15x the time and 1.2x the peak memory of the text loader.
import { rmSync, writeFileSync } from 'node:fs';
import { corpusProject, runChild } from './stdlib-corpus.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.PYCACHE_BENCH_ROUNDS ?? 5);

const CHILD = `
import { build } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'node_modules/esbuild/lib/main.js')).href)};
const [variant, root] = process.argv.slice(2);
const plugins = [];
if (variant === 'floor') {
  // The least any JavaScript onLoad plugin costs: read the file, hand it back to the text loader.
  const { readFile } = await import('node:fs/promises');
  plugins.push({ name: 'floor', setup(b) { b.onLoad({ filter: /\\.py$/ }, async ({ path }) => ({ contents: await readFile(path), loader: 'text' })); } });
}
if (variant === 'noop') {
  // What esbuild's plugin protocol costs alone: an onLoad that every .py crosses to Node for, which returns nothing
  // (esbuild's text loader then reads the file). Any plugin that gives each .py its module pays at least this.
  plugins.push({ name: 'noop', setup(b) { b.onLoad({ filter: /\\.py$/ }, () => undefined); } });
}
if (variant === 'plugin') {
  const { default: pycache } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/plugins/esbuild.js')).href)});
  plugins.push(pycache({ python: '3.12', roots: ['py'] }));
}
const started = performance.now();
const startCpu = process.cpuUsage();
await build({ absWorkingDir: root, entryPoints: ['main.js'], bundle: true, format: 'esm', outdir: 'dist-' + variant, logLevel: 'error', plugins, loader: variant === 'text' || variant === 'noop' ? { '.py': 'text' } : {} });
const ms = performance.now() - started;
// esbuild bundles in its own Go process (the text loader's whole job happens there): add that process's peak RSS
// (VmHWM, Linux) to Node's, or the baseline would look free.
import { readdirSync, readFileSync } from 'node:fs';
// Its CPU time too (utime + stime, in clock ticks of 10 ms), added to Node's: steadier than wall time on a shared machine.
let childKB = 0;
let childCpuMs = 0;
for (const pid of readdirSync('/proc').filter((name) => /^\\d+$/.test(name))) {
  try {
    const status = readFileSync('/proc/' + pid + '/status', 'utf8');
    if (Number(/PPid:\\s+(\\d+)/.exec(status)?.[1]) !== process.pid) continue;
    childKB += Number(/VmHWM:\\s+(\\d+)/.exec(status)?.[1] ?? 0);
    const fields = readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1].split(' ');
    childCpuMs += (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {}
}
const nodeMB = process.resourceUsage().maxRSS / 1024;
const cpu = process.cpuUsage(startCpu);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 + childCpuMs, nodeMB, maxRssMB: nodeMB + childKB / 1024 }));
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export default async function run({ log }) {
  const corpus = corpusProject('esbuild', log);
  if (!corpus) return;
  const { project, sources, bytes } = corpus;
  try {
    // One entry for both variants: the same import specifiers, only the loader differs.
    writeFileSync(
      join(project, 'main.js'),
      `${sources.map((s, i) => `import m${i} from ${JSON.stringify(`./py/${s}`)};`).join('\n')}\nexport default [${sources.map((_, i) => `m${i}`).join(', ')}];\n`,
    );
    // An app sits in a project (its package.json: ESM, no side effects), as users build; PYCACHE_BENCH_NO_PACKAGE=1
    // measures the bare temporary folder instead.
    const inProject = !process.env.PYCACHE_BENCH_NO_PACKAGE;
    if (inProject)
      writeFileSync(
        join(project, 'package.json'),
        '{"name":"app","private":true,"type":"module","sideEffects":false}\n',
      );
    const script = join(project, 'child.mjs');
    writeFileSync(script, CHILD);
    log(
      `esbuild: ${sources.length} stdlib files, ${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} rounds, ${inProject ? 'in a project (package.json: type module, sideEffects false)' : 'in a bare temporary folder'}`,
    );
    const runs = { text: [], noop: [], floor: [], plugin: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of ['text', 'noop', 'floor', 'plugin']) {
        const result = await runChild(script, variant, project);
        runs[variant].push(result);
        log(
          `  round ${round + 1} ${variant.padEnd(6)} build ${(result.ms / 1000).toFixed(2)} s (CPU ${(result.cpuMs / 1000).toFixed(2)} s), peak RSS ${result.maxRssMB.toFixed(0)} MB (Node ${result.nodeMB.toFixed(0)} MB)`,
        );
      }
    }
    const summary = (variant) => ({
      ms: median(runs[variant].map((r) => r.ms)),
      cpuMs: median(runs[variant].map((r) => r.cpuMs)),
      maxRssMB: median(runs[variant].map((r) => r.maxRssMB)),
      bestMs: Math.min(...runs[variant].map((r) => r.ms)),
      bestRssMB: Math.min(...runs[variant].map((r) => r.maxRssMB)),
    });
    const text = summary('text');
    const noop = summary('noop');
    const floor = summary('floor');
    const plugin = summary('plugin');
    const timeRatio = plugin.ms / text.ms;
    const memRatio = plugin.maxRssMB / text.maxRssMB;
    const line = (r) =>
      `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), ${r.maxRssMB.toFixed(0)} MB peak RSS (median; best ${(r.bestMs / 1000).toFixed(2)} s, ${r.bestRssMB.toFixed(0)} MB)`;
    log(`esbuild text loader: ${line(text)}`);
    log(
      `esbuild onLoad returning nothing (the protocol's own cost): ${line(noop)}, time ${(noop.ms / text.ms).toFixed(2)}x, CPU ${(noop.cpuMs / text.cpuMs).toFixed(2)}x`,
    );
    log(
      `esbuild read-only plugin (reads each file for the text loader): ${line(floor)}, time ${(floor.ms / text.ms).toFixed(2)}x, memory ${(floor.maxRssMB / text.maxRssMB).toFixed(2)}x`,
    );
    log(`esbuild pycache:     ${line(plugin)}`);
    log(
      `esbuild ratio:       time ${timeRatio.toFixed(2)}x (target ≤ 1.15x) ${timeRatio <= 1.15 ? 'OK' : 'OVER'}, CPU ${(plugin.cpuMs / text.cpuMs).toFixed(2)}x, memory ${memRatio.toFixed(2)}x (target ≤ 1.2x) ${memRatio <= 1.2 ? 'OK' : 'OVER'}`,
    );
    return { text, noop, floor, plugin, timeRatio, memRatio };
  } finally {
    if (!process.env.PYCACHE_BENCH_KEEP) rmSync(project, { recursive: true, force: true });
    else log(`kept ${project}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run({ log: console.log });
}
