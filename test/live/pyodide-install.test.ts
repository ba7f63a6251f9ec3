// installModules against the real interpreter (Pyodide 3.14 in Node): the bundle's modules are imported
// from the paths the manifest names, from their precompiled .pyc, without compiling the source.
import { beforeAll, describe, expect, it } from 'vitest';
import { precompile } from '../../plugins/precompile/index.js';
import { pythonTarget, writePycHeader } from '../../src/index.js';
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
interface ModuleFacts {
  name: string;
  file: string;
  cached: string;
}

const MODULES = ['shop', 'shop.labels', 'shop.pricing', 'shop.report', 'shop.units', 'shop.units.convert'];
const IMPORT_ALL = `import ${MODULES.join(', ')}`;
const FACTS = `[{'name': m, 'file': sys.modules[m].__file__, 'cached': sys.modules[m].__cached__} for m in ${JSON.stringify(MODULES)}]`;

let pyodide: TestPyodide;
let files: TreeFile[];
let fromSource: unknown;

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  installCounters(pyodide);
  files = readTree(EXAMPLE_PYTHON);
  // The reference result: the same package imported from plain sources by the same interpreter.
  await installModules(pyodide, manifestFor(files), { files: filesMap(files), root: '/reference' });
  fromSource = py(pyodide, 'shop.report.summary()', 'import shop.report');
  forget(pyodide, 'shop', '/reference');
});

