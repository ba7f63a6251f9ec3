// Reads the committed codec/decoding fixtures (written by scripts/generate-codec-fixtures.mjs from the interpreters).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One interpreter answer: a value, or an exception class and message (UnicodeDecodeError adds its fields). */
export interface Answer {
  ok?: unknown;
  error?: string;
  message?: string;
  start?: number;
  end?: number;
  reason?: string;
  encoding?: string;
}

/** Answers grouped by the versions that gave them. */
export type Grouped = [string[], Answer][];

/** Loads `fixtures/<rel>` (gzip'd JSON). */
export function loadFixture<T>(rel: string): T {
  return JSON.parse(gunzipSync(readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url))).toString('utf8')) as T;
}

/** Hex to bytes. */
/**
 * The text as CPython's `text.encode('utf-8', 'surrogatepass')` gives it, for comparing with answers hashed that
 * way: a lone surrogate becomes its three bytes (ED A0 80...) instead of the U+FFFD that `Buffer.from(text, 'utf8')`
 * writes, so a decoder that rightly returns one is not reported as a miss.
 */
export function utf8SurrogatePass(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Buffer.from(out);
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Every version of a grouped answer list, with its answer. */
export function* perVersion(grouped: Grouped): Generator<[string, Answer]> {
  for (const [versions, answer] of grouped) for (const v of versions) yield [v, answer];
}

/** Runs `fn` and describes the outcome the way the fixtures do. */
export function outcome(fn: () => unknown): Answer {
  try {
    return { ok: fn() };
  } catch (e) {
    const err = e as Error & { start?: number; end?: number; reason?: string; encoding?: string };
    const out: Answer = { error: err.name, message: err.message };
    if (err.name === 'UnicodeDecodeError')
      Object.assign(out, { start: err.start, end: err.end, reason: err.reason, encoding: err.encoding });
    return out;
  }
}
