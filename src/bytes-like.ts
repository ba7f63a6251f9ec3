import { pyTypeName } from './python-values.js';

/**
 * What CPython's buffer protocol accepts, in JavaScript: any typed array or `DataView` (read as the bytes it
 * holds, whatever its element type: an `Int8Array` of `[-1, 97]` is `b'\xffa'`, a `Float64Array` its 8 bytes per
 * element in the platform's order, as `memoryview(array.array('d', …))` is) or an `ArrayBuffer`.
 */
export type BytesLike = ArrayBufferView | ArrayBuffer;

/**
 * The bytes a {@link BytesLike} holds, as a `Uint8Array` over the same memory (no copy); anything else is
 * CPython's `TypeError: a bytes-like object is required, not 'str'`.
 */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer))
    return new Uint8Array(value);
  throw new TypeError(`a bytes-like object is required, not '${pyTypeName(value)}'`);
}
