// Nanoseconds per call of cacheFromSource / sourceFromCache against CPython 3.13's own importlib.util functions
// (a child process, same machine, same run), on two inputs:
// - a realistic list: the 3,452 paths of CPython 3.13's stdlib (1,726 files, relative and absolute), fresh strings
//   each round, built by concatenation as path.join/resolve build them, so each call also pays for flattening;
// - one short path repeated (the best case, kept for comparison with earlier notes).
// Each side prints min / median / max over its rounds (this machine has slow phases: the spread says how much the
// figure moves); the ratios are of the medians and of the best rounds. Also the minified + gzipped size of the core's path/target/header
// code as a browser would load it.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Every `.py` under `dir` (site-packages left out), sorted: relative to `dir`, then absolute. */
function stdlibPaths(dir) {
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
  const abs = walk(dir).sort();
  return [...abs.map((p) => relative(dir, p)), ...abs];
}

/** min / median / max of `values`. */
function spread(values) {
  const v = [...values].sort((a, b) => a - b);
  return { min: v[0], median: v[v.length >> 1], max: v[v.length - 1] };
}

/** ns per call of `fn` over `list`, one figure per round; the strings are made anew before each round. */
function jsRounds(fn, list, rounds) {
  const per = [];
  let sink = 0;
  for (let r = -1; r < rounds; r++) {
    // A concatenation per path, as a build's path.join makes them: a fresh, not yet flattened string.
    const items = list.map((p) => p.slice(0, p.length >> 1) + p.slice(p.length >> 1));
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
  const inputs = [];
  if (py)
    inputs.push({
      title: `realistic: CPython 3.13's stdlib paths, fresh strings`,
      paths: stdlibPaths(py.lib),
      rounds: 40,
      pyRounds: 25,
    });
  else log('CPython 3.13 (pyenv 3.13.0) not found: no realistic list, and JavaScript numbers only');
  // The short list repeated to about the same number of calls per round.
  inputs.push({
    title: 'one short path repeated (best case)',
    paths: Array.from({ length: 3452 }, (_, i) => SHORT[i & 3]),
    rounds: 40,
    pyRounds: 25,
  });
  for (const { title, paths, rounds, pyRounds } of inputs) {
    log(`${title}: ${paths.length} paths a round, median ns/call (min-max over rounds)`);
    const caches = paths.map((p) => cacheFromSource(p, { target }));
    const cases = [
      ['cacheFromSource', (p) => cacheFromSource(p, { target }), paths, 'cache_from_source'],
      ['sourceFromCache', (p) => sourceFromCache(p, { target }), caches, 'source_from_cache'],
    ];
    for (const [name, fn, list, pyName] of cases) {
      const js = jsRounds(fn, list, rounds);
      if (!py) {
        log(`  ${name.padEnd(16)} ${fmt(js)}`);
        continue;
      }
      const cp = pythonRounds(py.python, pyName, list, pyRounds);
      const ratio = (cp.median / js.median).toFixed(1);
      log(
        `  ${name.padEnd(16)} ${fmt(js)}   CPython 3.13 ${fmt(cp)}   ${ratio}x CPython's speed by medians, ${(cp.min / js.min).toFixed(1)}x by best rounds (target >= 30x)`,
      );
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