describe('installModules with precompiled bytecode', () => {
  it('imports every module from the bundle, each from its .pyc, compiling nothing', async () => {
    const manifest = manifestFor(files);
    const pycs = await precompile({
      modules: manifest.modules.map((m) => ({ ...m, bytes: bytesOf(m.source) })),
      target: '3.14',
    });
    expect([...pycs.keys()].sort()).toEqual(manifest.modules.map((m) => m.cache['']).sort());
    const root = '/app';
    const result = await installModules(pyodide, manifestFor(files, '3.14', [0], pycs), {
      files: filesMap(files, pycs),
      root,
    });
    expect(result.bytecodeFiles).toBe(files.length);
    expect(result.interpreter.version).toBe('3.14');

    py(pyodide, 'RESET_COUNTS()');
    const facts = py<ModuleFacts[]>(pyodide, FACTS, `${IMPORT_ALL}\nimport sys`);
    const counts = py<Counts>(pyodide, 'COUNTS()');
    for (const { name, file, cached } of facts) {
      const entry = manifest.modules.find((m) => m.module === name)!;
      expect(file).toBe(`${root}/${entry.source}`);
      expect(cached).toBe(`${root}/${entry.cache['']}`);
    }
    expect(counts.compiled.filter((p) => p.startsWith(root))).toEqual([]);
    expect(counts.loaded.filter((p) => p.startsWith(root)).sort()).toEqual(facts.map((f) => f.cached).sort());
    // Same answers as from source; the Latin-1 text decoded through its cookie, the CRLF module intact.
    const summary = py<{ labels: string[]; section_sign: string }>(pyodide, 'shop.report.summary()');
    expect(summary).toEqual(fromSource);
    expect(summary.labels[0]).toContain('Crème brûlée');
    expect(summary.section_sign).toBe('§');
    forget(pyodide, 'shop', root);
  });

  it('compiles from source when no bytecode is installed (the counters can fail)', async () => {
    const root = '/nobytecode';
    const manifest = manifestFor(files);
    const result = await installModules(pyodide, manifest, { files: filesMap(files), root });
    expect(result.bytecodeFiles).toBe(0);
    py(pyodide, 'RESET_COUNTS()');
    py(pyodide, '1', IMPORT_ALL);
    expect(py<Counts>(pyodide, 'COUNTS()').compiled.filter((p) => p.startsWith(root))).toHaveLength(files.length);
    forget(pyodide, 'shop', root);
  });

  it('refuses a bundle built for another Python, naming both versions, before writing anything', async () => {
    const manifest = manifestFor(files, '3.12');
    const error = await installModules(pyodide, manifest, { files: filesMap(files), root: '/wrong' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('Python 3.12');
    expect(message).toMatch(/Python 3\.14\.\d+/);
    expect(message).toContain('cpython-312');
    expect(pyodide.FS.analyzePath('/wrong/shop').exists).toBe(false);
  });

  it('refuses a manifest whose cache path the interpreter would not use (same version), naming both paths', async () => {
    const manifest = manifestFor(files);
    // A hand-edited (or foreign-tool) manifest: right version and tag, wrong file name for one module.
    const edited = {
      ...manifest,
      modules: manifest.modules.map((m) =>
        m.source === 'shop/pricing.py' ? { ...m, cache: { ...m.cache, '': 'shop/__pycache__/pricing.pyc' } } : m,
      ),
    };
    const error = await installModules(pyodide, edited, { files: filesMap(files), root: '/edited' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /Python 3\.14\.\d+ puts the bytecode of shop\/pricing\.py at \/edited\/shop\/__pycache__\/pricing\.cpython-314\.pyc, not at \/edited\/shop\/__pycache__\/pricing\.pyc as the manifest says/,
    );
    expect(pyodide.FS.analyzePath('/edited/shop').exists).toBe(false);
  });

  it('refuses a .pyc for another interpreter, and a timestamp .pyc', async () => {
    const manifest = manifestFor(files);
    const pycs = await precompile({
      modules: manifest.modules.map((m) => ({ ...m, bytes: bytesOf(m.source) })),
      target: '3.14',
    });
    const first = manifest.modules[0];
    const reheader = (init: Parameters<typeof writePycHeader>[0]) => {
      const body = pycs.get(first.cache['']!)!.subarray(16);
      const header = writePycHeader({ ...init, source: bytesOf(first.source) });
      return new Map([...pycs, [first.cache['']!, Uint8Array.from([...header, ...body])]]);
    };
    const foreign = reheader({ target: '3.12', kind: 'checked-hash' });
    await expect(
      installModules(pyodide, manifestFor(files, '3.14', [0], foreign), {
        files: filesMap(files, foreign),
        root: '/mixed',
      }),
    ).rejects.toThrow(
      `${first.cache['']} has magic number ${hex(pythonTarget('3.12').magicNumber)} but this interpreter's is ${hex(pythonTarget('3.14').magicNumber)}`,
    );
    const stamped = reheader({ target: '3.14', kind: 'timestamp', mtime: 0 });
    await expect(
      installModules(pyodide, manifestFor(files, '3.14', [0], stamped), {
        files: filesMap(files, stamped),
        root: '/stamped',
      }),
    ).rejects.toThrow(/is a timestamp \.pyc; only hash-based ones/);
  });

  it("installs only the interpreter's optimization level and checks cache_from_source for every level", async () => {
    const manifest = manifestFor(files, '3.14', [0, 1, 2]);
    const modules = manifest.modules.map((m) => ({ ...m, bytes: bytesOf(m.source) }));
    const pycs = await precompile({ modules, target: '3.14' });
    expect(pycs.size).toBe(files.length * 3);
    const result = await installModules(pyodide, manifestFor(files, '3.14', [0, 1, 2], pycs), {
      files: filesMap(files, pycs),
      root: '/levels',
    });
    expect(result.bytecodeFiles).toBe(files.length);
    expect(Object.keys(result.modules[0].bytecodePaths)).toEqual(['']);
  });

  it('rejects a source that differs from the manifest (size or SHA-256)', async () => {
    const manifest = manifestFor(files);
    const changed = filesMap(files);
    const first = manifest.modules[0].source;
    const bytes = changed.get(first)!;
    changed.set(
      first,
      bytes.map((b, i) => (i === 0 ? b ^ 1 : b)),
    );
    await expect(installModules(pyodide, manifest, { files: changed, root: '/tampered' })).rejects.toThrow(/SHA-256/);
  });

  it('fetches from baseUrl in parallel, and no .pyc when the manifest says the build made none', async () => {
    const manifest = manifestFor(files);
    const contents = filesMap(files);
    const urls: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const fakeFetch = async (url: string) => {
      urls.push(url);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const data = contents.get(url.slice('https://example.test/py/'.length));
      return {
        ok: data !== undefined,
        status: data ? 200 : 404,
        arrayBuffer: async () => (data ?? new Uint8Array()).slice().buffer,
      };
    };
    const result = await installModules(pyodide, manifest, {
      baseUrl: 'https://example.test/py',
      fetch: fakeFetch,
      root: '/fetched',
    });
    expect(result.bytecodeFiles).toBe(0);
    expect(urls).toHaveLength(files.length);
    expect(maxInFlight).toBe(urls.length);
    await expect(
      installModules(pyodide, manifest, {
        baseUrl: 'https://example.test/py',
        fetch: fakeFetch,
        root: '/fetched2',
        bytecode: true,
      }),
    ).rejects.toThrow(/the manifest says the build made no \.pyc/);
  });

  it("follows the manifest's bytecode field when it has one", async () => {
    const manifest = manifestFor(files);
    const asked: string[] = [];
    const contents = filesMap(files);
    const reader = (path: string) => {
      asked.push(path);
      return contents.get(path);
    };
    const none = await installModules(
      pyodide,
      { ...manifest, bytecode: null },
      { files: reader, root: '/marked-none' },
    );
    expect(none.bytecodeFiles).toBe(0);
    expect(asked.filter((p) => p.endsWith('.pyc'))).toEqual([]);
    const pycs = await precompile({
      modules: manifest.modules.map((m) => ({ ...m, bytes: bytesOf(m.source) })),
      target: '3.14',
    });
    await expect(
      installModules(pyodide, manifestFor(files, '3.14', [0], pycs), { files: reader, root: '/marked-all' }),
    ).rejects.toThrow(/__pycache__\/[^ ]+\.pyc \(bytecode of [^)]+\) is missing/);
  });

  it('rejects manifest paths that would escape the root', async () => {
    const manifest = manifestFor(files);
    const evil = { ...manifest, modules: [{ ...manifest.modules[0], source: '../etc/evil.py' }] };
    await expect(installModules(pyodide, evil, { files: filesMap(files) })).rejects.toThrow(
      /manifest\.modules\[0\]\.source/,
    );
  });

  function bytesOf(source: string): Uint8Array {
    return files.find((f) => f.source === source)!.bytes;
  }
});
