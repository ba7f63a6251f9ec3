// CPython's error classes live in one module (src/errors.ts) and the package exports exactly those, with
// CPython's hierarchy (`issubclass(UnicodeDecodeError, ValueError)`, `issubclass(IndexError, LookupError)`…).
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/errors.js';
import * as pkg from '../../../src/index.js';
import * as light from '../../../src/light.js';

const isErrorClass = (v: unknown): v is new (...a: never[]) => Error =>
  typeof v === 'function' && v.prototype instanceof Error;

describe('error classes', () => {
  it('every error class the package exports is the one of src/errors.ts, and all of them are exported', () => {
    const exported = Object.entries(pkg).filter(([, v]) => isErrorClass(v));
    const defined = Object.entries(errors).filter(([, v]) => isErrorClass(v));
    expect(exported.map(([k]) => k).sort()).toEqual(defined.map(([k]) => k).sort());
    for (const [name, cls] of exported) {
      expect(cls, name).toBe((errors as Record<string, unknown>)[name]);
      expect((light as Record<string, unknown>)[name], name).toBe(cls);
    }
  });

  it("each class's name is CPython's and its bases are CPython's", () => {
    const bases: [keyof typeof errors, string[]][] = [
      ['ValueError', []],
      ['LookupError', []],
      ['IndexError', ['LookupError']],
      ['UnicodeError', ['ValueError']],
      ['UnicodeDecodeError', ['UnicodeError', 'ValueError']],
      ['UnicodeEncodeError', ['UnicodeError', 'ValueError']],
      ['RuntimeError', []],
      ['OverflowError', []],
    ];
    for (const [name, parents] of bases) {
      const cls = errors[name] as unknown as new (...a: unknown[]) => Error;
      const e =
        name === 'UnicodeDecodeError'
          ? new errors.UnicodeDecodeError('utf-8', Uint8Array.of(0xff), 0, 1, 'invalid start byte')
          : new cls('x');
      expect(e.name).toBe(name);
      for (const p of parents)
        expect(e, `${name} is a ${p}`).toBeInstanceOf(errors[p as keyof typeof errors] as unknown as typeof Error);
    }
    expect(new errors.PythonSyntaxError('x').name).toBe('SyntaxError');
    expect(new errors.PythonSyntaxError('x')).toBeInstanceOf(SyntaxError);
  });
});
