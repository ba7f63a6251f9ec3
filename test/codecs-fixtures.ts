// Reads the committed codec/decoding fixtures (written by scripts/fixtures/codecs.mjs from the interpreters).
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
  return JSON.parse(gunzipSync(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url))).toString('utf8')) as T;
}

/** Hex to bytes. */
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
    if (err.name === 'UnicodeDecodeError') Object.assign(out, { start: err.start, end: err.end, reason: err.reason, encoding: err.encoding });
    return out;
  }
}

/**
 * Whether an outcome is one of the documented gaps (docs/decoding.md): idna `xn--` and over-long labels, and
 * `unicode_escape`'s `\N{name}`, which throw `NotImplementedError` instead of guessing.
 */
export function isDocumentedGap(a: Answer): boolean {
  return a.error === 'NotImplementedError' && /^idna:|\\N\{/.test(a.message ?? '');
}
