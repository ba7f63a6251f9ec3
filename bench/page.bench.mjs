// Time to the first Python result in a real page: headless Chromium (/usr/bin/chromium through playwright-core),
// a loopback HTTP server that gzips what it sends when the browser accepts it, cold cache (a fresh browser context
// per run), variants alternating, median of ROUNDS (PYCACHE_BENCH_ROUNDS, default 5). The package is the real
// pygments from the machine's dist-packages; the app highlights a snippet (as bench/delivery.bench.mjs).
//   (F) the floor: a bare page loads Pyodide from the same local files and runs `1+1`;
//   (W) pygments as a pure-Python wheel (built here) through `pyodide.loadPackage(url)`;
//   (P) today's per-file delivery: every module, sources and .pyc (emitSources + precompile), installed file by file;
//   (N) the new build (entries, stdlib, archive, pyodide, precompile): `loadPython(manifestUrl)`, one call.
// Printed per variant: median time from navigation to the first result, overhead over F, requests and gzip bytes
// (the Python part apart from Pyodide's runtime files), modules compiled in the page; the median of per-round N/F
// ratios; N's build time cold (empty bytecode cache) and warm (one module changed). Run after `npm run build`:
// `node bench/run.mjs page`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, CHROMIUM_ARGS, CONTENT_TYPES } from '../scripts/example-app.mjs';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(PROJECT, 'dist');
const PYGMENTS = '/usr/lib/python3/dist-packages/pygments';
const ROUNDS = Math.max(1, Number(process.env.PYCACHE_BENCH_ROUNDS ?? 5) || 5);
const APP = `from pygments import highlight\nfrom pygments.lexers import PythonLexer\nfrom pygments.formatters import HtmlFormatter\n\n\ndef main():\n    return highlight('def f(x):\\n    return x + 1\\n', PythonLexer(), HtmlFormatter())\n`;
// What pygments looks up by name at run time (its lexer and formatter registries): static analysis cannot see it.
const REGISTRY = ['pygments.lexers.python', 'pygments.formatters.html', 'pygments.styles.default'];
const VARIANTS = ['F', 'W', 'P', 'N'];
const STDLIB = process.env.PYCACHE_BENCH_STDLIB ? JSON.parse(process.env.PYCACHE_BENCH_STDLIB) : true;

// Compiles are counted from the earliest point Python code of ours can run: a sitecustomize.py written by
// loadPyodide's `fsInit` (before the interpreter starts) installs a `compile` audit hook when `site` imports it.
// Before that, the interpreter has imported its frozen modules (never compiled: built into the runtime) and a
// few from the stdlib zip (`encodings` and its codecs): no hook can see those, so they are judged after the fact
// by the file zipimport loaded them from (`__file__` is the `.pyc` it read, else the `.py` it compiled).
// Compiles of strings (`runPython`'s own code, `<exec>`) are not module compiles and are not counted.
const SITECUSTOMIZE = `import sys
compiled = []
def _hook(event, args):
    if event == 'compile' and isinstance(args[1], str) and args[1].endswith('.py'):
        compiled.append(args[1])
sys.addaudithook(_hook)
`;
const COUNT_COMPILED = `
import sys, json, sitecustomize
zip_prefix = '/lib/python%d%d.zip/' % sys.version_info[:2]
before_hook = [m.__file__ for m in list(sys.modules.values())
               if (getattr(m, '__file__', None) or '').startswith(zip_prefix) and m.__file__.endswith('.py')
               and getattr(m.__spec__, 'origin', None) != 'frozen']
json.dumps(sorted(set(before_hook) | set(sitecustomize.compiled)))
`;

