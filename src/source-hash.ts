import type { BytesLike } from './bytes-like.js';
import { bytesOf } from './bytes-like.js';
import { AttributeError, NotImplementedError } from './errors.js';
import { siphash } from './siphash.js';
import type { PythonTarget, PythonTargetSpec } from './target.js';
import { minorOf, pythonTarget } from './target.js';

/**
 * `importlib.util.source_hash(source_bytes)` (3.7+): the 8 bytes a hash-based `.pyc` (PEP 552) stores.
 * CPython keys SipHash with the target's magic number: SipHash-2-4 in 3.7-3.10, SipHash-1-3 from 3.11,
 * whatever `sys.hash_info` says. Before 3.7 the function does not exist (`AttributeError`).
 */
export function sourceHash(data: BytesLike, options: { target?: PythonTarget | PythonTargetSpec } = {}): Uint8Array {
  const target = pythonTarget(options.target);
  const minor = minorOf(target);
  if (minor < 7) throw new AttributeError("module 'importlib.util' has no attribute 'source_hash'");
  if (target.implementation === 'graalpy') {
    // GraalPy's `_imp.source_hash` is not SipHash: its magic number XOR its own buffer hash (ImpModuleBuiltins).
    throw new NotImplementedError('source_hash of GraalPy (its _imp.source_hash is not SipHash) is not modelled');
  }
  const bytes = bytesOf(data);
  const m = target.magicNumber;
  // The key is int.from_bytes(MAGIC_NUMBER, 'little'): a 32-bit value, so the key's high word is 0.
  const key = (m[0] | (m[1] << 8) | (m[2] << 16) | (m[3] << 24)) >>> 0;
  // PyPy keeps SipHash-2-4 in every version (`siphash24_with_key(content, r_uint64(magic))`, `source_hash` in
  // pypy/module/imp/interp_imp.py at release-pypy3.11-v7.3.23); CPython moved to SipHash-1-3 in 3.11.
  return minor >= 11 && target.implementation === 'cpython'
    ? siphash(1, 3, 0, key, 0, 0, bytes)
    : siphash(2, 4, 0, key, 0, 0, bytes);
}
