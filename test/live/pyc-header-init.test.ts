// writePycHeader's fields are checked, and numbers are stored as CPython's _pack_uint32 stores them
// (`(int(x) & 0xFFFFFFFF).to_bytes(4, 'little')`): NaN is int()'s ValueError, an infinity its OverflowError,
// negative, huge and fractional values are reduced as int() and the mask reduce them. Compared live with
// importlib._bootstrap_external._pack_uint32 of the CPython in helpers/cpython.ts.
import { describe, expect, it } from 'vitest';
import { OverflowError, ValueError, writePycHeader } from '../../src/index.js';
import type { PycHeaderInit } from '../../src/index.js';
import { cpython, runCPython } from '../helpers/cpython.js';

const bad = (init: unknown) => () => writePycHeader(init as PycHeaderInit);

describe('writePycHeader checks its fields', () => {
  it('an unknown kind is ValueError naming kind (it silently wrote an unchecked-hash header)', () => {
    for (const kind of ['checked_hash', 'Timestamp', 'hash', '']) {
      expect(bad({ target: '3.12', kind, sourceHash: new Uint8Array(8) }), kind).toThrow(ValueError);
      expect(bad({ target: '3.12', kind, sourceHash: new Uint8Array(8) }), kind).toThrow(
        `kind must be 'timestamp', 'checked-hash' or 'unchecked-hash', not ${JSON.stringify(kind)}`,
      );
    }
    expect(bad({ kind: 1 })).toThrow(TypeError);
    expect(bad({ kind: 1 })).toThrow("kind must be 'timestamp', 'checked-hash' or 'unchecked-hash', not 'int'");
  });

  it("NaN is int()'s ValueError and an infinity its OverflowError, naming the field", () => {
    expect(bad({ mtime: Number.NaN })).toThrow(ValueError);
    expect(bad({ mtime: Number.NaN })).toThrow('mtime: cannot convert float NaN to integer');
    expect(bad({ mtime: Number.POSITIVE_INFINITY })).toThrow(OverflowError);
    expect(bad({ sourceSize: Number.NEGATIVE_INFINITY })).toThrow(
      'sourceSize: cannot convert float infinity to integer',
    );
    expect(bad({ target: '3.2', mtime: Number.NaN })).toThrow(ValueError);
  });

  it('non-numbers, unknown fields and a short sourceHash are refused by name', () => {
    expect(bad({ mtime: '5' })).toThrow("mtime must be a number, not 'str'");
    expect(bad({ sourceSize: null })).toThrow("sourceSize must be a number, not 'NoneType'");
    expect(bad({ mtim: 5 })).toThrow(TypeError);
    expect(bad({ mtim: 5 })).toThrow('unknown writePycHeader field "mtim"');
    expect(bad('3.12')).toThrow(TypeError);
    expect(bad({ target: '3.12', kind: 'checked-hash', sourceHash: new Uint8Array(7) })).toThrow(ValueError);
    expect(bad({ target: '3.12', kind: 'checked-hash', sourceHash: new Uint8Array(7) })).toThrow(
      'sourceHash must be 8 bytes',
    );
    expect(bad({ target: '3.12', kind: 'unchecked-hash' })).toThrow(
      'a unchecked-hash header needs source or sourceHash',
    );
    expect(bad({ target: '3.12', kind: 'unchecked-hash', source: 'x = 1' })).toThrow(
      "a bytes-like object is required, not 'str'",
    );
  });

  it.skipIf(!cpython)("stores numbers as CPython's _pack_uint32 does (negative, huge, fractional, bigint)", () => {
    const values: (number | bigint)[] = [
      0,
      1,
      -1,
      -1.5,
      1.5,
      2 ** 32 + 5,
      1e20,
      -1e20,
      2 ** 53,
      -(2 ** 31),
      4294967295.9,
      2n ** 70n + 3n,
      -5n,
    ];
    const expected = JSON.parse(
      runCPython(
        'import json,sys\nfrom importlib._bootstrap_external import _pack_uint32\nprint(json.dumps([_pack_uint32(int(v) if isinstance(v, str) else v).hex() for v in json.load(sys.stdin)]))',
        new TextEncoder().encode(JSON.stringify(values.map((v) => (typeof v === 'bigint' ? v.toString() : v)))),
      ),
    ) as string[];
    values.forEach((v, i) => {
      const header = writePycHeader({ target: '3.12', mtime: v, sourceSize: v });
      expect(Buffer.from(header.subarray(8, 12)).toString('hex'), `mtime ${v}`).toBe(expected[i]);
      expect(Buffer.from(header.subarray(12, 16)).toString('hex'), `sourceSize ${v}`).toBe(expected[i]);
    });
    const classes = runCPython(
      "from importlib._bootstrap_external import _pack_uint32\nfor v in (float('nan'), float('inf')):\n  try: _pack_uint32(v)\n  except Exception as e: print(type(e).__name__)",
    ).split('\n');
    expect(classes).toEqual(['ValueError', 'OverflowError']);
  });
});
