// Nanoseconds per call of cacheFromSource / sourceFromCache against CPython 3.13's own importlib.util functions
// (a child process, same machine, same run), on three inputs:
// - realistic: the 3,452 paths of CPython 3.13's stdlib (1,726 files, relative and absolute; for sourceFromCache their
//   3,452 cache paths), fresh strings each round, made by the functions a build makes them with (see freshRound);
// - the same absolute paths straight from path.join, before anything has read them (V8 flattens them on first read,
//   here inside our call): what a caller pays who computes cache paths before touching the files;
// - one short path repeated (the best case, kept for comparison with earlier notes).
// On the realistic list, each function is followed by its floor (floorFunctions): the least code giving the same
// answers for those paths, timed the same way, which bounds the ratio any implementation can reach there.
// Each side prints min / median / max over its rounds (this machine is shared and has slow phases: the spread says how
// much the figure moves); the ratios are of the medians and of the best rounds. Under load CPython's rounds (~6 ms)
// are preempted far more often than ours (~0.3 ms), which inflates the ratio of medians: the best rounds' is steadier.
// Also the minified + gzipped size of the core's path/target/header code as a browser would load it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cacheFromSource, pythonTarget, sourceFromCache } from '../dist/src/index.js';
import { bundleSize, moduleShares } from './bundle-size.mjs';

const SHORT = ['/usr/lib/python3.12/json/decoder.py', 'pkg/sub/mod.py', '/srv/app/__init__.py', 'x.py'];

/** `python3.13 -c …`'s stdlib folder and interpreter, or null without pyenv's 3.13.0. */
function cpython313() {
  try {
    const prefix = execFileSync('pyenv', ['prefix', '3.13.0'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return { python: `${prefix}/bin/python3`, lib: `${prefix}/lib/python3.13` };
  } catch {
    return null;
  }
}

/** Every `.py` under `dir` (site-packages left out), sorted, relative to `dir` with '/' separators. */
function stdlibFiles(dir) {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? e.name === 'site-packages'
          ? []
          : walk(join(d, e.name))
        : e.name.endsWith('.py')
          ? [join(d, e.name)]
          : [],
    );
  return walk(dir)
    .sort()
    .map((p) => relative(dir, p));
}

/**
 * This round's strings for `files` (relative to `root`): each relative one, then each absolute one, new each round
 * and made the way a build makes them. What V8 makes of them matters more than their text (checked with
 * `node --allow-natives-syntax` and `%DebugPrint`):
 * - `path.join` / `path.resolve` (a folder walk, a resolver, a bundler's module id) return a cons string, a tree of
 *   the pieces they concatenated: the first function that reads its characters flattens it, which costs about
 *   100-150 ns for a stdlib path (a deeper tree than one concatenation of two halves);
 * - `path.relative` returns a slice of an already flat string; `fs.readdir` returns flat strings.
 * A build reads or stats every source file it compiles by its absolute path (Vite's and Rollup's load hooks,
 * webpack's resource reading, a walker's stat), and Node's fs flattens the string in place when it passes it to the
 * OS, so the string is flattened once whoever reads it first. Here `existsSync` plays that part, outside the timed
 * region; `flatten: false` leaves the path.join strings as they come (the third input above), to show what a caller
 * pays who computes cache paths before touching the files.
 */
function freshRound(root, files, { flatten = true } = {}) {
  // path.relative reads (so flattens) the path it is given: the absolute ones are joined apart from it.
  const relatives = files.map((f) => relative(root, join(root, f)));
  const absolute = files.map((f) => join(root, f));
  if (flatten) for (const p of absolute) existsSync(p);
  return [...relatives, ...absolute];
}

/**
 * The floor: the least code that gives the same answers as cacheFromSource / sourceFromCache for the realistic list
 * (found the last '/', sliced and concatenated; no check at all, so it is right for these paths only, and checked
 * against the real functions on them before it is timed). What it costs is what reading these strings costs, and it
 * bounds how fast any implementation can be on them: a ratio to CPython above the floor's is out of reach.
 */
function lastSlash(path, window) {
  let from = path.length - window;
  if (from < 0) from = 0;
  let s = path.indexOf('/', from);
  if (s >= 0) for (let t = path.indexOf('/', s + 1); t >= 0; t = path.indexOf('/', t + 1)) s = t;
  else for (s = from - 1; s >= 0 && path.charCodeAt(s) !== 0x2f; s--);
  return s;
}

function floorFunctions(suffix) {
  return {
    cacheFromSource(path) {
      const n = path.length;
      const s = lastSlash(path, 20);
      return s < 0
        ? '__pycache__/' + path.slice(0, n - 2) + suffix
        : path.slice(0, s) + '/__pycache__/' + path.slice(s + 1, n - 2) + suffix;
    },
    sourceFromCache(path) {
      const s = lastSlash(path, 40);
      const dot = path.indexOf('.', s + 1);
      return s === 11 ? path.slice(12, dot) + '.py' : path.slice(0, s - 11) + path.slice(s + 1, dot) + '.py';
    },
  };
}

/** min / median / max of `values`. */
function spread(values) {
  const v = [...values].sort((a, b) => a - b);
  return { min: v[0], median: v[v.length >> 1], max: v[v.length - 1] };
}

/** V8's `gc()` without --expose-gc on the command line (the flag only has to be set before a context is made). */
function minorGc() {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  return () => gc({ type: 'minor' });
}

/**
 * ns per call of `fn` over `make()`'s strings, one figure per round; the strings are made anew before each round.
 * Making them leaves ~15 MB of garbage (path.join, fs): one minor GC before each timed round collects it, so a
 * collection of the setup's garbage never lands on the clock (it did in most rounds: a 0.5-2 ms scavenge in a
 * 0.3 ms round). What the timed calls allocate themselves still fills the nursery and is collected on the clock
 * when it fills during a round (about one round in 30: the max, not the median).
 */
function jsRounds(fn, make, rounds) {
  const per = [];
  let sink = 0;
  const gc = minorGc();
  for (let r = -1; r < rounds; r++) {
    const items = make();
    gc();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < items.length; i++) sink += fn(items[i]).length;
    if (r >= 0) per.push(Number(process.hrtime.bigint() - t0) / items.length); // round -1 warms the JIT up
  }
  if (sink === 0) throw new Error('unreachable');
  return spread(per);
}

