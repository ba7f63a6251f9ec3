import { acceptUpdates, loadPython } from 'pycache-kit/pyodide';
import type { LoadPythonResult, PycacheManifest, PyodideLike } from 'pycache-kit/pyodide';

/** Where the build put the manifest (vite.config.mjs, webpack.config.js); it names the archive and the runtime. */
const MANIFEST_URL = new URL('py/pycache-manifest.json', document.baseURI);

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
interface StdlibReport {
  /** Stdlib modules in `sys.modules` (Pyodide's startup and the app's imports), not counting frozen ones. */
  modules: number;
  /** Of those, the ones zipimport read from a `.pyc` (their `__file__` is the `.pyc`). */
  fromBytecode: number;
  /** The ones compiled from their source in the page. */
  fromSource: string[];
  /** The interpreter's frozen modules (`os`, `codecs`…): built into the runtime, never compiled here. */
  frozen: number;
}
interface Report {
  summary: Summary;
  modules: ModuleReport[];
  manifest: {
    python: PycacheManifest['python'];
    modules: { module: string; source: string; cache: string | undefined }[];
  };
  installed: { root: string; bytecodeFiles: number; bytes: number; requests: number; archive: string | null };
  pyodideFrom: LoadPythonResult['pyodideFrom'];
  timings: { loadPythonMs: number; pyodideMs: number; installMs: number; importMs: number };
  /** Bundled modules compiled from source in the page (the loader's `source_to_code`). */
  compiledAtRunTime: string[];
  /** Files compiled after the audit hook was installed (`compile` events), stdlib and zipimport included. */
  compileEvents: string[];
  stdlib: StdlibReport;
}

const $ = (id: string) => document.getElementById(id)!;

// What compiled what, from the first moment Python code of ours can run (after Pyodide started: what its startup
// compiled is read from sys.modules below). `compile` audit events catch every compile (zipimport's too, which
// does not go through `source_to_code`); the loader hooks say which path each bundled module took.
const TRACE_PY = `
import sys, importlib._bootstrap_external as be
compile_events = []
sys.addaudithook(lambda event, args: event == 'compile' and isinstance(args[1], str) and args[1].endswith('.py') and compile_events.append(args[1]))
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

type Pyodide = PyodideLike & { runPython(code: string): unknown };

async function main(): Promise<void> {
  const t0 = performance.now();
  let installed: LoadPythonResult | undefined;
  // The one call: the manifest, then Pyodide (from the runtime it names, with the app's precompiled stdlib)
  // while the bundle's archive is fetched and checked; then the bundle is installed.
  const pyodide = (await loadPython(MANIFEST_URL, {
    onInstalled: (result) => {
      installed = result;
    },
  })) as Pyodide;
  const t1 = performance.now();
  if (!installed) throw new Error('loadPython did not report the install');
  const done = installed;
  $('status').textContent = 'Importing…';

  pyodide.runPython(TRACE_PY);
  const t2 = performance.now();
  pyodide.runPython('import shop, shop.report');
  const importMs = performance.now() - t2;

  const { manifest } = done;
  const render = () => {
    const out = JSON.parse(
      pyodide.runPython(`
import json, sys
zip_prefix = '/lib/python%d%d.zip/' % sys.version_info[:2]
stdlib = [m for m in list(sys.modules.values()) if (getattr(m, '__file__', None) or '').startswith(zip_prefix)]
frozen = [m for m in stdlib if getattr(m.__spec__, 'origin', None) == 'frozen']
stdlib = [m for m in stdlib if m not in frozen]
json.dumps({
    'summary': shop.report.summary(),
    'modules': [{'module': name, 'file': m.__file__, 'cached': m.__cached__,
                 'from': 'source' if m.__file__ in compiled else 'bytecode' if m.__file__ in loaded else 'other'}
                for name, m in sorted(sys.modules.items()) if name == 'shop' or name.startswith('shop.')],
    'compiled': [p for p in compiled if p.startswith(${JSON.stringify(done.root)} + '/')],
    'compileEvents': compile_events,
    'stdlib': {'modules': len(stdlib), 'fromBytecode': len([m for m in stdlib if m.__file__.endswith('.pyc')]),
               'fromSource': sorted(m.__name__ for m in stdlib if m.__file__.endswith('.py')), 'frozen': len(frozen)},
})`) as string,
    ) as {
      summary: Summary;
      modules: ModuleReport[];
      compiled: string[];
      compileEvents: string[];
      stdlib: StdlibReport;
    };
    show({
      summary: out.summary,
      modules: out.modules,
      manifest: {
        python: manifest.python,
        modules: manifest.modules.map((m) => ({ module: m.module, source: m.source, cache: m.cache[''] })),
      },
      installed: {
        root: done.root,
        bytecodeFiles: done.bytecodeFiles,
        bytes: done.bytes,
        requests: done.requests,
        archive: done.archive?.file ?? null,
      },
      pyodideFrom: done.pyodideFrom,
      timings: {
        loadPythonMs: Math.round(t1 - t0),
        pyodideMs: Math.round(done.timings.pyodide),
        installMs: Math.round(done.timings.installed - done.timings.fetched),
        importMs: Math.round(importMs * 10) / 10,
      },
      compiledAtRunTime: out.compiled,
      compileEvents: out.compileEvents,
      stdlib: out.stdlib,
    });
  };
  render();

  // Dev server (Vite): an edited .py is rewritten in Pyodide's file system and just that module reloaded.
  if (import.meta.hot) {
    acceptUpdates(import.meta.hot, pyodide, {
      baseUrl: new URL('.', MANIFEST_URL).href,
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
  const { stdlib, installed, timings } = report;
  $('timing').textContent =
    `loadPython ${timings.loadPythonMs} ms (Pyodide ${timings.pyodideMs} ms, from ${report.pyodideFrom.source}; ` +
    `${installed.requests} requests for the Python part${installed.archive ? `, archive ${installed.archive}` : ''}; ` +
    `install ${installed.bytecodeFiles} .pyc + sources ${timings.installMs} ms after the boot) · ` +
    `import ${report.modules.length} modules ${timings.importMs} ms (${fromBytecode} from bytecode, ${report.compiledAtRunTime.length} compiled now) · ` +
    `stdlib: ${stdlib.modules} modules, ${stdlib.fromBytecode} from .pyc, ${stdlib.fromSource.length} compiled, ${stdlib.frozen} frozen · ` +
    `compile events after startup: ${report.compileEvents.length}`;
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
