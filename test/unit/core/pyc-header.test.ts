import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPycHeader, sourceHash, writePycHeader } from '../../../src/index.js';

interface Pyc {
  mode: 'timestamp' | 'checked-hash' | 'unchecked-hash';
  source: string;
  mtime: number;
  size: number;
  header: string;
  source_hash?: string;
}
interface Check {
  label: string;
  hex: string;
  ok?: number;
  error?: string;
  message?: string;
}
/** Headers of real .pyc files written by py_compile (scripts/generate-pyc-fixtures.mjs). */
const runs: { interpreter: string; version: string; final: boolean; pycs: Pyc[]; checks: Check[] }[] = JSON.parse(
  readFileSync(new URL('../../../fixtures/pyc/headers.json', import.meta.url), 'utf8'),
);
const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe.each(runs.map((r) => [r.interpreter, r] as const))('.pyc headers written by %s', (_name, run) => {
  it('readPycHeader reads what py_compile wrote', () => {
    for (const pyc of run.pycs) {
      const h = readPycHeader(hex(pyc.header));
      expect(h.version).toBe(run.version);
      // A release candidate's number is a prerelease's (3.15.0rc1 here), as the interpreter's releaselevel says.
      expect(h.final).toBe(run.final);
      expect(h.kind).toBe(pyc.mode);
      if (pyc.mode === 'timestamp') {
        expect(h.mtime).toBe(pyc.mtime);
        expect(h.sourceSize).toBe(pyc.size);
      } else {
        expect(toHex(h.sourceHash!)).toBe(pyc.source_hash);
      }
    }
  });

  it('writePycHeader writes the same bytes', () => {
    for (const pyc of run.pycs) {
      const header = writePycHeader({ target: run.version, kind: pyc.mode, mtime: pyc.mtime, source: hex(pyc.source) });
      expect(toHex(header)).toBe(pyc.header.slice(0, header.length * 2));
    }
  });

  it('sourceHash equals importlib.util.source_hash', () => {
    for (const pyc of run.pycs.filter((p) => p.source_hash)) {
      expect(toHex(sourceHash(hex(pyc.source), { target: run.version }))).toBe(pyc.source_hash);
    }
  });

  it("readPycHeader judges damaged headers as importlib's _classify_pyc does", () => {
    for (const check of run.checks) {
      const read = (): unknown => readPycHeader(hex(check.hex), { target: run.version, name: 'mod' });
      if (check.error)
        expect(read, check.label).toThrowError(expect.objectContaining({ name: check.error, message: check.message }));
      else expect((read() as { flags: number }).flags, check.label).toBe(check.ok);
    }
  });
});

describe('.pyc layouts before 3.7 (read from CPython 3.0-3.6 sources)', () => {
  it('3.0-3.2 write magic + mtime (8 bytes); 3.3-3.6 add the size (12 bytes)', () => {
    expect(toHex(writePycHeader({ target: '3.2', mtime: 0x01020304 }))).toBe('6c0c0d0a04030201');
    expect(toHex(writePycHeader({ target: '3.4', mtime: 1, sourceSize: 2 }))).toBe('ee0c0d0a0100000002000000');
    expect(readPycHeader(hex('6c0c0d0a04030201'))).toMatchObject({ version: '3.2', headerSize: 8, mtime: 0x01020304 });
  });
  it('hash-based headers need 3.7 (PEP 552)', () => {
    expect(() => writePycHeader({ target: '3.6', kind: 'checked-hash', source: new Uint8Array() })).toThrow(/3\.7/);
  });
  it('mtime and size are stored mod 2**32, as _pack_uint32 does', () => {
    const h = writePycHeader({ target: '3.12', mtime: 2 ** 32 + 5, sourceSize: -1 });
    expect(readPycHeader(h)).toMatchObject({ mtime: 5, sourceSize: 0xffffffff });
  });
  it('3.3-3.6 truncation messages (_validate_bytecode_header)', () => {
    expect(() => readPycHeader(hex('ee0c0d0a0100'), { target: '3.4', name: 'm' })).toThrow(
      "reached EOF while reading timestamp in 'm'",
    );
    expect(() => readPycHeader(hex('ee0c0d0a0100000002'), { target: '3.4', name: 'm' })).toThrow(
      "reached EOF while reading size of source in 'm'",
    );
  });
  it('an unknown magic number is ImportError with the bytes repr', () => {
    expect(() => readPycHeader(hex('0000000000000000'))).toThrow(
      "bad magic number in '<bytecode>': b'\\x00\\x00\\x00\\x00'",
    );
  });
});
