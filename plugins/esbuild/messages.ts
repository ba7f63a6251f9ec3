import { relative, sep } from 'node:path';
import type { PartialMessage } from 'esbuild';
import { decodeBytes, UnicodeDecodeError } from '../../src/light.js';
import { PythonDecodeError } from '../common/decode-error.js';

/**
 * esbuild's message for a Python file that failed to load: for a {@link PythonDecodeError} the text is CPython's
 * reason and `location` carries the file (relative to `workingDir`, as esbuild names files in its own messages),
 * the 1-based line, the column in bytes of `lineText` (esbuild's convention) and the line itself, so esbuild
 * prints `py/bad.py:3:8:` with the line and a caret under the bad byte. Bytes that do not decode are shown as
 * `\xNN`. Any other error (a file under no root) names the file.
 */
export function loadErrorMessage(error: Error, file: string, bytes: Uint8Array, workingDir: string): PartialMessage {
  const path = relative(workingDir, file).split(sep).join('/');
  if (!(error instanceof PythonDecodeError)) return { text: error.message, location: { file: path }, detail: error };
  const { start, end } = lineBounds(bytes, error.line);
  const cause = error.cause;
  if (cause instanceof UnicodeDecodeError) {
    // The codec may have seen a suffix of the file (utf-8-sig strips the BOM first), as in toDecodeError.
    const offset = cause.object.length <= bytes.length ? bytes.length - cause.object.length : 0;
    const bad = Math.min(Math.max(offset + cause.start, start), end);
    const lineStart =
      start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && bad >= 3 ? 3 : start;
    let prefix: string;
    try {
      prefix = decodeBytes(bytes.subarray(lineStart, bad), cause.encoding);
    } catch {
      prefix = escapeBytes(bytes.subarray(lineStart, bad));
    }
    const rest = escapeBytes(bytes.subarray(bad, end));
    const badLength = Math.min(rest.length, 4 * Math.max(1, cause.end - cause.start));
    const lineText = prefix + rest;
    return message(error, path, lineText, Buffer.byteLength(prefix), badLength);
  }
  return message(error, path, escapeBytes(bytes.subarray(start, end)), 0, 0);
}

function message(
  error: PythonDecodeError,
  file: string,
  lineText: string,
  column: number,
  length: number,
): PartialMessage {
  return {
    text: `cannot decode Python source: ${error.reason}`,
    location: { file, line: error.line, column, length, lineText },
    detail: error,
  };
}

/** Byte bounds of 1-based `line` (universal newlines, as `positionOf` counts them), without its line end. */
function lineBounds(bytes: Uint8Array, line: number): { start: number; end: number } {
  let current = 1;
  let start = 0;
  for (let i = 0; i < bytes.length && current < line; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) {
      current++;
      start = i + 1;
    }
  }
  let end = start;
  while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  return { start, end };
}

/** Printable ASCII as itself, every other byte as `\xNN`: a line that does not decode, shown unambiguously. */
function escapeBytes(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes)
    text +=
      (byte === 0x09 || (byte >= 0x20 && byte < 0x7f)) && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  return text;
}
