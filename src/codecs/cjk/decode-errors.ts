/** The two reasons CJK decoders give, and the error constructors the codecs share. */
import { RuntimeError, UnicodeDecodeError } from '../../errors.js';
import { wrapsCodecErrors } from '../wrap-codec-error.js';

export { RuntimeError };

/** `UnicodeDecodeError` for an illegal sequence of `size` bytes at `start`. */
export function illegal(encoding: string, bytes: Uint8Array, start: number, size: number): UnicodeDecodeError {
  return new UnicodeDecodeError(encoding, bytes, start, start + size, 'illegal multibyte sequence');
}

/** `UnicodeDecodeError` for a sequence that the input ends inside: it covers everything from `start` on. */
export function incomplete(encoding: string, bytes: Uint8Array, start: number): UnicodeDecodeError {
  return new UnicodeDecodeError(encoding, bytes, start, bytes.length, 'incomplete multibyte sequence');
}

/** The internal codec error, with the message of CPython 3.`minor`. */
export function internalCodecError(encoding: string, minor: number): RuntimeError {
  const message = 'internal codec error';
  return new RuntimeError(
    wrapsCodecErrors(minor) ? `decoding with '${encoding}' codec failed (RuntimeError: ${message})` : message,
  );
}
