// A real third-party package in a real page: pygments from the machine's dist-packages plus an app.py that
// highlights a snippet, built by the Vite plugin with `entries` (its import graph, plus the registries' dynamic
// imports named in `include`), `stdlib`, `pyodide`, `precompile` and the default archive; served over loopback
// HTTP and run in headless Chromium, where the page's bundled JS makes one call, `loadPython(manifestUrl)`.
// The page's answer must equal what CPython computes from the same sources; the Python part is two requests
// (manifest, archive) and Pyodide's runtime is the build's own files; and nothing compiles from source in the
// page: no bundled module, no stdlib module (Pyodide's startup included), checked by the import system's own
// steps and by `compile` audit events from a hook installed before `site` finishes.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createLogger } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest } from '../../plugins/vite.js';
import { launchChromium, PROJECT, missingPrerequisite, serveStatic } from '../../scripts/example-app.mjs';

const PYGMENTS = '/usr/lib/python3/dist-packages/pygments';
const APP = `from pygments import highlight
from pygments.lexers import PythonLexer
from pygments.formatters import HtmlFormatter


def main():
    return highlight('def f(x):\\n    return x + 1\\n', PythonLexer(), HtmlFormatter())
`;
// What pygments imports by computed name (its lexer, formatter and style registries): static analysis cannot see it.
const REGISTRY = ['pygments.lexers.python', 'pygments.formatters.html', 'pygments.styles.default'];

// The compile hook goes in at the earliest point Python code of ours can run: a sitecustomize.py, written by
// loadPyodide's `fsInit` before the interpreter starts, which `site` imports during startup. Every compile after
// that is recorded (zipimport's too: it compiles without the loader's `source_to_code`). What ran before it (the
// frozen modules, and `encodings` with its codecs from the stdlib zip) is judged from sys.modules afterwards: a
// module zipimport loaded from a .pyc has the .pyc as its `__file__`, one it compiled has the .py.
// Each event is kept as [filename, caller]: a module's compile names its source file; code made from strings
// (runPython's \`<exec>\`, namedtuple's and dataclasses' \`<string>\`, an AST's None) names none.
const SITECUSTOMIZE = `import sys
events = []
def _hook(event, args):
    if event == 'compile':
        f = sys._getframe(0).f_back
        events.append([args[1] if isinstance(args[1], str) else None, f and f.f_code.co_filename + ':' + f.f_code.co_name])
sys.addaudithook(_hook)
`;

// After loadPython, before `import app`: which path the import system took for each bundled module (a .pyc read
// by `_compile_bytecode`, or a source compiled by `SourceLoader.source_to_code`).
const TRACE = `
import sys, importlib._bootstrap_external as be
hooked_at_startup = 'sitecustomize' in sys.modules
compiled, loaded = [], []
_source_to_code, _compile_bytecode = be.SourceLoader.source_to_code, be._compile_bytecode
def source_to_code(self, data, path, *args, **kwargs):
    compiled.append(path)
    return _source_to_code(self, data, path, *args, **kwargs)
def compile_bytecode(data, name=None, bytecode_path=None, source_path=None):
    loaded.append(source_path)
    return _compile_bytecode(data, name, bytecode_path, source_path)
be.SourceLoader.source_to_code, be._compile_bytecode = source_to_code, compile_bytecode
`;

// The report, as JSON; ROOT is replaced by loadPython's install root.
const REPORT = `
import json, sys, sitecustomize
root = ROOT + '/'
zip_prefix = '/lib/python%d%d.zip/' % sys.version_info[:2]
with_file = {n: m for n, m in list(sys.modules.items()) if isinstance(getattr(m, '__file__', None), str)}
stdlib = {n: m for n, m in with_file.items() if m.__file__.startswith(zip_prefix)}
frozen = sorted(n for n, m in stdlib.items() if getattr(m.__spec__, 'origin', None) == 'frozen')
json.dumps({
    'hookedAtStartup': hooked_at_startup,
    'compileEvents': sitecustomize.events,
    'bundled': [{'module': n, 'file': m.__file__, 'cached': m.__cached__,
                 'from': 'source' if m.__file__ in compiled else 'bytecode' if m.__file__ in loaded else 'other'}
                for n, m in sorted(with_file.items()) if m.__file__.startswith(root)],
    'stdlib': {'modules': sorted(n for n in stdlib if n not in frozen), 'frozen': len(frozen),
               'fromSource': sorted(n for n, m in stdlib.items() if n not in frozen and not m.__file__.endswith('.pyc'))},
    'elsewhere': sorted('%s %s' % (n, m.__file__) for n, m in with_file.items()
                        if not m.__file__.startswith(root) and not m.__file__.startswith(zip_prefix)),
})
`;

