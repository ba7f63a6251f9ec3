// CPython 3.0-3.4 are not on this machine: these cases are derived from their sources (3.4's
// Lib/importlib/_bootstrap.py; 3.2 imp C code; 3.0/3.1 py_compile), so they say what each one reads.
import { describe, expect, it } from 'vitest';
import { cacheFromSource, sourceFromCache } from '../../../src/index.js';

describe('3.2-3.4: .pyc/.pyo and the first dot', () => {
  it('the tag goes after the FIRST dot (tail.partition), unlike 3.5+', () => {
    expect(cacheFromSource('/a/b.c.py', { target: '3.4' })).toBe('/a/__pycache__/b.cpython-34.pyc');
    expect(cacheFromSource('/a/b.c.py', { target: '3.5' })).toBe('/a/__pycache__/b.c.cpython-35.pyc');
  });
  it('-O gives .pyo; debugOverride decides when given', () => {
    expect(cacheFromSource('/a/b.py', { target: { version: '3.3', optimize: 1 } })).toBe(
      '/a/__pycache__/b.cpython-33.pyo',
    );
    expect(cacheFromSource('/a/b.py', { target: '3.3', debugOverride: false })).toBe('/a/__pycache__/b.cpython-33.pyo');
  });
  it('optimization= does not exist yet', () => {
    expect(() => cacheFromSource('/a/b.py', { target: '3.4', optimization: 1 })).toThrow(
      "unexpected keyword argument 'optimization'",
    );
  });
  it('source_from_cache wants exactly 2 dots', () => {
    expect(sourceFromCache('/a/__pycache__/b.cpython-34.pyc', { target: '3.4' })).toBe('/a/b.py');
    expect(() => sourceFromCache('/a/__pycache__/b.cpython-34.opt-1.pyc', { target: '3.4' })).toThrow(
      "expected only 2 dots in 'b.cpython-34.opt-1.pyc'",
    );
  });
});

describe('3.0-3.1: bytecode beside the source', () => {
  it('x.py → x.pyc, or x.pyo under -O', () => {
    expect(cacheFromSource('/a/b.py', { target: '3.1' })).toBe('/a/b.pyc');
    expect(cacheFromSource('/a/b.py', { target: { version: '3.0', optimize: 2 } })).toBe('/a/b.pyo');
    expect(sourceFromCache('/a/b.pyo', { target: '3.1' })).toBe('/a/b.py');
  });
});
