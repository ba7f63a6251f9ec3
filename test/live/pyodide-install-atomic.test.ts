// installModules is all or nothing (real Pyodide 3.14 in Node, real .pyc from the interpreter): every check runs
// before the first write, a path that cannot be written is named before anything is written, and a write that
// fails anyway leaves the file system and sys.path exactly as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import { precompile } from '../../plugins/precompile/index.js';
import { writePycHeader } from '../../src/index.js';
import { installModules, type PyodideLike } from '../../src/pyodide/index.js';
import {
  EXAMPLE_PYTHON,
  filesMap,
  loadTestPyodide,
  manifestFor,
  py,
  readTree,
  type TestPyodide,
  type TreeFile,
} from '../helpers/pyodide-helpers.js';

let pyodide: TestPyodide;
let files: TreeFile[];
let pycs: Map<string, Uint8Array>;

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  files = readTree(EXAMPLE_PYTHON);
  const manifest = manifestFor(files);
  pycs = await precompile({
    modules: manifest.modules.map((m) => ({ ...m, bytes: bytesOf(m.source) })),
    target: '3.14',
  });
});

function bytesOf(source: string): Uint8Array {
  const file = files.find((f) => f.source === source);
  if (!file) throw new Error(`no ${source}`);
  return file.bytes;
}

/** Every file under `dir` with its bytes (hex), and every folder: what a failed install must not change. */
function snapshot(dir: string): Record<string, string> {
  return py<Record<string, string>>(
    pyodide,
    'snap',
    `
import os
snap = {}
for top, dirs, names in os.walk(${JSON.stringify(dir)}):
    snap[top + '/'] = 'dir'
    for name in names:
        with open(os.path.join(top, name), 'rb') as f:
            snap[os.path.join(top, name)] = f.read().hex()
`,
  );
}

function onSysPath(root: string): boolean {
  return py<boolean>(pyodide, `${JSON.stringify(root)} in sys.path`, 'import sys');
}

/** The last module's level-0 .pyc replaced by `bad` (built into the manifest, as a build that made it would). */
function withLastPyc(bad: Uint8Array) {
  const last = manifestFor(files).modules.at(-1);
  if (!last?.cache['']) throw new Error('no module');
  const changed = new Map([...pycs, [last.cache[''], bad]]);
  return { path: last.cache[''], manifest: manifestFor(files, '3.14', [0], changed), files: filesMap(files, changed) };
}

