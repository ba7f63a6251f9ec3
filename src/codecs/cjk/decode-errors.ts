/** The two reasons CJK decoders give, and the error constructors the codecs share. */
import { UnicodeDecodeError } from '../../errors.js';
import { wrapsCodecErrors } from '../wrap-codec-error.js';

/** `UnicodeDecodeError` for an illegal sequence of `size` bytes at `start`. */
export function illegal(encoding: string, bytes: Uint8Array, start: number, size: number): UnicodeDecodeError {
  return new UnicodeDecodeError(encoding, bytes, start, start + size, 'illegal multibyte sequence');
}

/** `UnicodeDecodeError` for a sequence that the input ends inside: it covers everything from `start` on. */
export function incomplete(encoding: string, bytes: Uint8Array, start: number): UnicodeDecodeError {
  return new UnicodeDecodeError(encoding, bytes, start, bytes.length, 'incomplete multibyte sequence');
}

/**
 * CPython's `RuntimeError` (raised by iso2022_jp_2 for a single shift ESC N after ESC . J, where its G2
 * handling has no case: "internal codec error"). 3.4 to 3.11's `bytes.decode` wrapped it in a new
 * RuntimeError whose message names the codec.
 */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** The internal codec error, with the message of CPython 3.`minor`. */
export function internalCodecError(encoding: string, minor: number): RuntimeError {
  const message = 'internal codec error';
  return new RuntimeError(wrapsCodecErrors(minor) ? `decoding with '${encoding}' codec failed (RuntimeError: ${message})` : message);
}
