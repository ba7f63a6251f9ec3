// A real third-party package from the machine's dist-packages (pygments, 299 modules) built with `entries` by
// Vite: the build keeps what the app's imports reach (plus the lexer/formatter/style registries' dynamic
// imports, named in `include`), and in Pyodide in Node every module the app imports comes from its .pyc:
// no `compile` audit event for a bundled file.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, createLogger } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest } from '../../plugins/vite.js';
import { loadPython } from '../../src/pyodide/index.js';
import type { LoadPythonResult } from '../../src/pyodide/index.js';

const PYGMENTS = '/usr/lib/python3/dist-packages/pygments';
const APP = `from pygments import highlight
from pygments.lexers import PythonLexer
from pygments.formatters import HtmlFormatter


def main():
    return highlight('def f(x):\\n    return x + 1\\n', PythonLexer(), HtmlFormatter())
`;

let project: string | undefined;
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe.skipIf(!existsSync(PYGMENTS))('pygments from dist-packages, built with entries', () => {
  it('keeps what the app reaches, and imports it all from .pyc in Pyodide', async () => {
    project = mkdtempSync(join(tmpdir(), 'pycache-pygments-'));
    cpSync(PYGMENTS, join(project, 'py/pygments'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
    writeFileSync(join(project, 'py/app.py'), APP);
    writeFileSync(join(project, 'main.js'), 'export default 1;\n');
    const info: string[] = [];
    const logger = createLogger('info');
    logger.info = (msg) => void info.push(msg);
    logger.warn = (msg) => void info.push(`WARN ${msg}`);
    await build({
      root: project,
      configFile: false,
      customLogger: logger,
      logLevel: 'info',
      plugins: [
        pycache({
          python: '3.14',
          roots: ['py'],
          entries: ['app'],
          precompile: true,
          manifest: 'py/pycache-manifest.json',
          // What the registries import by computed name (pygments.lexers._mapping, formatters, styles).
          include: ['pygments.lexers.python', 'pygments.formatters.html', 'pygments.styles.default'],
        }),
      ],
      build: {
        outDir: join(project, 'dist'),
        emptyOutDir: true,
        minify: false,
        lib: { entry: join(project, 'main.js'), formats: ['es'], fileName: 'main' },
      },
    });
    const summary = info.find((l) => l.includes('pycache: entries app:'))?.replace(/^.*?pycache: /, 'pycache: ');
    console.log(summary);
    console.log(info.filter((l) => l.startsWith('WARN') && l.includes('pycache')).join('\n'));
    const manifest = JSON.parse(
      readFileSync(join(project, 'dist/py/pycache-manifest.json'), 'utf8'),
    ) as PycacheManifest;
    let result: LoadPythonResult | undefined;
    const t0 = performance.now();
    const pyodide = await loadPython(pathToFileURL(join(project, 'dist/py/pycache-manifest.json')), {
      fetch: async (url) => {
        const bytes = readFileSync(new URL(url));
        return {
          ok: true,
          status: 200,
          arrayBuffer: async () =>
            bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        };
      },
      pyodideOptions: { stdout: () => {}, stderr: () => {} },
      onInstalled: (r) => {
        result = r;
      },
    });
    console.log(
      `loadPython ${Math.round(performance.now() - t0)} ms`,
      result?.timings,
      `${result?.modules.length} modules, ${result?.bytes} bytes, ${result?.requests} requests, archive ${manifest.archive?.size} bytes`,
    );
    const answer = JSON.parse(
      pyodide.runPython(`
import sys, json, time
compiled = []
sys.addaudithook(lambda event, args: event == 'compile' and compiled.append(str(args[1])))
t = time.perf_counter()
import app
html = app.main()
ms = (time.perf_counter() - t) * 1000
ours = sorted(n for n, m in sys.modules.items() if getattr(m, '__file__', None) and m.__file__.startswith('/home/pyodide/'))
json.dumps({'compiled': [c for c in compiled if c.startswith('/home/pyodide')], 'imported': ours, 'html': html, 'ms': ms,
            'fromPyc': [n for n in ours if sys.modules[n].__spec__.cached and sys.modules[n].__spec__.cached.endswith('.pyc')]})
`) as string,
    ) as { compiled: string[]; imported: string[]; html: string; ms: number; fromPyc: string[] };
    console.log(`import app + main(): ${answer.ms.toFixed(0)} ms, ${answer.imported.length} bundled modules imported`);
    expect(answer.html).toContain('<span class="k">def</span>');
    expect(answer.compiled).toEqual([]);
    expect(answer.imported.length).toBeGreaterThan(10);
    expect(answer.fromPyc).toEqual(answer.imported);
    expect(summary).toMatch(/^pycache: entries app: kept \d+ modules .* left out \d+ modules/);
    expect(manifest.modules.length).toBeLessThan(100);
  }, 600_000);
});
