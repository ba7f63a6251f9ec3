// Shared by the cjk*.test.ts files: the committed CJK fixtures (written by scripts/generate-cjk-fixtures.mjs from the
// interpreters) and the digest lines of scripts/fixtures/cjk-fixtures.py, computed from our decoders.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { getCjkDecoder } from '../../src/codecs/cjk/index.js';

/** One digest case: `(prefix + [L, T]).decode(codec)` for all L, T. */
export interface DigestCase {
  readonly codec: string;
  readonly prefix: string;
  /** 256 digests of 8 hex digits each, concatenated. */
  readonly digests: string;
}

/** One sample and CPython's answer. */
export interface Sample {
  readonly codec: string;
  readonly hex: string;
  /** Where a corpus sample's bytes come from (CPython's Lib/test/cjkencodings). */
  readonly source?: string;
  readonly text?: string;
  readonly error?: 'UnicodeDecodeError' | 'RuntimeError';
  readonly encoding?: string;
  readonly start?: number;
  readonly end?: number;
  readonly reason?: string;
  readonly message?: string;
}

/** Loads `fixtures/cjk/<name>` (gzip'd JSON). */
export function loadCjkFixture<T>(name: string): T {
  return JSON.parse(
    gunzipSync(readFileSync(new URL(`../../fixtures/cjk/${name}`, import.meta.url))).toString('utf8'),
  ) as T;
}

/** Hex to bytes. */
export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Our decoder, asserting that the name is known. */
export function decoderFor(codec: string, minor?: number): (bytes: Uint8Array) => string {
  const decode = getCjkDecoder(codec, minor);
  if (!decode) throw new Error(`getCjkDecoder does not know ${codec}`);
  return decode;
}

/** What our decoder gives for `bytes`, in the form of scripts/fixtures/cjk-fixtures.py's `sample`. */
export function answerOf(decode: (bytes: Uint8Array) => string, bytes: Uint8Array): Partial<Sample> {
  try {
    return { text: decode(bytes) };
  } catch (e) {
    const err = e as Error & Partial<Sample>;
    if (err.name === 'UnicodeDecodeError') {
      return {
        error: 'UnicodeDecodeError',
        encoding: err.encoding,
        start: err.start,
        end: err.end,
        reason: err.reason,
        message: err.message,
      };
    }
    if (err.name === 'RuntimeError') return { error: 'RuntimeError', message: err.message };
    throw e;
  }
}

/** The digest line of scripts/fixtures/cjk-fixtures.py for one input. */
function line(decode: (bytes: Uint8Array) => string, bytes: Uint8Array): string {
  try {
    const text = decode(bytes);
    const cps: string[] = [];
    for (const ch of text) cps.push((ch.codePointAt(0) as number).toString(16));
    return cps.join('.');
  } catch (e) {
    const err = e as Error & Partial<Sample>;
    if (err.name === 'UnicodeDecodeError') return `E${err.start},${err.end},${err.reason}`;
    if (err.name === 'RuntimeError') return 'R';
    throw e;
  }
}

/** The leads (all, or those given) whose digest from our decoder differs from the case's. */
export function digestMismatches(kase: DigestCase, leads?: readonly number[]): string[] {
  const decode = decoderFor(kase.codec);
  const prefix = fromHex(kase.prefix);
  const bytes = new Uint8Array(prefix.length + 2);
  bytes.set(prefix);
  const bad: string[] = [];
  const lines: string[] = new Array<string>(256);
  for (const lead of leads ?? Array.from({ length: 256 }, (_, k) => k)) {
    bytes[prefix.length] = lead;
    for (let trail = 0; trail < 256; trail++) {
      bytes[prefix.length + 1] = trail;
      lines[trail] = line(decode, bytes);
    }
    const digest = createHash('sha1').update(lines.join('\n')).digest('hex').slice(0, 8);
    if (digest !== kase.digests.slice(lead * 8, lead * 8 + 8))
      bad.push(`${kase.codec} ${kase.prefix || '-'} lead 0x${lead.toString(16)}`);
  }
  return bad;
}

/** Runs `fn` with stack traces off: building millions of UnicodeDecodeErrors is then cheap. */
export function withoutStacks<T>(fn: () => T): T {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = saved;
  }
}
