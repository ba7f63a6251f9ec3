// Issue 2's numbers: nanoseconds per call of cacheFromSource / sourceFromCache against CPython 3.13's own
// importlib.util functions (python -m timeit in a child process, same machine, same run), and the
// minified + gzipped size of the core's path/target/header code as a browser would load it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cacheFromSource, pythonTarget, sourceFromCache } from '../dist/src/index.js';
import { bundleSize, moduleShares } from './bundle-size.mjs';

const PATHS = ['/usr/lib/python3.12/json/decoder.py', 'pkg/sub/mod.py', '/srv/app/__init__.py', 'x.py'];
const CACHES = PATHS.map((p) => cacheFromSource(p, { target: '3.13' }));

function nsPerCall(fn, inputs) {
  const rounds = 40;
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const n = 50_000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += fn(inputs[i & 3]).length;
    const ns = Number(process.hrtime.bigint() - t0) / n;
    best = Math.min(best, ns);
  }
  if (sink === 0) throw new Error('unreachable');
  return best;
}

function cpythonNs(python, stmt) {
  const setup = `import importlib.util as u; P=${JSON.stringify(PATHS)}; C=[u.cache_from_source(p) for p in P]`;
  const out = execFileSync(python, ['-m', 'timeit', '-r', '9', '-s', setup, stmt], { encoding: 'utf8' });
  // "200000 loops, best of 5: 1.23 usec per loop"
  const m = /best of \d+: ([\d.]+) (nsec|usec|msec) per loop/.exec(out);
  const scale = { nsec: 1, usec: 1e3, msec: 1e6 }[m[2]];
  return (Number(m[1]) * scale) / 4;
}

export default async function run({ log }) {
  const target = pythonTarget('3.13');
  const js = {
    cacheFromSource: nsPerCall((p) => cacheFromSource(p, { target }), PATHS),
    sourceFromCache: nsPerCall((p) => sourceFromCache(p, { target }), CACHES),
  };
  let python;
  try {
    python = `${execFileSync('pyenv', ['prefix', '3.13.0'], { encoding: 'utf8' }).trim()}/bin/python3`;
  } catch {
    log('CPython 3.13 (pyenv) not found: JavaScript numbers only');
  }
  for (const [name, ns] of Object.entries(js)) {
    if (python) {
      const py = cpythonNs(python, name === 'cacheFromSource' ? '[u.cache_from_source(p) for p in P]' : '[u.source_from_cache(c) for c in C]');
      log(`${name.padEnd(16)} ${ns.toFixed(0).padStart(5)} ns/call   CPython 3.13 ${py.toFixed(0).padStart(5)} ns/call   ${(py / ns).toFixed(1)}x CPython's speed (target >= 20x)`);
    } else {
      log(`${name.padEnd(16)} ${ns.toFixed(0)} ns/call`);
    }
  }
  const index = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
  const entry = `export { cacheFromSource, sourceFromCache, pythonTarget, readPycHeader, writePycHeader, sourceHash, versionForMagic, magicNumberFor, MAGIC_NUMBER } from ${JSON.stringify(index)};`;
  const core = await bundleSize(entry);
  const tables = await bundleSize(`export * from ${JSON.stringify(fileURLToPath(new URL('../dist/src/unicode-tables.js', import.meta.url)))};`);
  log(`core (paths, targets, headers, source hash), minified: ${core.min} B, gzip ${core.gz} B`);
  log(`  of which the Unicode tables (isalnum/isprintable for 3.6-3.15): gzip ${tables.gz} B; without them: gzip ~${core.gz - tables.gz} B (target < 4 KB)`);
  log('  what each module adds to the gzip total (leaving it out of the minified bundle):');
  for (const [name, bytes] of await moduleShares(entry)) log(`    ${name.padEnd(20)} ${String(bytes).padStart(5)} B`);
}
