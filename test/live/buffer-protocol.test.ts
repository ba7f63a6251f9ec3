// CPython takes any buffer as the bytes it holds (`str(array.array('b', [-1, 97]), 'latin-1')` is 'ÿa'): every
// typed array and DataView is read as its bytes. The answers come from the CPython of helpers/cpython.ts,
// given the same bytes through `array.array` / `memoryview`.
import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  decodeSource,
  detectEncoding,
  readPycHeader,
  sourceHash,
  UnicodeDecodeError,
  versionForMagic,
  writePycHeader,
} from '../../src/index.js';
import * as light from '../../src/light.js';
import { cpython, runCPython } from '../helpers/cpython.js';

const views = (): [string, ArrayBufferView | ArrayBuffer][] => {
  const f64 = new Float64Array([1.5, -2.25e300, Number.NaN]);
  const i16 = new Int16Array([0x6261, -1, 0x0a63]);
  const backing = new Uint8Array([0x20, 0x41, 0xc3, 0xa9, 0x0a, 0x42]);
  return [
    ['Int8Array [-1, 97]', new Int8Array([-1, 97])],
    ['Int8Array valid UTF-8 [-61, -87]', new Int8Array([-61, -87])],
    ['Float64Array', f64],
    ['Int16Array', i16],
    ['Uint16Array', new Uint16Array([0x00e9, 0x4e2d])],
    ['Uint32Array', new Uint32Array([0x61626364])],
    ['BigInt64Array', new BigInt64Array([-2n])],
    ['Uint8ClampedArray', new Uint8ClampedArray([0xff, 0x41])],
    ['DataView over part of a buffer', new DataView(backing.buffer, 1, 4)],
    ['Int8Array at an offset', new Int8Array(backing.buffer, 2, 3)],
    ['ArrayBuffer', backing.buffer.slice(1, 5)],
  ];
};

const bytesOfView = (v: ArrayBufferView | ArrayBuffer) =>
  v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
const outcome = (f: () => unknown) => {
  try {
    const v = f();
    return v instanceof Uint8Array ? { ok: Buffer.from(v).toString('hex') } : { ok: v };
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
};
const CODECS = ['utf-8', 'latin-1', 'ascii', 'utf-16', 'cp1252'];

describe('typed arrays and DataViews are the bytes they hold', () => {
  it('the same answers as the bytes themselves (decodeBytes, decodeSource, detectEncoding, sourceHash; full and light)', () => {
    for (const [what, view] of views()) {
      const bytes = Uint8Array.from(bytesOfView(view));
      for (const codec of CODECS) {
        expect(
          outcome(() => decodeBytes(view, codec, { target: '3.12' })),
          `${what} ${codec}`,
        ).toEqual(outcome(() => decodeBytes(bytes, codec, { target: '3.12' })));
        expect(
          outcome(() => light.decodeBytes(view, codec === 'cp1252' ? 'utf-8' : codec, { target: '3.12' })),
          `${what} ${codec} light`,
        ).toEqual(outcome(() => decodeBytes(bytes, codec === 'cp1252' ? 'utf-8' : codec, { target: '3.12' })));
      }
      expect(
        outcome(() => decodeSource(view, { target: '3.12' })),
        what,
      ).toEqual(outcome(() => decodeSource(bytes, { target: '3.12' })));
      expect(
        outcome(() => detectEncoding(view, { target: '3.12' })),
        what,
      ).toEqual(outcome(() => detectEncoding(bytes, { target: '3.12' })));
      expect(
        outcome(() => sourceHash(view, { target: '3.12' })),
        what,
      ).toEqual(outcome(() => sourceHash(bytes, { target: '3.12' })));
    }
  });

  it("an Int8Array holding invalid UTF-8 is CPython's UnicodeDecodeError, never an internal error", () => {
    const err = outcome(() => decodeBytes(new Int8Array([-1, 97]), 'utf-8', { target: '3.12' }));
    expect(err).toEqual({
      error: 'UnicodeDecodeError',
      message: "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
    });
    expect(() => decodeSource(new Int8Array([0x61, 0x0a, 0x62, 0x0a, 0x63, -1]), { target: '3.12' })).toThrow(
      UnicodeDecodeError,
    );
  });

  it('.pyc headers and magic numbers read from any view of the bytes', () => {
    const header = writePycHeader({ target: '3.12', mtime: 5, sourceSize: 6 });
    const asInt8 = new Int8Array(header.buffer, header.byteOffset, header.byteLength);
    expect(readPycHeader(asInt8)).toEqual(readPycHeader(header));
    expect(readPycHeader(new DataView(header.buffer))).toEqual(readPycHeader(header));
    expect(versionForMagic(new Int8Array([-53, 13, 13, 10]))).toEqual(
      versionForMagic(Uint8Array.of(0xcb, 0x0d, 0x0d, 0x0a)),
    );
    const source = new Int16Array([0x3d78, 0x3120]);
    expect(writePycHeader({ target: '3.12', kind: 'checked-hash', source })).toEqual(
      writePycHeader({ target: '3.12', kind: 'checked-hash', source: Uint8Array.from(bytesOfView(source)) }),
    );
    expect(writePycHeader({ target: '3.12', source }).subarray(12)).toEqual(Uint8Array.of(4, 0, 0, 0));
  });

  it('a non-buffer is TypeError: a bytes-like object is required', () => {
    expect(() => decodeBytes('abc' as unknown as Uint8Array, 'utf-8')).toThrow(
      "a bytes-like object is required, not 'str'",
    );
    expect(() => decodeSource(7 as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => sourceHash([1, 2] as unknown as Uint8Array)).toThrow("a bytes-like object is required, not 'list'");
  });

  it.skipIf(!cpython)('CPython decodes the same bytes given as array.array / memoryview', () => {
    const cases = views().flatMap(([what, view]) =>
      CODECS.map((codec) => ({ what, codec, hex: Buffer.from(bytesOfView(view)).toString('hex') })),
    );
    const answers = JSON.parse(
      runCPython(
        "import json,sys,array,importlib.util\nout=[]\nfor c in json.load(sys.stdin):\n  a=array.array('b', bytes.fromhex(c['hex']))\n" +
          "  try: out.append({'ok': str(memoryview(a), c['codec']), 'hash': importlib.util.source_hash(a).hex()})\n" +
          "  except Exception as e: out.append({'error': type(e).__name__, 'message': str(e), 'hash': importlib.util.source_hash(a).hex()})\nprint(json.dumps(out))",
        new TextEncoder().encode(JSON.stringify(cases)),
      ),
    ) as ({ ok: string; hash: string } | { error: string; message: string; hash: string })[];
    const source = views();
    cases.forEach((c, i) => {
      const view = source.find(([w]) => w === c.what)?.[1] as ArrayBufferView;
      const { hash, ...answer } = answers[i];
      expect(
        outcome(() => decodeBytes(view, c.codec, { target: '3.12' })),
        `${c.what} ${c.codec}`,
      ).toEqual(answer);
      expect(Buffer.from(sourceHash(view, { target: '3.12' })).toString('hex'), c.what).toBe(hash);
    });
  });
});
