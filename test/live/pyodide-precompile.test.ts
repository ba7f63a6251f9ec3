// precompile: real bytecode from the target's interpreter (Pyodide in Node), headers checked against
// what a second, independent interpreter instance says (MAGIC_NUMBER, source_hash), and PEP 552 semantics.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPycHeader } from '../../src/index.js';
import { findPyodide, precompile, PrecompileError, PyodideNotFoundError } from '../../plugins/precompile/index.js';
import { pythonTarget } from '../../src/index.js';
import { installModules } from '../../src/pyodide/index.js';
import {
  EXAMPLE_PYTHON,
  filesMap,
  forget,
  hex,
  installCounters,
  loadTestPyodide,
  manifestFor,
  py,
  readTree,
  type TestPyodide,
  type TreeFile,
} from '../helpers/pyodide-helpers.js';

interface Counts {
  compiled: string[];
  loaded: string[];
}

let pyodide: TestPyodide;
let files: TreeFile[];
const bytesOf = (source: string) => files.find((f) => f.source === source)!.bytes;
const modulesOf = (manifest: ReturnType<typeof manifestFor>) =>
  manifest.modules.map((m) => ({ source: m.source, cache: m.cache, bytes: bytesOf(m.source) }));

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  installCounters(pyodide);
  files = readTree(EXAMPLE_PYTHON);
});