/** The page of one variant: it sets window.__result = { t, ok, compiled } (t: ms since navigation). */
function page(variant, { wheel } = {}) {
  const fsInit = `(FS, { sitePackages }) => FS.writeFile(sitePackages + '/sitecustomize.py', ${JSON.stringify(SITECUSTOMIZE)})`;
  const finish = `
  const t = performance.now();
  window.__result = { t, ok, compiled: JSON.parse(pyodide.runPython(${JSON.stringify(COUNT_COMPILED)})), phases: typeof phases === 'undefined' ? null : phases };
  document.body.dataset.status = 'done';`;
  const check = `const ok = html.includes('<span class="k">def</span>');`;
  const body = {
    F: `const { loadPyodide } = await import('/pyodide/pyodide.mjs');
  const pyodide = await loadPyodide({ indexURL: '/pyodide/', fsInit: ${fsInit} });
  const ok = pyodide.runPython('1+1') === 2;`,
    W: `const { loadPyodide } = await import('/pyodide/pyodide.mjs');
  const pyodide = await loadPyodide({ indexURL: '/pyodide/', fsInit: ${fsInit} });
  await pyodide.loadPackage(new URL(${JSON.stringify(`/w/${wheel}`)}, location.href).href, { messageCallback: () => {} });
  pyodide.runPython(${JSON.stringify(`${APP}\nhtml = main()`)});
  const html = pyodide.globals.get('html');
  ${check}`,
    P: `const { loadPython } = await import('/p/main.mjs');
  const pyodide = await loadPython('/p/py/pycache-manifest.json', { indexURL: '/pyodide/', pyodideOptions: { fsInit: ${fsInit} } });
  const html = pyodide.runPython('import app; app.main()');
  ${check}`,
    N: `const { loadPython } = await import('/n/main.mjs');
  const called = performance.now();
  let phases;
  const pyodide = await loadPython('/n/py/pycache-manifest.json', {
    pyodideOptions: { fsInit: ${fsInit} },
    onInstalled: (r) => { phases = { called, ...r.timings }; },
  });
  const html = pyodide.runPython('import app; app.main()');
  ${check}`,
  }[variant];
  return `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body data-status="loading"><script type="module">
try {
  ${body}
  ${finish}
} catch (error) {
  window.__result = { error: String(error && error.stack || error) };
  document.body.dataset.status = 'error';
}
</script>`;
}

