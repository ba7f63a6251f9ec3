// A codec name is any string a user writes: no lookup table may answer from Object.prototype. The expected
// errors are CPython's (`codecs.lookup('constructor')` is `LookupError: unknown encoding: constructor` in every
// version; checked live against the CPython of helpers/cpython.ts).
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeSource, LookupError, lookupCodec } from '../../src/index.js';
import { cpython, runCPython } from '../helpers/cpython.js';

const PROTOTYPE_NAMES = [
  'constructor',
  'CONSTRUCTOR',
  'Constructor',
  'toString',
  'tostring',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'propertyIsEnumerable',
  'toLocaleString',
];

describe('codec names that Object.prototype knows', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`decodeBytes(b'a', ${JSON.stringify(name)}) and lookupCodec are LookupError: unknown encoding`, () => {
      for (const target of ['3.6', '3.8', '3.12', '3.14']) {
        expect(() => decodeBytes(Uint8Array.of(0x61), name, { target })).toThrow(LookupError);
        expect(() => decodeBytes(Uint8Array.of(0x61), name, { target })).toThrow(`unknown encoding: ${name}`);
        expect(() => lookupCodec(name, { target })).toThrow(`unknown encoding: ${name}`);
      }
    });
  }

  it('a source declaring such a coding is the SyntaxError CPython gives', () => {
    const source = new TextEncoder().encode('# coding: constructor\nx = 1\n');
    expect(() => decodeSource(source, { target: '3.12' })).toThrow(SyntaxError);
    expect(() => decodeSource(source, { target: '3.12' })).toThrow('unknown encoding: constructor');
  });

  it.skipIf(!cpython)('CPython agrees on every name', () => {
    const answers = JSON.parse(
      runCPython(
        "import json,sys\nout=[]\nfor n in json.load(sys.stdin):\n  try: b'a'.decode(n); out.append('ok')\n  except Exception as e: out.append(f'{type(e).__name__}: {e}')\nprint(json.dumps(out))",
        new TextEncoder().encode(JSON.stringify(PROTOTYPE_NAMES)),
      ),
    ) as string[];
    PROTOTYPE_NAMES.forEach((name, i) => {
      let ours: string;
      try {
        decodeBytes(Uint8Array.of(0x61), name, { target: '3.12' });
        ours = 'ok';
      } catch (e) {
        ours = `${(e as Error).name}: ${(e as Error).message}`;
      }
      expect(ours, name).toBe(answers[i]);
    });
  });
});
