// loadPython with nothing but the manifest's URL, in Node, against a real Vite build (entries, stdlib, archive,
// pyodide, precompile) served over loopback HTTP: Pyodide starts from the app's precompiled stdlib archive the
// manifest names (Node loads the `pyodide` package, the release the build emitted), the bundle arrives in one
// request, and neither Pyodide's startup nor the app's imports compile anything from source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAndServePythonApp, type ServedPythonApp } from '../helpers/served-python-app.js';
import { loadPython } from '../../src/pyodide/index.js';
import type { LoadPythonResult } from '../../src/pyodide/index.js';

let app: ServedPythonApp;
let project: string;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  app = await buildAndServePythonApp(
    'load-python-served',
    {
      'app/__init__.py':
        'import json\nfrom email.message import Message\n\n\ndef main():\n    m = Message()\n    m["Subject"] = "hi"\n    return json.dumps({"subject": m["Subject"]})\n',
    },
    (path) => served.push(path),
  );
  ({ project, base } = app);
}, 600_000);

afterAll(() => app?.close());

it(
  "boots Pyodide from the manifest's stdlib archive and runs the app with nothing compiled",
  { timeout: 300_000 },
  async () => {
    const manifest = JSON.parse(readFileSync(join(project, 'dist/py/pycache-manifest.json'), 'utf8')) as {
      pyodide: { indexURL: string; version: string; stdLibURL: string };
      archive: { file: string };
    };
    expect(manifest.pyodide).toMatchObject({ indexURL: '../pyodide/', stdLibURL: '../pyodide/python_stdlib.zip' });
    let result: LoadPythonResult | undefined;
    // An audit hook cannot be installed before Python starts: the startup's imports are checked after it, by the
    // file each stdlib module was loaded from (zipimport sets `__file__` to the `.pyc` it read, else the `.py`).
    const pyodide = await loadPython(`${base}py/pycache-manifest.json`, {
      pyodideOptions: { stdout: () => {}, stderr: () => {} },
      onInstalled: (r) => {
        result = r;
      },
    });
    expect(result?.pyodideFrom).toEqual({ source: 'package', stdLibURL: `${base}pyodide/python_stdlib.zip` });
    expect(result?.requests).toBe(2);
    expect(served).toEqual(
      expect.arrayContaining([
        '/py/pycache-manifest.json',
        `/py/${manifest.archive.file}`,
        '/pyodide/python_stdlib.zip',
      ]),
    );
    const answer = JSON.parse(
      pyodide.runPython(`
import sys, json
compiled = []
sys.addaudithook(lambda event, args: event == 'compile' and compiled.append(str(args[1])))
import app
out = app.main()
# Every stdlib module imported so far (Pyodide's startup included) was loaded from a .pyc in the app's archive
# (or is one of the interpreter's frozen modules, which carry a zip __file__ but were never compiled here).
from_source = sorted(n for n, m in sys.modules.items()
                     if (getattr(m, '__file__', None) or '').startswith('/lib/python314.zip/')
                     and m.__file__.endswith('.py')
                     and getattr(m.__spec__, 'origin', None) != 'frozen')
json.dumps({'out': out, 'compiled': [c for c in compiled if c.endswith('.py')], 'from_source': from_source,
            'stdlib_modules': len([1 for m in sys.modules.values() if (getattr(m, '__file__', None) or '').startswith('/lib/python314.zip/')])})`) as string,
    ) as { out: string; compiled: string[]; from_source: string[]; stdlib_modules: number };
    expect(JSON.parse(answer.out)).toEqual({ subject: 'hi' });
    expect(answer.compiled).toEqual([]);
    expect(answer.stdlib_modules).toBeGreaterThan(50);
    expect(answer.from_source).toEqual([]);
  },
);