describe('a bad .pyc on a later module: nothing is written, the root is not put on sys.path', () => {
  const lastPyc = () => {
    const last = manifestFor(files).modules.at(-1);
    return pycs.get(last?.cache[''] ?? '') ?? new Uint8Array();
  };
  const cases: [string, () => Uint8Array, RegExp][] = [
    [
      "another interpreter's magic number",
      () =>
        Uint8Array.from([
          ...writePycHeader({ target: '3.12', kind: 'checked-hash', source: bytesOf(files.at(-1)?.source ?? '') }),
          ...lastPyc().subarray(16),
        ]),
      /has magic number cb0d0d0a but this interpreter's is/,
    ],
    [
      'a timestamp .pyc',
      () =>
        Uint8Array.from([
          ...writePycHeader({
            target: '3.14',
            kind: 'timestamp',
            mtime: 0,
            source: bytesOf(files.at(-1)?.source ?? ''),
          }),
          ...lastPyc().subarray(16),
        ]),
      /is a timestamp \.pyc/,
    ],
    ['a truncated header', () => lastPyc().subarray(0, 10), /is 10 bytes, shorter than a \.pyc header/],
    ['an empty file', () => new Uint8Array(0), /is 0 bytes, shorter than a \.pyc header/],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const root = `/atomic-${_name.replace(/\W+/g, '-')}`;
    const bad = withLastPyc(make());
    const error = await installModules(pyodide, bad.manifest, { files: bad.files, root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(bad.path);
    expect((error as Error).message).toMatch(message);
    expect(pyodide.FS.analyzePath(root).exists).toBe(false);
    expect(onSysPath(root)).toBe(false);
  });
});

describe('paths that collide as file and folder', () => {
  it('in the manifest (pkg.py and pkg.py/x.py): refused naming both entries, nothing written', async () => {
    const text = (s: string) => ({ source: s, bytes: new TextEncoder().encode(`NAME = ${JSON.stringify(s)}\n`) });
    const tree = [text('aaa.py'), text('pkg.py'), text('pkg.py/x.py')];
    const root = '/collide-manifest';
    const error = await installModules(pyodide, manifestFor(tree), { files: filesMap(tree), root }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(/ErrnoError|\[object Object\]/);
    expect((error as Error).message).toContain('"pkg.py/x.py"');
    expect((error as Error).message).toMatch(/needs a folder "pkg\.py" where manifest\.modules\[1\]\.source is a file/);
    expect(pyodide.FS.analyzePath(root).exists).toBe(false);
  });

  it('with the file system (a folder where a source goes): refused naming the file, nothing written', async () => {
    const root = '/collide-fs';
    pyodide.FS.mkdirTree(`${root}/shop/pricing.py`);
    const before = snapshot(root);
    const error = await installModules(pyodide, manifestFor(files), { files: filesMap(files), root }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /cannot install shop\/pricing\.py under \/collide-fs: \/collide-fs\/shop\/pricing\.py is a folder/,
    );
    expect(snapshot(root)).toEqual(before);
    expect(onSysPath(root)).toBe(false);
  });

  it('with the file system (a file where a folder goes): refused naming the file, nothing written', async () => {
    const root = '/collide-fs-file';
    pyodide.FS.mkdirTree(root);
    pyodide.FS.writeFile(`${root}/shop`, 'not a folder');
    const before = snapshot(root);
    const error = await installModules(pyodide, manifestFor(files), { files: filesMap(files), root }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      /cannot install shop\/[^ ]+ under \/collide-fs-file: it needs the folder \/collide-fs-file\/shop, which is a file/,
    );
    expect(snapshot(root)).toEqual(before);
  });
});

describe('a write that fails anyway', () => {
  it('puts back every file it replaced, removes every file and folder it made, leaves sys.path alone, and names the file', async () => {
    const root = '/rollback';
    // A previous install, then a new build of the same package (one more module, one changed).
    await installModules(pyodide, manifestFor(files), { files: filesMap(files), root });
    py(pyodide, '1', `import sys\nsys.path.remove(${JSON.stringify(root)})`);
    const changed = files.map((f) =>
      f.source === 'shop/report.py' ? { ...f, bytes: new TextEncoder().encode('CHANGED = 1\n') } : f,
    );
    const next = [...changed, { source: 'shop/extra/more.py', bytes: new TextEncoder().encode('MORE = 1\n') }];
    const nextPycs = await precompile({
      modules: manifestFor(next).modules.map((m) => ({
        ...m,
        bytes: next.find((f) => f.source === m.source)?.bytes ?? new Uint8Array(),
      })),
      target: '3.14',
    });
    const before = snapshot(root);
    const sysPath = py<string[]>(pyodide, 'sys.path', 'import sys');

    // The file system runs out of space on the 9th file: real Emscripten ENOSPC.
    let writes = 0;
    let failedAt = '';
    const failing: PyodideLike = {
      runPython: (code) => pyodide.runPython(code),
      FS: {
        mkdirTree: (path, mode) => pyodide.FS.mkdirTree(path, mode),
        unlink: (path) => pyodide.FS.unlink(path),
        rmdir: (path) => pyodide.FS.rmdir(path),
        readFile: (path) => pyodide.FS.readFile(path),
        writeFile: (path, data) => {
          if (path.startsWith(`${root}/`) && ++writes === 9) {
            failedAt = path;
            const FS = pyodide.FS as unknown as { ErrnoError: new (errno: number) => Error };
            throw new FS.ErrnoError(51);
          }
          pyodide.FS.writeFile(path, data);
        },
      },
    };
    const error = await installModules(failing, manifestFor(next, '3.14', [0], nextPycs), {
      files: filesMap(next, nextPycs),
      root,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `pycache-kit/pyodide: writing ${failedAt} failed (ENOSPC: No space left on device); every file this call wrote was removed`,
    );
    expect(snapshot(root)).toEqual(before);
    expect(pyodide.FS.analyzePath(`${root}/shop/extra`).exists).toBe(false);
    expect(py<string[]>(pyodide, 'sys.path', 'import sys')).toEqual(sysPath);
  });

  it('when the last step (sys.path) fails, the files written are removed too', async () => {
    const root = '/rollback-finish';
    const sysPath = py<string[]>(pyodide, 'sys.path', 'import sys');
    const failing: PyodideLike = {
      FS: pyodide.FS,
      runPython: (code) => {
        if (code.includes('sys.path.insert')) throw new Error('interpreter gone');
        return pyodide.runPython(code);
      },
    };
    const error = await installModules(failing, manifestFor(files, '3.14', [0], pycs), {
      files: filesMap(files, pycs),
      root,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'pycache-kit/pyodide: writing /rollback-finish (finishing the install) failed (Error: interpreter gone); every file this call wrote was removed',
    );
    expect(pyodide.FS.analyzePath(root).exists).toBe(false);
    expect(py<string[]>(pyodide, 'sys.path', 'import sys')).toEqual(sysPath);
  });
});
