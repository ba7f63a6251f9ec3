// A sloppy manifest or a mistyped option is refused whole, naming the entry, before any file is requested or
// written (real Pyodide 3.14 in Node; the manifests are the plugins' own, then spoiled one field at a time).
import { beforeAll, describe, expect, it } from 'vitest';
import { installModules } from '../../src/pyodide/index.js';
import { validateManifest } from '../../src/pyodide/validate-manifest.js';
import {
  EXAMPLE_PYTHON,
  filesMap,
  loadTestPyodide,
  manifestFor,
  readTree,
  type TestPyodide,
  type TreeFile,
} from '../helpers/pyodide-helpers.js';

let pyodide: TestPyodide;
let files: TreeFile[];

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  files = readTree(EXAMPLE_PYTHON);
});

type Json = Record<string, unknown>;

/** The plugins' manifest as parsed JSON, with `change` applied to a deep copy. */
function spoiled(change: (manifest: Json & { modules: Json[]; python: Json }) => void): unknown {
  const copy = JSON.parse(JSON.stringify(manifestFor(files))) as Json & { modules: Json[]; python: Json };
  change(copy);
  return copy;
}

let run = 0;

/** Installs `manifest`, counting the files asked for; resolves to the error, checking nothing was read or written. */
async function refused(manifest: unknown, options: Record<string, unknown> = {}): Promise<string> {
  const root = `/strict-${++run}`;
  const contents = filesMap(files);
  const asked: string[] = [];
  const error = await installModules(pyodide, manifest, {
    files: (path: string) => {
      asked.push(path);
      return contents.get(path);
    },
    root,
    ...options,
  }).catch((e: unknown) => e);
  expect(error, 'installModules resolved').toBeInstanceOf(TypeError);
  expect(asked).toEqual([]);
  expect(pyodide.FS.analyzePath(root).exists).toBe(false);
  return (error as Error).message;
}

describe('sloppy manifests', () => {
  it("accepts the plugins' own manifest (the cases below change one thing)", async () => {
    const result = await installModules(
      pyodide,
      spoiled(() => {}),
      { files: filesMap(files), root: '/strict-ok' },
    );
    expect(result.modules).toHaveLength(files.length);
  });

  it.each<[string, (m: Json & { modules: Json[]; python: Json }) => void, RegExp]>([
    [
      'a duplicate source entry',
      (m) => m.modules.splice(1, 0, { ...m.modules[0] }),
      /manifest\.modules\[1\] repeats the source "shop\/__init__\.py" of manifest\.modules\[0\]/,
    ],
    ['a missing size', (m) => delete m.modules[2].size, /manifest\.modules\[2\]\.size \(shop\/[^)]+\) is missing/],
    [
      'a missing sha256',
      (m) => delete m.modules[3].sha256,
      /manifest\.modules\[3\]\.sha256 \(shop\/[^)]+\) is missing/,
    ],
    [
      'size "999" (a string)',
      (m) => {
        m.modules[1].size = '999';
      },
      /manifest\.modules\[1\]\.size \(shop\/[^)]+\) must be a whole number of bytes, not "999" \(a string\)/,
    ],
    [
      'a fractional size',
      (m) => {
        m.modules[1].size = 1.5;
      },
      /manifest\.modules\[1\]\.size \(shop\/[^)]+\) must be a whole number of bytes, not 1\.5/,
    ],
    [
      'an upper-case sha256',
      (m) => {
        m.modules[0].sha256 = String(m.modules[0].sha256).toUpperCase();
      },
      /manifest\.modules\[0\]\.sha256 \(shop\/__init__\.py\) must be 64 lowercase hex digits/,
    ],
    [
      'an unknown field in an entry',
      (m) => {
        m.modules[4].sha265 = 'x';
      },
      /manifest\.modules\[4\] \(shop\/[^)]+\) has an unknown field "sha265"/,
    ],
    [
      'an unknown top-level field',
      (m) => {
        m.bytecodes = null;
      },
      /manifest has an unknown field "bytecodes"/,
    ],
    [
      'an unknown field of python',
      (m) => {
        m.python.magic = 3627;
      },
      /manifest\.python has an unknown field "magic"/,
    ],
    [
      'an unknown cache level',
      (m) => {
        (m.modules[0].cache as Json)['3'] = 'x.pyc';
      },
      /manifest\.modules\[0\]\.cache \(shop\/__init__\.py\) has the key "3"/,
    ],
    [
      'a magic number that is not 8 hex digits',
      (m) => {
        m.python.magicNumber = 3627;
      },
      /manifest\.python\.magicNumber must be 8 lowercase hex digits/,
    ],
    ['no bytecode field (what older builds wrote)', (m) => delete m.bytecode, /manifest\.bytecode is missing/],
    [
      'an unknown invalidation mode',
      (m) => {
        m.bytecode = { invalidationMode: 'timestamp' };
      },
      /manifest\.bytecode\.invalidationMode must be "checked-hash" or "unchecked-hash"/,
    ],
    [
      'pyc hashes in a build without bytecode',
      (m) => {
        m.modules[0].pyc = { '': { size: 1, sha256: '0'.repeat(64) } };
      },
      /manifest\.modules\[0\] \(shop\/__init__\.py\) has "pyc" but manifest\.bytecode is null/,
    ],
    [
      'a path used twice',
      (m) => {
        (m.modules[1].cache as Json)[''] = m.modules[0].source;
      },
      /manifest\.modules\[1\]\.cache\[""\] is "shop\/__init__\.py", the same file as manifest\.modules\[0\]\.source/,
    ],
  ])('%s', async (_name, change, message) => {
    expect(await refused(spoiled(change))).toMatch(message);
  });

  it('checks pyc entries like the sources, and their levels against cache', () => {
    const pycs = new Map(manifestFor(files).modules.map((m) => [m.cache[''] ?? '', new Uint8Array(20)]));
    const good = JSON.parse(JSON.stringify(manifestFor(files, '3.14', [0], pycs))) as Json & { modules: Json[] };
    expect(validateManifest(good)).toEqual(good);
    const noLevel = structuredClone(good);
    noLevel.modules[0].pyc = {};
    expect(() => validateManifest(noLevel)).toThrow(
      /manifest\.modules\[0\]\.pyc \(shop\/__init__\.py\) has the levels \[\] but its cache has \[""\]/,
    );
    const badSize = structuredClone(good);
    (badSize.modules[2].pyc as Record<string, Json>)[''].size = '20';
    expect(() => validateManifest(badSize)).toThrow(
      /manifest\.modules\[2\]\.pyc\[""\]\.size \(shop\/[^)]+\) must be a whole number of bytes, not "20" \(a string\)/,
    );
    const missing = structuredClone(good);
    delete missing.modules[1].pyc;
    expect(() => validateManifest(missing)).toThrow(
      /manifest\.modules\[1\] \(shop\/[^)]+\) has no "pyc": manifest\.bytecode says the build compiled every module/,
    );
  });
});

describe('installModules options', () => {
  it.each<[Record<string, unknown>, RegExp]>([
    [
      { bytecodes: false },
      /installModules has no option "bytecodes"; the options are baseUrl, files, fetch, root, optimization, bytecode, verify/,
    ],
    [{ verfy: false }, /installModules has no option "verfy"/],
    [{ verify: 'no' }, /installModules option verify must be true or false, not "no"/],
    [{ bytecode: 'yes' }, /installModules option bytecode must be true, false or 'auto', not "yes"/],
  ])('%o is an error', async (options, message) => {
    expect(
      await refused(
        spoiled(() => {}),
        options,
      ),
    ).toMatch(message);
  });
});