describe('precompile', () => {
  it('writes checked-hash .pyc files whose headers the interpreter itself would write', async () => {
    const manifest = manifestFor(files);
    const pycs = await precompile({ modules: modulesOf(manifest), target: '3.14' });
    const magic = py<string>(pyodide, 'importlib.util.MAGIC_NUMBER.hex()', 'import importlib.util');
    for (const entry of manifest.modules) {
      const pyc = pycs.get(entry.cache['']!)!;
      const header = readPycHeader(pyc);
      expect(header.kind).toBe('checked-hash');
      expect(header.flags).toBe(3);
      expect(hex(header.magicNumber)).toBe(magic);
      const liveHash = py<string>(
        pyodide,
        `importlib.util.source_hash(bytes.fromhex(${JSON.stringify(hex(bytesOf(entry.source)))})).hex()`,
        'import importlib.util',
      );
      expect(hex(header.sourceHash!)).toBe(liveHash);
      // The rest is a marshalled code object this interpreter accepts.
      const ok = py<boolean>(
        pyodide,
        `type(marshal.loads(bytes.fromhex(${JSON.stringify(hex(pyc.subarray(16)))}))).__name__ == 'code'`,
        'import marshal',
      );
      expect(ok).toBe(true);
    }
  });

  it('gives the same bytes on a second run', async () => {
    const modules = modulesOf(manifestFor(files));
    const [a, b] = [await precompile({ modules, target: '3.14' }), await precompile({ modules, target: '3.14' })];
    for (const [path, bytes] of a) expect(hex(b.get(path)!)).toBe(hex(bytes));
  });

  it('compiles each optimization level as CPython does (-OO drops docstrings)', async () => {
    const manifest = manifestFor(files, '3.14', [0, 1, 2]);
    const pycs = await precompile({ modules: modulesOf(manifest), target: '3.14' });
    const entry = manifest.modules.find((m) => m.module === 'shop.pricing')!;
    expect(entry.cache['2']).toBe('shop/__pycache__/pricing.cpython-314.opt-2.pyc');
    const docOf = (path: string) =>
      py<string | null>(
        pyodide,
        `marshal.loads(bytes.fromhex(${JSON.stringify(hex(pycs.get(path)!.subarray(16)))})).co_consts[0]`,
        'import marshal',
      );
    expect(docOf(entry.cache['']!)).toMatch(/^Order lines/);
    expect(docOf(entry.cache['2']!)).not.toBe(docOf(entry.cache['']!));
  });

  it('unchecked-hash .pyc files are used even after the source changes; checked-hash ones are not', async () => {
    const manifest = manifestFor(files);
    const modules = modulesOf(manifest);
    for (const [mode, root] of [
      ['unchecked-hash', '/unchecked'],
      ['checked-hash', '/checked'],
    ] as const) {
      const pycs = await precompile({ modules, target: '3.14', mode });
      const pricing = manifest.modules.find((m) => m.module === 'shop.pricing')!;
      expect(readPycHeader(pycs.get(pricing.cache['']!)!).kind).toBe(mode);
      await installModules(pyodide, manifestFor(files, '3.14', [0], pycs, mode), {
        files: filesMap(files, pycs),
        root,
      });
      pyodide.FS.writeFile(`${root}/shop/pricing.py`, new TextEncoder().encode('raise RuntimeError("edited")\n'));
      py(pyodide, 'RESET_COUNTS()');
      const outcome = py<string>(
        pyodide,
        'outcome',
        `
try:
    import shop.pricing
    outcome = 'bytecode'
except RuntimeError as exc:
    outcome = str(exc)`,
      );
      expect(outcome).toBe(mode === 'unchecked-hash' ? 'bytecode' : 'edited');
      expect(py<Counts>(pyodide, 'COUNTS()').compiled.some((p) => p === `${root}/shop/pricing.py`)).toBe(
        mode === 'checked-hash',
      );
      forget(pyodide, 'shop', root);
    }
  });

  it('compiles for 3.15 with the pyodide-315 package', async () => {
    const manifest = manifestFor(files, '3.15');
    const pycs = await precompile({ modules: modulesOf(manifest), target: '3.15' });
    const header = readPycHeader(pycs.get('shop/__pycache__/__init__.cpython-315.pyc')!, { target: '3.15' });
    expect(header.version).toBe('3.15');
    expect(hex(header.magicNumber)).toBe(hex(pythonTarget('3.15').magicNumber));
  });

  it('is a clear error for a target with no Pyodide installed, naming it and what to install', async () => {
    const modules = modulesOf(manifestFor(files, '3.12'));
    const error = await precompile({ modules, target: '3.12' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PyodideNotFoundError);
    expect((error as Error).message).toMatch(/no installed Pyodide runs Python 3\.12/);
    expect((error as Error).message).toContain('pyodide-312@npm:pyodide');
    expect((error as Error).message).toMatch(/pyodide@314\.\d+\.\d+ \(Python 3\.14\.\d+\)/);
  });

  it("refuses a Pyodide whose magic number is not the target's (a pre-release of the same minor)", async () => {
    const modules = modulesOf(manifestFor(files));
    const target = pythonTarget({ version: '3.14', magicNumber: [0x2a, 0x0e, 0x0d, 0x0a] });
    await expect(precompile({ modules, target })).rejects.toThrow(
      /runs Python 3\.14\.\d+ whose magic number is 2b0e0d0a, but the target 3\.14 has 2a0e0d0a/,
    );
  });

  it('reports a syntax error with file, line and column', async () => {
    const bad = {
      source: 'bad/mod.py',
      cache: { '': 'bad/__pycache__/mod.cpython-314.pyc' },
      bytes: new TextEncoder().encode('x = 1\ndef f(:\n    pass\n'),
    };
    const error = await precompile({ modules: [bad], target: '3.14' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrecompileError);
    expect((error as PrecompileError).line).toBe(2);
    expect((error as Error).message).toMatch(/^pycache precompile: bad\/mod\.py:2:\d+: SyntaxError: /);
  });

  describe('finding Pyodide', () => {
    let project: string;
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it("prefers the user's project over pycache-kit's own node_modules", () => {
      project = mkdtempSync(join(tmpdir(), 'pycache-precompile-'));
      mkdirSync(join(project, 'node_modules'));
      symlinkSync(findPyodide(pythonTarget('3.14')).dir, join(project, 'node_modules', 'pyodide-314'));
      const found = findPyodide(pythonTarget('3.14'), project);
      expect(found.name).toBe('pyodide-314');
      expect(found.python).toMatch(/^3\.14\./);
      expect(findPyodide(pythonTarget('3.15'), project).name).toBe('pyodide-315');
    });
  });
});
