// Imports in Pyodide (3.14, in Node) from sources vs from precompiled bytecode, same process.
// The package: the stdlib's email, json, http and urllib sources (read from Pyodide's own stdlib zip),
// copied as user code under other top-level names (imports rewritten), about 220 modules per set.
// Each round installs a fresh source-only set and a fresh bytecode set (new names, so nothing is cached)
// and imports every module of each; the stdlib modules they depend on are imported first by a warm-up.
// Also measured: installModules' writes, and precompile's build time. Run after `npm run build`.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const DIST = new URL('../dist/', import.meta.url);
const PACKAGES = ['email', 'json', 'http', 'urllib'];
const COPIES = 5;
const ROUNDS = 3;

export default async function run({ log = console.log } = {}) {
  const { loadPyodide } = await import('pyodide');
  const { installModules } = await import(new URL('src/pyodide/index.js', DIST).href);
  const { precompile } = await import(new URL('plugins/precompile/index.js', DIST).href);
  const { buildManifest, cachePathsFor } = await import(new URL('plugins/common/manifest.js', DIST).href);
  const { moduleNameFor } = await import(new URL('plugins/common/python-roots.js', DIST).href);
  const { pythonTarget } = await import(new URL('src/index.js', DIST).href);

  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  const target = pythonTarget('3.14');
  const stdlib = readStdlib(pyodide);
  log(`pyodide imports: ${stdlib.length} stdlib files of ${PACKAGES.join(', ')} × ${COPIES} copies per set`);

  // Warm-up: the real stdlib packages, so every dependency outside the copies is already imported.
  pyodide.runPython(
    `import importlib\nfor _n in ${JSON.stringify(stdlib.map((f) => moduleNameFor(f.source)))}:\n    importlib.import_module(_n)`,
  );

  const makeSet = (tag) => {
    const files = [];
    for (let copy = 0; copy < COPIES; copy++) {
      const rename = Object.fromEntries(PACKAGES.map((name) => [name, `bench_${tag}_${copy}_${name}`]));
      for (const file of stdlib) {
        const [top, ...rest] = file.source.split('/');
        files.push({ source: [rename[top], ...rest].join('/'), bytes: renameImports(file.bytes, rename) });
      }
    }
    const manifest = buildManifest(
      target,
      files.map((f) => ({
        module: moduleNameFor(f.source),
        source: f.source,
        cache: cachePathsFor(f.source, target, [0]),
        encoding: 'utf-8',
        size: f.bytes.byteLength,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
      })),
    );
    return { files, manifest, map: new Map(files.map((f) => [f.source, f.bytes])) };
  };

  const results = { source: [], bytecode: [], install: [], installBytecode: [], installUnverified: [] };
  let compileMs = 0;
  let modules = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const sourceSet = makeSet(`s${round}`);
    const bytecodeSet = makeSet(`b${round}`);
    modules = sourceSet.manifest.modules.length;
    const t0 = performance.now();
    const pycs = await precompile({
      modules: bytecodeSet.manifest.modules.map((m) => ({ ...m, bytes: bytecodeSet.map.get(m.source) })),
      target,
    });
    compileMs = performance.now() - t0;
    for (const [path, bytes] of pycs) bytecodeSet.map.set(path, bytes);
    // A build with precompile says so in its manifest, with each .pyc's size and SHA-256.
    bytecodeSet.manifest = buildManifest(target, bytecodeSet.manifest.modules, {
      invalidationMode: 'checked-hash',
      files: pycs,
    });

    const t1 = performance.now();
    await installModules(pyodide, sourceSet.manifest, { files: sourceSet.map, root: '/bench', bytecode: false });
    const t2 = performance.now();
    const installed = await installModules(pyodide, bytecodeSet.manifest, {
      files: bytecodeSet.map,
      root: '/bench',
      bytecode: true,
    });
    const t3 = performance.now();
    if (installed.bytecodeFiles !== modules)
      throw new Error(`expected ${modules} .pyc files, installed ${installed.bytecodeFiles}`);
    results.install.push(t2 - t1);
    results.installBytecode.push(t3 - t2);
    const t4 = performance.now();
    await installModules(pyodide, bytecodeSet.manifest, {
      files: bytecodeSet.map,
      root: '/bench-unverified',
      bytecode: true,
      verify: false,
    });
    results.installUnverified.push(performance.now() - t4);

    // Alternate which set goes first, so neither always runs on a colder interpreter.
    const order =
      round % 2 === 0
        ? [
            ['source', sourceSet],
            ['bytecode', bytecodeSet],
          ]
        : [
            ['bytecode', bytecodeSet],
            ['source', sourceSet],
          ];
    for (const [kind, set] of order) {
      const { ms, compiled } = importAll(
        pyodide,
        set.manifest.modules.map((m) => m.module),
      );
      // The comparison is only fair if each set took the path it claims.
      const expected = kind === 'source' ? modules : 0;
      if (compiled !== expected)
        throw new Error(`${kind} set: ${compiled} modules compiled at import, expected ${expected}`);
      results[kind].push(ms);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const source = median(results.source);
  const bytecode = median(results.bytecode);
  log(
    `pyodide imports: ${modules} modules from sources  ${source.toFixed(1)} ms (median of ${ROUNDS}: ${results.source.map((x) => x.toFixed(0)).join(', ')})`,
  );
  log(
    `pyodide imports: ${modules} modules from .pyc     ${bytecode.toFixed(1)} ms (median of ${ROUNDS}: ${results.bytecode.map((x) => x.toFixed(0)).join(', ')})`,
  );
  log(`pyodide imports: bytecode is ${(source / bytecode).toFixed(2)}x faster (target >= 1.5x)`);
  log(
    `pyodide install: ${modules} sources ${median(results.install).toFixed(1)} ms; sources + ${modules} .pyc ${median(results.installBytecode).toFixed(1)} ms (installModules, files map; verified: SHA-256 of every file, .pyc source hashes, marshal of every .pyc body); unverified ${median(results.installUnverified).toFixed(1)} ms`,
  );
  log(
    `pyodide precompile: ${modules} modules compiled by the target interpreter in ${compileMs.toFixed(0)} ms (last round; interpreter already loaded)`,
  );
  return { modules, sourceMs: source, bytecodeMs: bytecode, ratio: source / bytecode };
}

/**
 * Imports every module; returns the wall time in ms (measured inside Python) and how many sources the
 * import system compiled meanwhile (calls of `SourceLoader.source_to_code`, counted through a wrapper).
 */
function importAll(pyodide, names) {
  return JSON.parse(
    pyodide.runPython(`
import importlib, importlib._bootstrap_external as _be, json, time
_compiled = [0]
_original = _be.SourceLoader.source_to_code
def _counting(self, *args, **kwargs):
    _compiled[0] += 1
    return _original(self, *args, **kwargs)
_be.SourceLoader.source_to_code = _counting
try:
    _t = time.perf_counter()
    for _n in ${JSON.stringify(names)}:
        importlib.import_module(_n)
    _ms = (time.perf_counter() - _t) * 1000
finally:
    _be.SourceLoader.source_to_code = _original
json.dumps({'ms': _ms, 'compiled': _compiled[0]})
`),
  );
}

/** The .py files of PACKAGES (no __main__) from the interpreter's own stdlib zip, as `{ source, bytes }`. */
function readStdlib(pyodide) {
  const listing = JSON.parse(
    pyodide.runPython(`
import json, sys, zipfile
_zip = next(p for p in sys.path if p.endswith('.zip'))
with zipfile.ZipFile(_zip) as _z:
    _names = sorted(n for n in _z.namelist() if n.split('/')[0] in ${JSON.stringify(PACKAGES)} and n.endswith('.py') and not n.endswith('__main__.py'))
    for _n in _names:
        _data = _z.read(_n)
        _path = '/tmp/bench-stdlib/' + _n
        import os
        os.makedirs(os.path.dirname(_path), exist_ok=True)
        with open(_path, 'wb') as _f:
            _f.write(_data)
json.dumps(_names)`),
  );
  return listing.map((source) => ({ source, bytes: pyodide.FS.readFile(`/tmp/bench-stdlib/${source}`) }));
}

/** Points absolute imports of the renamed top-level packages at their copies (byte-exact otherwise). */
function renameImports(bytes, rename) {
  const text = Buffer.from(bytes).toString('latin1');
  const names = Object.keys(rename).join('|');
  const re = new RegExp(`(?<![\\w.])(${names})(?=\\.[A-Za-z_]|\\s+import\\b|\\s*$|\\s*,|\\s+as\\b)`, 'gm');
  return new Uint8Array(
    Buffer.from(
      text.replace(re, (name) => rename[name]),
      'latin1',
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run({ log: console.log });
}
