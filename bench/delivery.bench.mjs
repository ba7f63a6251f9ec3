// Delivery of a real package (pygments from the machine's dist-packages, 300 modules) to Pyodide 3.14 in Node,
// over loopback HTTP, each round a fresh Pyodide, variants alternating, median of ROUNDS:
//   (P) today's build: every module, per-file sources and .pyc (emitSources + precompile), loadPython per file;
//   (N) entries: ['app'] + archive + precompile, loadPython fetching one archive while Pyodide boots.
// Printed: time from the loadPython call to the app's first result, the Python part's requests and bytes, and
// the modules the app's imports compiled (target 0). Run after `npm run build`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIST = new URL('../dist/', import.meta.url);
const PYGMENTS = '/usr/lib/python3/dist-packages/pygments';
const ROUNDS = 5;
const APP = `from pygments import highlight\nfrom pygments.lexers import PythonLexer\nfrom pygments.formatters import HtmlFormatter\n\n\ndef main():\n    return highlight('def f(x):\\n    return x + 1\\n', PythonLexer(), HtmlFormatter())\n`;
const REGISTRY = ['pygments.lexers.python', 'pygments.formatters.html', 'pygments.styles.default'];

export default async function run({ log = console.log } = {}) {
  if (!existsSync(PYGMENTS)) {
    log(`delivery: ${PYGMENTS} not found; nothing measured`);
    return;
  }
  const { build, createLogger } = await import('vite');
  const pycache = (await import(new URL('plugins/vite.js', DIST).href)).default;
  const { loadPython } = await import(new URL('src/pyodide/index.js', DIST).href);
  const project = mkdtempSync(join(tmpdir(), 'pycache-delivery-bench-'));
  try {
    cpSync(PYGMENTS, join(project, 'py/pygments'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
    writeFileSync(join(project, 'py/app.py'), APP);
    writeFileSync(join(project, 'main.js'), 'export default 1;\n');
    const variants = {
      P: {
        roots: ['py'],
        include: ['py/**/*.py'],
        emitSources: true,
        precompile: true,
        manifest: 'py/pycache-manifest.json',
      },
      N: { roots: ['py'], entries: ['app'], include: REGISTRY, precompile: true, manifest: 'py/pycache-manifest.json' },
    };
    for (const [name, options] of Object.entries(variants)) {
      const logger = createLogger('silent');
      const started = performance.now();
      // P: every module must enter the bundle, so JS imports them all (the documented eager glob).
      const main =
        name === 'P' ? 'export default import.meta.glob("./py/**/*.py", { eager: true });\n' : 'export default 1;\n';
      writeFileSync(join(project, `main-${name}.js`), main);
      await build({
        root: project,
        configFile: false,
        customLogger: logger,
        logLevel: 'silent',
        plugins: [pycache({ python: '3.14', ...options })],
        build: {
          outDir: join(project, `dist-${name}`),
          emptyOutDir: true,
          minify: false,
          lib: { entry: join(project, `main-${name}.js`), formats: ['es'], fileName: 'main' },
        },
      });
      log(`${name}: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const server = createServer((req, res) => {
      const path = join(project, decodeURIComponent((req.url ?? '/').split('?')[0]));
      if (!path.startsWith(project) || !existsSync(path) || !statSync(path).isFile()) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.end(readFileSync(path));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${server.address().port}/`;
    const results = { P: [], N: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? ['N', 'P'] : ['P', 'N']) {
        let requests = 0;
        let bytes = 0;
        const countingFetch = async (url) => {
          const response = await fetch(url);
          const body = await response.arrayBuffer();
          requests++;
          bytes += body.byteLength;
          return { ok: response.ok, status: response.status, headers: response.headers, arrayBuffer: async () => body };
        };
        let installed;
        const started = performance.now();
        const pyodide = await loadPython(`${base}dist-${name}/py/pycache-manifest.json`, {
          fetch: countingFetch,
          pyodideOptions: { stdout: () => {}, stderr: () => {} },
          onInstalled: (r) => {
            installed = r;
          },
        });
        const answer = JSON.parse(
          pyodide.runPython(`
import sys, json
compiled = []
sys.addaudithook(lambda event, args: event == 'compile' and compiled.append(str(args[1])))
import app
html = app.main()
json.dumps({'ok': '<span class="k">def</span>' in html, 'compiled': len([c for c in compiled if c.startswith('/home/pyodide/')])})`),
        );
        const total = performance.now() - started;
        if (!answer.ok) throw new Error(`${name}: wrong result`);
        results[name].push({
          total,
          pyodide: installed.timings.pyodide,
          install: installed.timings.installed - installed.timings.fetched,
          requests,
          bytes,
          modules: installed.modules.length,
          compiled: answer.compiled,
        });
      }
    }
    server.close();
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    for (const name of ['P', 'N']) {
      const r = results[name];
      log(
        `${name}: first result ${median(r.map((x) => x.total)).toFixed(0)} ms (Pyodide boot ${median(r.map((x) => x.pyodide)).toFixed(0)} ms, install after boot ${median(r.map((x) => x.install)).toFixed(0)} ms); ` +
          `${r[0].modules} modules, ${r[0].requests} requests, ${(r[0].bytes / 1e6).toFixed(2)} MB; bundled modules compiled in Pyodide: ${r[0].compiled}`,
      );
    }
    const ratios = results.P.map((p, i) => p.total / results.N[i].total);
    log(`P / N first result (median of per-round ratios): ${median(ratios).toFixed(2)}x`);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