/** The page's JS (bundled by Vite): one loadPython call, then the app, then the report in window.__report. */
const MAIN_JS = `import { loadPython } from 'pycache-kit/pyodide';

const SITECUSTOMIZE = ${JSON.stringify(SITECUSTOMIZE)};
async function main() {
  let installed;
  const pyodide = await loadPython(new URL('py/pycache-manifest.json', document.baseURI), {
    pyodideOptions: {
      fsInit: (FS, { sitePackages }) => FS.writeFile(sitePackages + '/sitecustomize.py', SITECUSTOMIZE),
    },
    onInstalled: (result) => {
      installed = result;
    },
  });
  pyodide.runPython(${JSON.stringify(TRACE)});
  const html = pyodide.runPython('import app; app.main()');
  const python = JSON.parse(pyodide.runPython(${JSON.stringify(REPORT)}.replace('ROOT', JSON.stringify(installed.root))));
  window.__report = {
    html,
    requests: installed.requests,
    archive: installed.archive && installed.archive.file,
    root: installed.root,
    bytecodeFiles: installed.bytecodeFiles,
    pyodideFrom: installed.pyodideFrom,
    timings: installed.timings,
    ...python,
  };
  document.body.dataset.status = 'done';
}
main().catch((error) => {
  window.__report = { error: String((error && error.stack) || error) };
  document.body.dataset.status = 'error';
});
`;

interface PageReport {
  error?: string;
  html: string;
  requests: number;
  archive: string | null;
  root: string;
  bytecodeFiles: number;
  pyodideFrom: { source: string; indexURL?: string; stdLibURL?: string };
  timings: Record<string, number>;
  hookedAtStartup: boolean;
  compileEvents: [filename: string | null, caller: string | null][];
  bundled: { module: string; file: string; cached: string | null; from: 'bytecode' | 'source' | 'other' }[];
  stdlib: { modules: string[]; frozen: number; fromSource: string[] };
  elsewhere: string[];
}

const missing = missingPrerequisite() ?? (existsSync(PYGMENTS) ? undefined : `${PYGMENTS} is missing`);
if (missing) console.warn(`pygments page test skipped: ${missing}`);

