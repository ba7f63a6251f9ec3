/**
 * Builds strings from UTF-16 code units in chunks: `String.fromCharCode.apply` is fast but its argument count is
 * bounded, and lone surrogates must survive (a `TextDecoder('utf-16le')` would replace them).
 */
export class CodeUnitWriter {
  private buf: Uint16Array;
  private len = 0;
  private parts: string[] = [];

  constructor(capacity: number) {
    this.buf = new Uint16Array(Math.min(Math.max(capacity, 16), 1 << 16));
  }

  /** Appends one UTF-16 code unit. */
  unit(u: number): void {
    if (this.len === this.buf.length) this.flush();
    this.buf[this.len++] = u;
  }

  /** Appends one code point (a pair of units above U+FFFF). */
  codePoint(cp: number): void {
    if (cp > 0xffff) {
      cp -= 0x10000;
      this.unit(0xd800 + (cp >> 10));
      this.unit(0xdc00 + (cp & 0x3ff));
    } else {
      this.unit(cp);
    }
  }

  /** Appends a ready string. */
  text(s: string): void {
    this.flush();
    this.parts.push(s);
  }

  private flush(): void {
    const CHUNK = 8192;
    for (let i = 0; i < this.len; i += CHUNK) {
      this.parts.push(
        String.fromCharCode.apply(null, this.buf.subarray(i, Math.min(i + CHUNK, this.len)) as unknown as number[]),
      );
    }
    this.len = 0;
  }

  /** The whole string. */
  toString(): string {
    this.flush();
    return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
  }
}

/** `String.fromCodePoint(...points)` for any number of code points (a spread of a long array overflows the stack). */
export function stringFromCodePoints(points: ArrayLike<number>): string {
  const out = new CodeUnitWriter(points.length);
  for (let i = 0; i < points.length; i++) out.codePoint(points[i]);
  return out.toString();
}
