// The `stdlib` option's archive (plugins/common/stdlib-archive.ts), run in the real Pyodide 3.14 in Node through
// `loadPyodide({ stdLibURL })`: nothing of the stdlib compiles in the interpreter, Pyodide's own startup included.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBuildCache } from '../../plugins/common/build-cache.js';
import { buildStdlibArchive } from '../../plugins/common/stdlib-archive.js';
import type { StdlibArchive } from '../../plugins/common/stdlib-archive.js';
import { pyodideRuntimeModules } from '../../plugins/common/pyodide-runtime-modules.js';

interface Pyodide {
  runPython(code: string): unknown;
  runPythonAsync(code: string): Promise<unknown>;
  toPy(value: unknown): unknown;
}

const dir = mkdtempSync(join(tmpdir(), 'pycache-stdlib-'));
const cache = new FolderBuildCache(join(dir, 'cache'));
// What a small app reaches in the stdlib, as the import graph gives it: `email.policy` is imported inside
// `EmailMessage.__init__`, which the graph's AST walk sees and running `import email.message` does not.
const REACHED = ['json', 'decimal', 'email.message', 'email.policy'];

let archive: StdlibArchive;
let zipPath: string;

async function loadWith(stdLibURL: string | undefined): Promise<Pyodide> {
  const { loadPyodide } = await import('pyodide');
  return (await loadPyodide({
    stdout: () => {},
    stderr: () => {},
    ...(stdLibURL ? { stdLibURL } : {}),
  })) as unknown as Pyodide;
}

const json = <T>(pyodide: Pyodide, code: string): T => JSON.parse(pyodide.runPython(code) as string) as T;

// Python that records every `compile` audit event from now on (zipimport compiles a source with the `compile`
// builtin, without the loader's `source_to_code`, so this is the count that matters for the stdlib).
const AUDIT_PY = `
import sys
_pk_compiles = []
def _pk_hook(event, args):
    if event == 'compile':
        _pk_compiles.append(str(args[1]))
sys.addaudithook(_pk_hook)
`;

// Modules imported through zipimport: `__file__` names the zip entry the code came from (`mod.pyc` when it was
// unmarshalled, `mod.py` when the source was compiled). Frozen modules (their `__file__` also points into the
// zip) and built-in ones compile nothing.
const ZIP_MODULES_PY = `
import json, sys, zipimport
zipped = {n: m.__file__ for n, m in list(sys.modules.items()) if isinstance(getattr(m, '__loader__', None), zipimport.zipimporter)}
json.dumps(zipped)
`;