export default async function run({ log = console.log } = {}) {
  if (!existsSync(PYGMENTS) || !existsSync(CHROMIUM)) {
    log(`page: ${existsSync(PYGMENTS) ? CHROMIUM : PYGMENTS} not found; nothing measured`);
    return;
  }
  const project = mkdtempSync(join(tmpdir(), 'pycache-page-bench-'));
  // A cold bytecode cache for N's first build; the warm rebuild and P's build then use it.
  process.env.PYCACHE_KIT_CACHE_DIR = join(project, 'cache');
  const pyodideDir = dirname(createRequire(join(PROJECT, 'package.json')).resolve('pyodide/package.json'));
  let server;
  let browser;
  try {
    cpSync(PYGMENTS, join(project, 'py/pygments'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
    writeFileSync(join(project, 'py/app.py'), APP);
    writeFileSync(join(project, 'package.json'), '{"name":"page-bench","private":true}\n');

    // --- builds ---
    const nOptions = {
      roots: ['py'],
      entries: ['app'],
      include: REGISTRY,
      // The option's defaults (deflated entries): measured here, 1,277 ms for N against 1,458 ms with stored entries
      // (smaller over gzip, but 11 MB for Pyodide to copy into its file system).
      // PYCACHE_BENCH_STDLIB='{"compression":"stored"}' or '{"sources":false}' (say) measures another form.
      stdlib: STDLIB,
      pyodide: true,
      precompile: true,
      manifest: 'py/pycache-manifest.json',
    };
    // The page's JS is what an app ships: loadPython bundled into the build's one chunk.
    const loader = `export { loadPython } from ${JSON.stringify(join(DIST, 'src/pyodide/index.js'))};\n`;
    const cold = await viteBuild(project, 'n', nOptions, loader);
    writeFileSync(join(project, 'py/app.py'), `${APP}\n# changed\n`);
    const warm = await viteBuild(project, 'n', nOptions, loader);
    log(`N: entries, stdlib ${JSON.stringify(STDLIB)}, archive, pyodide, precompile`);
    log(`N build cold (empty cache): ${(cold.ms / 1000).toFixed(1)} s`);
    for (const line of cold.lines) log(`    ${line}`);
    log(`N build warm (app.py changed): ${(warm.ms / 1000).toFixed(1)} s`);
    for (const line of warm.lines) log(`    ${line}`);
    const p = await viteBuild(
      project,
      'p',
      {
        roots: ['py'],
        include: ['py/**/*.py'],
        emitSources: true,
        precompile: true,
        manifest: 'py/pycache-manifest.json',
      },
      // Today every module must enter the bundle through JS (the documented glob).
      `${loader}export default import.meta.glob("./py/**/*.py", { eager: true, import: "sourcePath" });\n`,
    );
    log(`P build: ${(p.ms / 1000).toFixed(1)} s`);
    const wheel = buildWheel(project);

    // --- server ---
    const routes = [
      ['/pyodide/', pyodideDir],
      ['/n/', join(project, 'dist-n')],
      ['/p/', join(project, 'dist-p')],
      ['/w/', join(project, 'wheel')],
    ];
    const pages = Object.fromEntries(VARIANTS.map((v) => [`/${v}.html`, page(v, { wheel })]));
    const gz = new Map();
    let counted = [];
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let body;
      let type = 'text/html; charset=utf-8';
      if (Object.hasOwn(pages, path)) body = Buffer.from(pages[path]);
      else {
        const route = routes.find(([prefix]) => path.startsWith(prefix));
        const file = route && normalize(join(route[1], path.slice(route[0].length)));
        if (!route || !file.startsWith(normalize(route[1] + sep)) || !existsSync(file) || !statSync(file).isFile()) {
          counted.push({ path, bytes: 0, status: 404 });
          res.writeHead(404).end();
          return;
        }
        body = readFileSync(file);
        type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      }
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const key = `${path}:${body.length}`;
        if (!gz.has(key)) gz.set(key, gzipSync(body, { level: 6 }));
        body = gz.get(key);
        headers['Content-Encoding'] = 'gzip';
      }
      counted.push({ path, bytes: body.length, status: 200 });
      res.writeHead(200, headers).end(body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;

    // --- rounds ---
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const results = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    // Round -1 is a warm-up, not counted: the server's gzip of each file and Chromium's first start happen there.
    for (let round = -1; round < ROUNDS; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + Math.max(round, 0)) % VARIANTS.length]);
      for (const variant of order) {
        counted = [];
        const context = await browser.newContext();
        try {
          const tab = await context.newPage();
          await tab.goto(`${origin}/${variant}.html`, { timeout: 300_000 });
          await tab.waitForFunction(() => globalThis.__result !== undefined, undefined, { timeout: 300_000 });
          const result = await tab.evaluate(() => globalThis.__result);
          if (!result || result.error || !result.ok)
            throw new Error(`${variant}: the page failed: ${result?.error ?? 'wrong result'}`);
          if (round >= 0) results[variant].push({ ...result, requests: counted });
        } finally {
          await context.close();
        }
      }
    }

    // --- report ---
    const median = (list) => {
      const sorted = [...list].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    const isRuntime = (path) => path.startsWith('/pyodide/') || /^\/n\/pyodide\//.test(path);
    const isPage = (path) => /^\/[A-Z]\.html$/.test(path) || /^\/[a-z]\/main\.mjs$/.test(path);
    const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
    const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
    const floor = median(results.F.map((r) => r.t));
    log(
      `\n${ROUNDS} rounds, cold cache (fresh browser context per run), gzip over loopback HTTP; Pyodide ${readPyodideVersion(pyodideDir)}`,
    );
    log(
      '| variant | first result (median, min-max) | over F | Python part: requests, gzip bytes | runtime: requests, gzip bytes (stdlib zip) | compiled in the page |',
    );
    log('|---|---|---|---|---|---|');
    for (const variant of VARIANTS) {
      const list = results[variant];
      const times = list.map((r) => r.t);
      const first = list[0].requests;
      const python = first.filter((r) => !isRuntime(r.path) && !isPage(r.path));
      const runtime = first.filter((r) => isRuntime(r.path));
      const stdlibZip = runtime.filter((r) => r.path.endsWith('/python_stdlib.zip'));
      const compiled = list.map((r) => r.compiled.length);
      log(
        `| ${variant} | ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}) | ` +
          `${variant === 'F' ? '-' : `${median(times) - floor >= 0 ? '+' : ''}${(median(times) - floor).toFixed(0)} ms`} | ` +
          `${python.length}, ${kb(sum(python))} | ${runtime.length}, ${kb(sum(runtime))} (${kb(sum(stdlibZip))}) | ` +
          `${median(compiled)}${Math.min(...compiled) !== Math.max(...compiled) ? ` (${Math.min(...compiled)}-${Math.max(...compiled)})` : ''} |`,
      );
    }
    const ratios = results.N.map((n, i) => n.t / results.F[i].t);
    log(
      `N / F (median of per-round ratios): ${median(ratios).toFixed(2)} (target <= 0.5; rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    );
    const nCompiled = results.N[0].compiled;
    if (nCompiled.length > 0)
      log(`N: compiled in the page: ${nCompiled.slice(0, 20).join(', ')}${nCompiled.length > 20 ? ' …' : ''}`);
    const fCompiled = results.F[0].compiled;
    log(
      `F: ${fCompiled.length} stdlib modules compiled by Pyodide's own startup (e.g. ${fCompiled.slice(0, 5).join(', ')})`,
    );
    const phase = (key) => median(results.N.map((r) => r.phases[key])).toFixed(0);
    log(
      `N phases (median ms since navigation): loadPython called ${phase('called')}; from the call: manifest ${phase('manifest')}, Pyodide booted ${phase('pyodide')}, archive fetched and checked ${phase('fetched')}, installed ${phase('installed')}`,
    );
    const nPython = results.N[0].requests.filter((r) => !isRuntime(r.path) && !isPage(r.path));
    log(`N: Python part requests: ${nPython.map((r) => `${r.path} ${kb(r.bytes)}`).join(', ')}`);
  } finally {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    rmSync(project, { recursive: true, force: true });
  }
}

