// loadPython with nothing but the manifest's URL, in Node, against a real Vite build (entries, stdlib, archive,
// pyodide, precompile) served over loopback HTTP: Pyodide starts from the app's precompiled stdlib archive the
// manifest names (Node loads the `pyodide` package, the release the build emitted), the bundle arrives in one
// request, and neither Pyodide's startup nor the app's imports compile anything from source.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { loadPython } from '../../src/pyodide/index.js';
import type { LoadPythonResult } from '../../src/pyodide/index.js';

let project: string;
let server: Server;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pycache-load-python-served-'));
  mkdirSync(join(project, 'py/app'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"name":"app","private":true}\n');
  writeFileSync(
    join(project, 'py/app/__init__.py'),
    'import json\nfrom email.message import Message\n\n\ndef main():\n    m = Message()\n    m["Subject"] = "hi"\n    return json.dumps({"subject": m["Subject"]})\n',
  );
  writeFileSync(join(project, 'main.js'), 'export default 1;\n');
  await viteBuild({
    root: project,
    configFile: false,
    logLevel: 'silent',
    plugins: [
      pycache({
        roots: ['py'],
        entries: ['app'],
        stdlib: true,
        pyodide: true,
        precompile: true,
        manifest: 'py/pycache-manifest.json',
      }),
    ],
    build: {
      outDir: join(project, 'dist'),
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(project, 'main.js'), formats: ['es'], fileName: 'main' },
    },
  });
  const root = normalize(join(project, 'dist') + sep);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    served.push(path);
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) res.writeHead(404).end();
    else res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}/`;
}, 600_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(project, { recursive: true, force: true });
});

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