/** The same rounds in CPython: ns per call of importlib.util's function over the same list. */
function pythonRounds(python, name, list, rounds) {
  const script = `
import importlib.util as u, json, sys, time
items = json.load(sys.stdin)
fn = getattr(u, ${JSON.stringify(name)})
per = []
for _ in range(${rounds}):
    t0 = time.perf_counter_ns()
    for p in items: fn(p)
    per.append((time.perf_counter_ns() - t0) / len(items))
print(json.dumps(per))`;
  return spread(JSON.parse(execFileSync(python, ['-c', script], { input: JSON.stringify(list), encoding: 'utf8' })));
}

const fmt = (s) => `${s.median.toFixed(0).padStart(5)} ns (${s.min.toFixed(0)}-${s.max.toFixed(0)})`;

export default async function run({ log }) {
  const target = pythonTarget('3.13');
  const py = cpython313();
  const cache = (p) => cacheFromSource(p, { target });
  const inputs = [];
  if (py) {
    const root = py.lib;
    const files = stdlibFiles(root);
    // The cache paths a build sees: the __pycache__ files of the same sources, under the same root.
    const cacheFiles = files.map(cache);
    inputs.push({
      title: `realistic: CPython 3.13's stdlib paths, fresh strings as a build makes and reads them`,
      sources: () => freshRound(root, files),
      caches: () => freshRound(root, cacheFiles),
      python: true,
      floor: floorFunctions(target.cacheTag + '.pyc'),
    });
    inputs.push({
      title: `the same, absolute ones straight from path.join (not yet flattened: V8 does it in our call)`,
      sources: () => freshRound(root, files, { flatten: false }),
      caches: () => freshRound(root, cacheFiles, { flatten: false }),
      python: false, // CPython's strings are the same either way: compare with its figure above
    });
  } else log('CPython 3.13 (pyenv 3.13.0) not found: no realistic list, and JavaScript numbers only');
  // The short list repeated to about the same number of calls per round (short strings are flat copies anyway).
  const short = Array.from({ length: 3452 }, (_, i) => SHORT[i & 3]);
  const shortCaches = short.map(cache);
  inputs.push({
    title: 'one short path repeated (best case)',
    sources: () => short.map((p) => p.slice(0, p.length >> 1) + p.slice(p.length >> 1)),
    caches: () => shortCaches.map((p) => p.slice(0, p.length >> 1) + p.slice(p.length >> 1)),
    python: true,
  });
  const rounds = 40;
  const pyRounds = 25;
  for (const input of inputs) {
    const sample = input.sources();
    log(`${input.title}: ${sample.length} paths a round, median ns/call (min-max over ${rounds} rounds)`);
    const cases = [
      ['cacheFromSource', cache, input.sources, 'cache_from_source'],
      ['sourceFromCache', (p) => sourceFromCache(p, { target }), input.caches, 'source_from_cache'],
    ];
    for (const [name, fn, make, pyName] of cases) {
      const js = jsRounds(fn, make, rounds);
      if (!py || !input.python) {
        log(`  ${name.padEnd(16)} ${fmt(js)}`);
        continue;
      }
      const cp = pythonRounds(py.python, pyName, make(), pyRounds);
      const ratio = (cp.median / js.median).toFixed(1);
      log(
        `  ${name.padEnd(16)} ${fmt(js)}   CPython 3.13 ${fmt(cp)}   ${ratio}x CPython's speed by medians, ${(cp.min / js.min).toFixed(1)}x by best rounds (target >= 30x)`,
      );
      if (input.floor) {
        const floor = input.floor[name];
        for (const path of make()) {
          if (floor(path) !== fn(path)) throw new Error(`the ${name} floor differs from ${name} on ${path}`);
        }
        const f = jsRounds(floor, make, rounds);
        log(
          `    its floor (find the last '/', slice, concatenate; no checks) ${fmt(f)}   ${(cp.median / f.median).toFixed(1)}x by medians, ${(cp.min / f.min).toFixed(1)}x by best rounds: the most any code reaches on these strings`,
        );
      }
    }
  }
  const index = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
  const entry = `export { cacheFromSource, sourceFromCache, pythonTarget, readPycHeader, writePycHeader, sourceHash, versionForMagic, magicNumberFor, MAGIC_NUMBER } from ${JSON.stringify(index)};`;
  const core = await bundleSize(entry);
  const tables = await bundleSize(
    `export * from ${JSON.stringify(fileURLToPath(new URL('../dist/src/unicode-tables.js', import.meta.url)))};`,
  );
  log(`core (paths, targets, headers, source hash), minified: ${core.min} B, gzip ${core.gz} B`);
  log(
    `  of which the Unicode tables (isalnum/isprintable for 3.6-3.15): gzip ${tables.gz} B; without them: gzip ~${core.gz - tables.gz} B (target < 4 KB)`,
  );
  log('  what each module adds to the gzip total (leaving it out of the minified bundle):');
  for (const [name, bytes] of await moduleShares(entry)) log(`    ${name.padEnd(20)} ${String(bytes).padStart(5)} B`);
}
