// The `stdlib` option's archive against Pyodide's own python_stdlib.zip, in Node (`npm run build && node
// bench/run.mjs stdlib`): archive bytes (stored, deflated, gzip over the wire), build time cold and warm, and
// `loadPyodide()` + first imports, own stdlib vs the archive, alternating, each run in a fresh process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const RUNS = 5;
// A small app's stdlib imports, as its import graph gives them.
const REACHED = ['json', 'decimal', 'email.message', 'email.policy', 'datetime', 're', 'urllib.parse'];
const APP = 'import json, decimal, email.message, datetime, re, urllib.parse';

// One fresh process per run: load Pyodide (optionally from an archive), then import the app's modules;
// counts modules zipimport compiled from source (their __file__ ends in .py).
const RUN_JS = `
const [pyodideUrl, stdLibURL, app] = process.argv.slice(2);
const { loadPyodide } = await import(pyodideUrl);
const t0 = performance.now();
const py = await loadPyodide({ stdout: () => {}, stderr: () => {}, ...(stdLibURL ? { stdLibURL } : {}) });
const t1 = performance.now();
py.runPython(app);
const t2 = performance.now();
const fromSource = py.runPython("import sys, zipimport\\nlen([m for m in list(sys.modules.values()) if isinstance(getattr(m, '__loader__', None), zipimport.zipimporter) and m.__file__.endswith('.py')])");
console.log(JSON.stringify({ load: t1 - t0, imports: t2 - t1, fromSource }));
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

export default async function run({ log }) {
  const dist = new URL('../dist/plugins/', import.meta.url);
  const { buildStdlibArchive } = await import(new URL('common/stdlib-archive.js', dist));
  const { FolderBuildCache } = await import(new URL('common/build-cache.js', dist));
  const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  const dir = mkdtempSync(join(tmpdir(), 'pycache-stdlib-bench-'));
  try {
    // bench/.out/ (git-ignored) keeps the cache between runs: the first run's "cold" is the cold build.
    const cache = new FolderBuildCache(fileURLToPath(new URL('.out/stdlib-cache', import.meta.url)));
    let t = performance.now();
    const small = await buildStdlibArchive({ target: '3.14', reached: REACHED, cache });
    const cold = performance.now() - t;
    t = performance.now();
    await buildStdlibArchive({ target: '3.14', reached: REACHED, cache });
    const warm = performance.now() - t;
    log(
      `build (${small.modules.length} modules): cold ${(cold / 1000).toFixed(1)} s (${small.compile.compiled.length} compiled on ${small.compile.threads} thread(s), Pyodide probe included), warm ${(warm / 1000).toFixed(1)} s (${small.modules.length} from cache)`,
    );

    const variants = [
      [
        'Pyodide python_stdlib.zip (sources, deflated)',
        new Uint8Array(readFileSync(join(pyodideDir, 'python_stdlib.zip'))),
        559,
      ],
      ['app archive, .pyc + sources, deflated', small.bytes, small.modules.length],
      [
        'app archive, .pyc + sources, stored',
        (await buildStdlibArchive({ target: '3.14', reached: REACHED, cache, compression: 'stored' })).bytes,
        small.modules.length,
      ],
      [
        'app archive, .pyc only, deflated',
        (await buildStdlibArchive({ target: '3.14', reached: REACHED, cache, sources: false })).bytes,
        small.modules.length,
      ],
    ];
    const whole = await buildStdlibArchive({ target: '3.14', reached: [], include: ['*'], cache });
    variants.push(['whole stdlib, .pyc + sources, deflated', whole.bytes, whole.modules.length]);
    variants.push([
      'whole stdlib, .pyc + sources, stored',
      (await buildStdlibArchive({ target: '3.14', reached: [], include: ['*'], cache, compression: 'stored' })).bytes,
      whole.modules.length,
    ]);
    log('| archive | modules | bytes | gzip -9 over the wire | brotli over the wire |');
    log('|---|---|---|---|---|');
    for (const [name, bytes, modules] of variants)
      log(
        `| ${name} | ${modules} | ${kb(bytes.byteLength)} | ${kb(gzipSync(bytes, { level: 9 }).byteLength)} | ${kb(brotliCompressSync(bytes).byteLength)} |`,
      );

    const zip = join(dir, 'app_stdlib.zip');
    writeFileSync(zip, small.bytes);
    const script = join(dir, 'run.mjs');
    writeFileSync(script, RUN_JS);
    const results = { own: [], archive: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const [name, url] of [
        ['own', ''],
        ['archive', zip],
      ]) {
        const out = execFileSync(
          process.execPath,
          [script, pathToFileURL(join(pyodideDir, 'pyodide.mjs')).href, url, APP],
          { encoding: 'utf8' },
        );
        results[name].push(JSON.parse(out.trim().split('\n').pop()));
      }
    }
    for (const [name, runs] of Object.entries(results)) {
      log(
        `${name === 'own' ? "Pyodide's own stdlib" : 'app stdlib archive  '}: loadPyodide median ${median(runs.map((r) => r.load)).toFixed(0)} ms ` +
          `[${runs.map((r) => r.load.toFixed(0)).join(', ')}], then \`${APP}\` median ${median(runs.map((r) => r.imports)).toFixed(0)} ms; ` +
          `modules compiled from source: ${runs[0].fromSource}`,
      );
    }
    const ratio = median(results.own.map((r, i) => r.load / results.archive[i].load));
    log(`loadPyodide: own / archive, median of per-round ratios: ${ratio.toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
