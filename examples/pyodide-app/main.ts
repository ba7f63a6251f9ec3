import { acceptUpdates, installModules } from 'pycache-kit/pyodide';
import type { PycacheManifest, PyodideLike } from 'pycache-kit/pyodide';
import { pythonSources } from './python-modules.ts';

/** Where the build put the manifest, the sources and the .pyc files (vite.config.mjs, webpack.config.js). */
const PYTHON_BASE = new URL('py/', document.baseURI).href;
/** Where the build put the Pyodide runtime files, copied from the local `pyodide` package. */
const PYODIDE_BASE = new URL('pyodide/', document.baseURI).href;

interface Summary {
  labels: string[];
  total_cents: number;
  section_sign: string;
  ounces: number;
}
interface ModuleReport {
  module: string;
  file: string;
  cached: string;
  from: 'bytecode' | 'source' | 'other';
}
interface Report {
  summary: Summary;
  modules: ModuleReport[];
  manifest: {
    python: PycacheManifest['python'];
    modules: { module: string; source: string; cache: string | undefined }[];
  };
  installed: { root: string; bytecodeFiles: number; bytes: number };
  timings: { loadPyodideMs: number; installMs: number; importMs: number };
  compiledAtRunTime: string[];
  bundledTextChars: number;
}

const $ = (id: string) => document.getElementById(id)!;

// Which of the import system's two paths produced each module's code: `SourceLoader.source_to_code`
// (compiling the source now) or `_compile_bytecode` (reading a .pyc). Shown in the table below.
const TRACE_PY = `
import importlib._bootstrap_external as be, json
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

async function main(): Promise<void> {
  const t0 = performance.now();
  const { loadPyodide } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ `${PYODIDE_BASE}pyodide.mjs`)) as {
    loadPyodide(options: { indexURL: string }): Promise<
      PyodideLike & {
        runPython(code: string, options?: { globals?: unknown }): unknown;
        globals: { get(name: string): unknown };
      }
    >;
  };
  const pyodide = await loadPyodide({ indexURL: PYODIDE_BASE });
  const t1 = performance.now();
  $('status').textContent = 'Installing the bundle…';

  const manifest = (await (await fetch(`${PYTHON_BASE}pycache-manifest.json`)).json()) as PycacheManifest;
  const installed = await installModules(pyodide, manifest, { baseUrl: PYTHON_BASE });
  const t2 = performance.now();

  pyodide.runPython(TRACE_PY);
  const t3 = performance.now();
  pyodide.runPython('import shop, shop.report');
  const importMs = performance.now() - t3;

  const render = () => {
    const out = JSON.parse(
      pyodide.runPython(`
import json, sys
json.dumps({
    'summary': shop.report.summary(),
    'modules': [{'module': name, 'file': m.__file__, 'cached': m.__cached__,
                 'from': 'source' if m.__file__ in compiled else 'bytecode' if m.__file__ in loaded else 'other'}
                for name, m in sorted(sys.modules.items()) if name == 'shop' or name.startswith('shop.')],
    'compiled': [p for p in compiled if p.startswith(${JSON.stringify(installed.root)} + '/')],
})`) as string,
    ) as { summary: Summary; modules: ModuleReport[]; compiled: string[] };
    const report: Report = {
      summary: out.summary,
      modules: out.modules,
      manifest: {
        python: manifest.python,
        modules: manifest.modules.map((m) => ({ module: m.module, source: m.source, cache: m.cache[''] })),
      },
      installed: { root: installed.root, bytecodeFiles: installed.bytecodeFiles, bytes: installed.bytes },
      timings: {
        loadPyodideMs: Math.round(t1 - t0),
        installMs: Math.round(t2 - t1),
        importMs: Math.round(importMs * 10) / 10,
      },
      compiledAtRunTime: out.compiled,
      bundledTextChars: Object.values(pythonSources).reduce((n, text) => n + text.length, 0),
    };
    show(report);
  };
  render();

  // Dev server (Vite): an edited .py is rewritten in Pyodide's file system and just that module reloaded.
  if (import.meta.hot) {
    acceptUpdates(import.meta.hot, pyodide, {
      baseUrl: PYTHON_BASE,
      onUpdate: (_result, error) => (error ? fail(error) : render()),
    });
  }
}

function show(report: Report): void {
  $('labels').replaceChildren(
    ...report.summary.labels.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  );
  $('total').textContent = `${(report.summary.total_cents / 100).toFixed(2)} EUR`;
  $('ounces').textContent = String(report.summary.ounces);
  $('section').textContent = `Latin-1 check: ${report.summary.section_sign}`;
  const fromBytecode = report.modules.filter((m) => m.from === 'bytecode').length;
  $('timing').textContent =
    `Pyodide ${report.timings.loadPyodideMs} ms · install ${report.installed.bytecodeFiles} .pyc + sources ${report.timings.installMs} ms · ` +
    `import ${report.modules.length} modules ${report.timings.importMs} ms (${fromBytecode} from bytecode, ${report.compiledAtRunTime.length} compiled now)`;
  $('modules')
    .querySelector('tbody')!
    .replaceChildren(
      ...report.modules.map((m) => {
        const row = document.createElement('tr');
        row.innerHTML = '<td><code></code></td><td></td><td><code></code></td>';
        row.children[0].firstElementChild!.textContent = m.module;
        row.children[1].textContent = m.from;
        row.children[1].className = m.from;
        row.children[2].firstElementChild!.textContent = m.cached;
        return row;
      }),
    );
  $('report').textContent = JSON.stringify(report, null, 2);
  $('status').textContent = 'Done.';
  $('result').hidden = false;
  document.body.dataset.status = 'done';
}

function fail(error: unknown): void {
  $('status').textContent = `Failed: ${error instanceof Error ? error.message : String(error)}`;
  $('report').textContent = JSON.stringify({ error: String(error) });
  document.body.dataset.status = 'error';
  console.error(error);
}

main().catch(fail);
