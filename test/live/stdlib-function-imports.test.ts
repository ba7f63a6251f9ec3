// `stdlib: true` keeps the stdlib modules that stdlib code imports inside its functions, not only those a module
// imports when it is imported: a real Vite build (entries, stdlib, archive, pyodide, precompile) served over
// loopback HTTP and loaded with loadPython in Pyodide 3.14 in Node. `EmailMessage()` imports `email.policy` in
// `EmailMessage.__init__`; `tarfile.open(mode='w:gz')` imports `gzip` in `TarFile.gzopen` (under a
// `try/except ImportError`, which runs, so the module must be there). Neither is in `sys.modules` after
// importing `email.message` and `tarfile`, so a runtime probe of the imports cannot find them; the stdlib's own
// sources name them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAndServePythonApp, type ServedPythonApp } from '../helpers/served-python-app.js';
import { loadPython } from '../../src/pyodide/index.js';

let app: ServedPythonApp;
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
  app = await buildAndServePythonApp('stdlib-function-imports', { 'app.py': APP });
  ({ base } = app);
}, 600_000);

afterAll(() => app?.close());

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