describe.skipIf(missing !== undefined)('pygments built with entries, in a page in Chromium', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'right HTML; manifest + archive; Pyodide from the build; every module, stdlib included, from .pyc',
    { timeout: 300_000 },
    async () => {
      const t0 = performance.now();
      const project = mkdtempSync(join(tmpdir(), 'pycache-pygments-page-'));
      dirs.push(project);
      cpSync(PYGMENTS, join(project, 'py/pygments'), {
        recursive: true,
        filter: (src) => !src.includes('__pycache__'),
      });
      writeFileSync(join(project, 'py/app.py'), APP);
      writeFileSync(
        join(project, 'index.html'),
        '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' +
          '<body data-status="loading"><script type="module" src="./main.js"></script></body>\n',
      );
      writeFileSync(join(project, 'main.js'), MAIN_JS);

      // The reference answer, from the interpreter: CPython running the same app on the same pygments sources.
      const expected = execFileSync(
        'python3',
        ['-E', '-s', '-B', '-c', 'import app, pygments, sys; sys.stdout.write(app.main())'],
        { cwd: join(project, 'py'), encoding: 'utf8' },
      );
      expect(expected).toContain('<span class="k">def</span>');

      const pycacheLines: string[] = [];
      const logger = createLogger('warn');
      const keep = (msg: string) => {
        for (const line of msg.split('\n')) if (line.includes('pycache: ')) pycacheLines.push(line.trim());
      };
      logger.info = keep;
      logger.warn = keep;
      await build({
        root: project,
        configFile: false,
        base: './',
        customLogger: logger,
        logLevel: 'info',
        plugins: [
          pycache({
            roots: ['py'],
            entries: ['app'],
            include: REGISTRY,
            stdlib: true,
            pyodide: true,
            precompile: true,
            manifest: 'py/pycache-manifest.json',
          }),
        ],
        resolve: { alias: { 'pycache-kit/pyodide': join(PROJECT, 'dist/src/pyodide/index.js') } },
        build: { outDir: join(project, 'dist'), emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
      });
      const built = performance.now();
      const out = join(project, 'dist');
      const manifest = JSON.parse(readFileSync(join(out, 'py/pycache-manifest.json'), 'utf8')) as PycacheManifest;
      if (!manifest.archive) return expect.fail('the build made no archive');
      const runtimeFiles = readdirSync(join(out, 'pyodide'));
      expect(runtimeFiles).toEqual(expect.arrayContaining(['pyodide.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip']));

      const server = await serveStatic(out);
      const { context, close: closeBrowser } = await launchChromium('pycache-pygments-chromium');
      const origin = new URL(server.url).origin;
      // Every request the page made, and the status of each answer (none: the request failed).
      const requests: string[] = [];
      const statuses = new Map<string, number>();
      context.on('request', (request) => void requests.push(request.url()));
      context.on('response', (response) => void statuses.set(response.url(), response.status()));
      const consoleLines: string[] = [];
      let report: PageReport;
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
        page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
        await page.goto(server.url, { timeout: 240_000 });
        await page.waitForSelector('body[data-status="done"], body[data-status="error"]', {
          state: 'attached',
          timeout: 240_000,
        });
        report = (await page.evaluate(() => (globalThis as { __report?: unknown }).__report)) as PageReport;
      } finally {
        await closeBrowser();
        await server.close();
      }
      const ran = performance.now();
      expect(report.error, consoleLines.join('\n')).toBeUndefined();
      console.log(
        `pygments page: build ${((built - t0) / 1000).toFixed(1)} s (${pycacheLines.filter((l) => /entries|stdlib|compiled/.test(l)).join(' | ')}); ` +
          `page ${((ran - built) / 1000).toFixed(1)} s (loadPython: ${JSON.stringify(report.timings)}); ` +
          `${report.bundled.length} bundled modules imported of ${manifest.modules.length} shipped; ` +
          `${report.stdlib.modules.length} stdlib modules (+${report.stdlib.frozen} frozen); ` +
          `${report.compileEvents.length} compile events (${report.compileEvents.filter(([name]) => name !== null && name !== '' && !/^<.*>$/.test(name)).length} naming a file); ${requests.length} requests`,
      );

      // The answer is CPython's.
      expect(report.html).toBe(expected);

      // The Python part: the manifest and the archive, nothing else; every request went to the page's own server
      // and was answered; Pyodide's runtime came from the build's pyodide/ folder, with the app's stdlib archive.
      const paths = requests.map((r) => {
        const url = new URL(r);
        return url.protocol === 'data:' ? 'data:' : url.origin === origin ? url.pathname : r;
      });
      expect(requests.filter((r) => !r.startsWith('data:') && statuses.get(r) !== 200)).toEqual([]);
      expect(paths.filter((p) => p !== 'data:' && !p.startsWith('/'))).toEqual([]);
      expect(report.requests).toBe(2);
      expect(report.archive).toBe(manifest.archive.file);
      expect(paths.filter((p) => p.startsWith('/py/')).sort()).toEqual(
        ['/py/pycache-manifest.json', `/py/${manifest.archive.file}`].sort(),
      );
      const runtime = paths.filter((p) => p.startsWith('/pyodide/')).map((p) => p.slice('/pyodide/'.length));
      expect(runtime).toEqual(expect.arrayContaining(['pyodide.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip']));
      expect(runtime.filter((name) => !runtimeFiles.includes(name))).toEqual([]);
      // The rest is the page itself: its HTML and its one bundled script.
      expect(paths.filter((p) => p !== 'data:' && !p.startsWith('/py/') && !p.startsWith('/pyodide/')).sort()).toEqual([
        '/',
        expect.stringMatching(/^\/assets\/[^/]+\.js$/),
      ]);
      expect(report.pyodideFrom).toEqual({
        source: 'manifest',
        indexURL: `${server.url}pyodide/`,
        stdLibURL: `${server.url}pyodide/python_stdlib.zip`,
      });

      // Nothing compiled from source after the hook went in, and the hook went in during startup (site imported
      // sitecustomize). Compiles of strings (runPython's own code, `<exec>`) are not module compiles.
      expect(report.hookedAtStartup).toBe(true);
      const fileCompiles = report.compileEvents.filter(
        ([name]) => name !== null && name !== '' && !/^<.*>$/.test(name),
      );
      expect(fileCompiles).toEqual([]);
      // The hook saw the compiles it should (namedtuple's, runPython's): it was listening.
      expect(report.compileEvents.length).toBeGreaterThan(0);

      // Every bundled module the app imported came from its .pyc, the one the manifest names.
      const shipped = new Map(manifest.modules.map((m) => [m.module, m]));
      expect(report.bundled.length).toBeGreaterThan(10);
      expect(report.bundled.map((m) => m.module)).toEqual(
        expect.arrayContaining(['app', 'pygments', 'pygments.lexers.python', 'pygments.formatters.html']),
      );
      for (const seen of report.bundled) {
        const entry = shipped.get(seen.module);
        expect(entry, seen.module).toBeDefined();
        expect(seen.file).toBe(`${report.root}/${entry?.source}`);
        expect(seen.cached).toBe(`${report.root}/${entry?.cache['']}`);
        expect(seen.from, seen.module).toBe('bytecode');
      }
      expect(report.bytecodeFiles).toBe(manifest.modules.length);

      // Every stdlib module Pyodide's startup and the app imported came from a .pyc of the build's stdlib archive
      // (those read before the hook included); and no module came from anywhere else but our sitecustomize.
      expect(report.stdlib.fromSource).toEqual([]);
      expect(report.stdlib.modules.length).toBeGreaterThan(50);
      expect(report.stdlib.modules).toEqual(expect.arrayContaining(['encodings', 're', '_pyodide']));
      expect(report.elsewhere).toEqual([
        expect.stringMatching(/^sitecustomize \/.*\/site-packages\/sitecustomize\.py$/),
      ]);
    },
  );
});
