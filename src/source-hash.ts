import type { BytesLike } from './bytes-like.js';
import { bytesOf } from './bytes-like.js';
import { AttributeError } from './errors.js';
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
  const bytes = bytesOf(data);
  const m = target.magicNumber;
  // The key is int.from_bytes(MAGIC_NUMBER, 'little'): a 32-bit value, so the key's high word is 0.
  const key = (m[0] | (m[1] << 8) | (m[2] << 16) | (m[3] << 24)) >>> 0;
  return minor >= 11 ? siphash(1, 3, 0, key, 0, 0, bytes) : siphash(2, 4, 0, key, 0, 0, bytes);
}
