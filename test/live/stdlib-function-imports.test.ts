// `stdlib: true` keeps the stdlib modules that stdlib code imports inside its functions, not only those a module
// imports when it is imported: a real Vite build (entries, stdlib, archive, pyodide, precompile) served over
// loopback HTTP and loaded with loadPython in Pyodide 3.14 in Node. `EmailMessage()` imports `email.policy` in
// `EmailMessage.__init__`; `tarfile.open(mode='w:gz')` imports `gzip` in `TarFile.gzopen` (under a
// `try/except ImportError`, which runs, so the module must be there). Neither is in `sys.modules` after
// importing `email.message` and `tarfile`, so a runtime probe of the imports cannot find them; the stdlib's own
// sources name them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { loadPython } from '../../src/pyodide/index.js';

let project: string;
let server: Server;
let base: string;

const APP = `from email.message import EmailMessage
import io
import tarfile


def email_subject():
    m = EmailMessage()
    m["Subject"] = "hi"
    return m["Subject"]


def gzip_tar():
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        info = tarfile.TarInfo("a.txt")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"ok"))
    with tarfile.open(fileobj=io.BytesIO(out.getvalue()), mode="r:gz") as tar:
        return tar.extractfile("a.txt").read().decode()
`;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pycache-stdlib-function-imports-'));
  mkdirSync(join(project, 'py'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"name":"app","private":true}\n');
  writeFileSync(join(project, 'py/app.py'), APP);
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

it('runs stdlib code whose imports are inside functions, with nothing compiled', { timeout: 300_000 }, async () => {
  const pyodide = await loadPython(`${base}py/pycache-manifest.json`, {
    pyodideOptions: { stdout: () => {}, stderr: () => {} },
  });
  const answer = JSON.parse(
    pyodide.runPython(`
import sys, json
compiled = []
sys.addaudithook(lambda event, args: event == 'compile' and compiled.append(str(args[1])))
import app
lazy = ['email.policy', 'gzip']
before = [n for n in lazy if n in sys.modules]
results = {}
for name in ['email_subject', 'gzip_tar']:
    try:
        results[name] = getattr(app, name)()
    except Exception as e:
        results[name] = '%s: %s' % (type(e).__name__, e)
json.dumps({'results': results, 'before': before, 'after': [n for n in lazy if n in sys.modules],
            'compiled': [c for c in compiled if c.endswith('.py')]})`) as string,
  ) as { results: Record<string, string>; before: string[]; after: string[]; compiled: string[] };
  // The imports under test really happen inside the calls (else this test would not test them).
  expect(answer.before).toEqual([]);
  expect(answer.results).toEqual({ email_subject: 'hi', gzip_tar: 'ok' });
  expect(answer.after).toEqual(['email.policy', 'gzip']);
  expect(answer.compiled).toEqual([]);
});