beforeAll(async () => {
  archive = await buildStdlibArchive({ target: '3.14', reached: REACHED, encodings: ['iso-8859-1'], cache });
  zipPath = join(dir, 'python_stdlib.zip');
  writeFileSync(zipPath, archive.bytes);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stdlib archive in Pyodide (stdLibURL)', () => {
  it('keeps what is reached and what Pyodide needs, leaves the rest out, deterministically', async () => {
    for (const name of [
      ...REACHED,
      'json.decoder',
      'email',
      '_pyodide._base',
      'pyodide.ffi',
      'encodings.utf_8',
      'encodings.latin_1',
      'importlib.metadata',
      'asyncio',
    ]) {
      expect(archive.modules).toContain(name);
    }
    // (`http.server` is kept: `help()` imports `pydoc`, whose functions import it.)
    for (const name of ['tomllib', 'sqlite3', 'xml.dom.minidom', 'wsgiref.simple_server'])
      expect(archive.leftOut).toContain(name);
    // Same input, same bytes: compiled again from nothing (only the runtime probe's cached answer reused)...
    const runtimeModules = await pyodideRuntimeModules(archive.pyodide, { cache, imports: REACHED });
    const fresh = await buildStdlibArchive({
      target: '3.14',
      reached: REACHED,
      encodings: ['iso-8859-1'],
      runtimeModules,
    });
    expect(fresh.compile.compiled.length).toBe(archive.modules.length);
    expect(Buffer.from(fresh.bytes).equals(Buffer.from(archive.bytes))).toBe(true);
    // ...and a rebuild with the cache takes the archive from it, compiling nothing.
    const again = await buildStdlibArchive({ target: '3.14', reached: REACHED, encodings: ['iso-8859-1'], cache });
    expect(again.compile.compiled).toEqual([]);
    expect(again.compile.fromCache.length).toBe(archive.modules.length);
    expect(Buffer.from(again.bytes).equals(Buffer.from(archive.bytes))).toBe(true);
    // One more module reached: only that module (and what it imports) compiles; the rest comes from the cache.
    const more = await buildStdlibArchive({
      target: '3.14',
      reached: [...REACHED, 'colorsys'],
      encodings: ['iso-8859-1'],
      cache,
    });
    expect(more.compile.compiled).toEqual(['colorsys.pyc']);
    expect(more.modules).toContain('colorsys');
  }, 600_000);

  it('starts Pyodide and runs the app with no stdlib module compiled from source', async () => {
    const pyodide = await loadWith(zipPath);
    // Startup: every module zipimport loaded came from its .pyc.
    const startup = Object.entries(json<Record<string, string>>(pyodide, ZIP_MODULES_PY));
    expect(startup.length).toBeGreaterThan(100);
    expect(startup.filter(([, file]) => !file.endsWith('.pyc'))).toEqual([]);

    pyodide.runPython(AUDIT_PY);
    pyodide.runPython(
      'import json, decimal, email.message\nm = email.message.EmailMessage()\nm["Subject"] = "ok"\njson.dumps([str(decimal.Decimal(1) / 8), m["Subject"]])',
    );
    // Pyodide's own dynamic imports, and what typical use reaches.
    await pyodide.runPythonAsync('import asyncio\nawait asyncio.sleep(0)');
    pyodide.toPy({ a: [1] });
    pyodide.runPython(
      'import importlib\nimportlib.invalidate_caches()\nfrom pyodide.ffi import to_js\nto_js([1])\n"x".encode("latin-1").decode("iso-8859-1")',
    );
    const compiles = json<string[]>(pyodide, 'json.dumps(_pk_compiles)');
    expect(compiles.filter((file) => file.includes('.zip/'))).toEqual([]);
    const after = Object.entries(json<Record<string, string>>(pyodide, ZIP_MODULES_PY));
    expect(after.filter(([, file]) => !file.endsWith('.pyc'))).toEqual([]);
    expect(after.length).toBeGreaterThan(startup.length);
    // A stdlib module nothing reached is not there.
    expect(
      json<string>(
        pyodide,
        'try:\n    import tomllib\n    r = "found"\nexcept ModuleNotFoundError as e:\n    r = str(e)\njson.dumps(r)',
      ),
    ).toBe("No module named 'tomllib'");
  }, 300_000);

  it('shows source lines in tracebacks through stdlib frames', async () => {
    const pyodide = await loadWith(zipPath);
    const frames = json<[string, number, string][]>(
      pyodide,
      `
import json, traceback, zipfile
try:
    json.loads('{')
except ValueError as e:
    frames = [(f.filename, f.lineno, f.line) for f in traceback.extract_tb(e.__traceback__)]
json.dumps(frames)`,
    );
    const stdlib = frames.filter(([file]) => file.startsWith(archive.mountPath + '/'));
    expect(stdlib.length).toBeGreaterThan(0);
    // Each line is the line of the original source at that number, read from Pyodide's own zip.
    const original = await loadWith(undefined);
    for (const [file, lineno, line] of stdlib) {
      const inZip = file.slice(archive.mountPath.length + 1);
      const expected = json<string>(
        original,
        `import json, zipfile
json.dumps(zipfile.ZipFile(${JSON.stringify(archive.mountPath)}).read(${JSON.stringify(inZip)}).decode().splitlines()[${lineno - 1}].strip())`,
      );
      expect(expected).not.toBe('');
      expect(line).toBe(expected);
    }
  }, 300_000);
});