/** A Vite build of the project's Python (the JS entry is a stub); its time and the plugin's `pycache:` lines. */
async function viteBuild(project, name, options, mainCode = 'export default 1;\n') {
  const { build, createLogger } = await import('vite');
  const pycache = (await import(join(DIST, 'plugins/vite.js'))).default;
  writeFileSync(join(project, `main-${name}.js`), mainCode);
  const lines = [];
  const logger = createLogger('info');
  logger.info = (msg) => {
    for (const line of String(msg).split('\n'))
      if (line.includes('pycache: ')) lines.push(line.trim().replace(/^\[plugin pycache-kit\] /, ''));
  };
  const started = performance.now();
  await build({
    root: project,
    configFile: false,
    customLogger: logger,
    logLevel: 'info',
    plugins: [pycache(options)],
    build: {
      outDir: join(project, `dist-${name}`),
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      lib: { entry: join(project, `main-${name}.js`), formats: ['es'], fileName: 'main' },
    },
  });
  return { ms: performance.now() - started, lines };
}

/**
 * pygments as a pure-Python wheel (what `pip wheel` would make of it): its modules, no bytecode, and a
 * `.dist-info` with METADATA, WHEEL and RECORD (each file's urlsafe-base64 SHA-256 and size). Written by the
 * system Python's zipfile, deflated as wheels are. Returns the file name.
 */
function buildWheel(project) {
  const egg = readdirSync(dirname(PYGMENTS)).find((n) => /^Pygments-.*\.(egg|dist)-info$/i.test(n));
  const version = egg
    ? egg
        .replace(/^Pygments-/i, '')
        .replace(/\.(egg|dist)-info$/, '')
        .split('.egg')[0]
    : '0';
  const name = `pygments-${version}-py3-none-any.whl`;
  const script = `
import base64, hashlib, os, sys, zipfile
src, out, version = sys.argv[1:4]
info = 'pygments-%s.dist-info' % version
files = []
for folder, dirs, names in os.walk(src):
    dirs[:] = sorted(d for d in dirs if d != '__pycache__')
    for n in sorted(names):
        if n.endswith('.pyc'):
            continue
        path = os.path.join(folder, n)
        files.append(('pygments/' + os.path.relpath(path, src).replace(os.sep, '/'), open(path, 'rb').read()))
files.append((info + '/METADATA', ('Metadata-Version: 2.1\\nName: Pygments\\nVersion: %s\\n' % version).encode()))
files.append((info + '/WHEEL', b'Wheel-Version: 1.0\\nGenerator: pycache-kit-bench\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'))
record = ''.join('%s,sha256=%s,%d\\n' % (p, base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode(), len(b)) for p, b in files)
files.append((info + '/RECORD', (record + info + '/RECORD,,\\n').encode()))
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for p, b in files:
        z.writestr(p, b)
`;
  const dir = join(project, 'wheel');
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('python3', ['-c', script, PYGMENTS, join(dir, name), version]);
  return name;
}

function readPyodideVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}
