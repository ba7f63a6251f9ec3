// The bundle archive: a deterministic stored ZIP (plugins/common/archive.ts) that CPython's zipfile reads
// as written, and the isomorphic reader (src/pyodide/archive.ts) that refuses anything else or anything damaged.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../../plugins/common/archive.js';
import { ArchiveError, crc32, readArchive } from '../../src/pyodide/archive.js';
import { loadPython } from '../../src/pyodide/index.js';
import type { PyodideLike } from '../../src/pyodide/index.js';

const enc = new TextEncoder();
const FILES: [string, Uint8Array][] = [
  ['pkg/__init__.py', enc.encode('from . import mod\n')],
  ['pkg/mod.py', enc.encode('X = "é"\n')],
  ['pkg/__pycache__/mod.cpython-314.pyc', Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff)],
  ['pkg/données.py', new Uint8Array(0)],
];

/** Runs system Python's zipfile on the archive (an independent reader). */
function pythonZipfile(
  archive: Uint8Array,
): { name: string; crc: number; method: number; date: number[]; data: string; flag: number }[] {
  const script = `
import sys, zipfile, io, json
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
print(json.dumps([{'name': i.filename, 'crc': i.CRC, 'method': i.compress_type, 'date': list(i.date_time), 'data': z.read(i).hex(), 'flag': i.flag_bits} for i in z.infolist()]))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: archive }).toString('utf8'));
}

describe('bundle archive', () => {
  it('is deterministic: entries sorted, the same bytes whatever the input order', () => {
    const a = writeArchive(FILES);
    const b = writeArchive([...FILES].reverse());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("is what CPython's zipfile reads: stored entries, 1980-01-01, CRC-32s, UTF-8 names flagged", () => {
    const seen = pythonZipfile(writeArchive(FILES));
    expect(seen.map((e) => e.name)).toEqual([
      'pkg/__init__.py',
      'pkg/__pycache__/mod.cpython-314.pyc',
      'pkg/donn\u00e9es.py',
      'pkg/mod.py',
    ]);
    for (const entry of seen) {
      const [, data] = FILES.find(([name]) => name === entry.name)!;
      expect(entry.data).toBe(Buffer.from(data).toString('hex'));
      expect(entry.crc).toBe(crc32(data));
      expect(entry.method).toBe(0);
      expect(entry.date).toEqual([1980, 1, 1, 0, 0, 0]);
      expect(entry.flag & 0x800).toBe(entry.name.includes('é') ? 0x800 : 0);
    }
  });

  it('reads back every file as written', () => {
    const files = readArchive(writeArchive(FILES));
    expect([...files.keys()].sort()).toEqual(FILES.map(([n]) => n).sort());
    for (const [name, data] of FILES) expect(files.get(name)).toEqual(data);
  });

  it('refuses a damaged entry, naming it', () => {
    const archive = writeArchive(FILES);
    const at = Buffer.from(archive).indexOf('X = ');
    archive[at] ^= 1;
    expect(() => readArchive(archive, 'b.zip')).toThrow(ArchiveError);
    expect(() => readArchive(archive, 'b.zip')).toThrow(
      /^pycache-kit\/pyodide: b\.zip: pkg\/mod\.py is corrupt \(CRC-32 [0-9a-f]{8}, expected [0-9a-f]{8}\)$/,
    );
  });

  it('refuses compressed entries, unsafe names and non-archives', () => {
    const deflated = execFileSync('python3', [
      '-c',
      `
import sys, zipfile, io
b = io.BytesIO()
with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('pkg/mod.py', 'x = 1\\n' * 100)
sys.stdout.buffer.write(b.getvalue())`,
    ]);
    expect(() => readArchive(new Uint8Array(deflated))).toThrow(/pkg\/mod\.py is compressed \(method 8\)/);
    expect(() => readArchive(writeArchive([['../evil.py', enc.encode('')]]))).toThrow(
      /entry "\.\.\/evil\.py" is not a relative POSIX path/,
    );
    expect(() => readArchive(enc.encode('<html>not found</html>'))).toThrow(/not a ZIP archive/);
  });
});

describe('loadPython fetches while Pyodide boots, and checks the archive before installing anything', () => {
  it('an archive the server changed is refused, naming it and both hashes', async () => {
    const archive = writeArchive([['m.py', enc.encode('A = 1\n')]]);
    const manifest = {
      format: 'pycache-manifest@1',
      python: { version: '3.14', cacheTag: 'cpython-314', magicNumber: '2b0e0d0a' },
      bytecode: null,
      modules: [
        {
          module: 'm',
          source: 'm.py',
          cache: { '': '__pycache__/m.cpython-314.pyc' },
          encoding: 'utf-8',
          size: 6,
          sha256: '0'.repeat(64),
        },
      ],
      archive: { file: 'b.zip', size: archive.byteLength, sha256: 'f'.repeat(64) },
    };
    const served: Record<string, Uint8Array> = {
      'https://x.test/py/m.json': enc.encode(JSON.stringify(manifest)),
      'https://x.test/py/b.zip': archive,
    };
    const requested: string[] = [];
    const writes: string[] = [];
    const stub: PyodideLike = {
      FS: {
        mkdirTree: () => {},
        writeFile: (p: string) => void writes.push(p),
        unlink: () => {},
        readFile: () => new Uint8Array(),
        rmdir: () => {},
      },
      runPython: () => {
        throw new Error('not reached');
      },
    };
    // Pyodide "boots" until the archive has been requested: a loadPython that waited for the boot before
    // fetching would never finish.
    let archiveRequested: () => void = () => {};
    const requestedArchive = new Promise<void>((resolve) => {
      archiveRequested = resolve;
    });
    const error = await loadPython('https://x.test/py/m.json', {
      loadPyodide: () => requestedArchive.then(() => stub),
      fetch: async (url) => {
        requested.push(url);
        if (url.endsWith('.zip')) archiveRequested();
        const body = served[url];
        return {
          ok: body !== undefined,
          status: body ? 200 : 404,
          arrayBuffer: async () => (body ?? new Uint8Array(0)).slice().buffer,
        };
      },
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(
      /b\.zip has SHA-256 [0-9a-f]{64} but the manifest says f{64}; it was changed after the build or served rewritten/,
    );
    expect(requested).toEqual(['https://x.test/py/m.json', 'https://x.test/py/b.zip']);
    expect(writes).toEqual([]);
  });
});
