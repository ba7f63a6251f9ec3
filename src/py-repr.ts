import { Pieces } from './pieces.js';
import { isPrintable } from './unicode-props.js';

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/**
 * Python's `repr()` of a `str` in CPython `version` (`unicode_repr`): the quote choice, the escapes, and
 * which non-ASCII characters print as themselves (that depends on the version's Unicode database).
 * Linear in time and memory: runs of characters that print as themselves are copied as one slice.
 */
export function pyRepr(text: string, version: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const q = quote.charCodeAt(0);
  const out = new Pieces();
  out.add(quote);
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const start = i;
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    let escape: string;
    if (cp === q || cp === 0x5c) escape = '\\' + String.fromCharCode(cp);
    else if (cp === 0x09) escape = '\\t';
    else if (cp === 0x0a) escape = '\\n';
    else if (cp === 0x0d) escape = '\\r';
    else if (cp < 0x20 || cp === 0x7f) escape = '\\x' + hex(cp, 2);
    else if (cp < 0x7f || isPrintable(cp, version)) continue;
    else if (cp <= 0xff) escape = '\\x' + hex(cp, 2);
    else if (cp <= 0xffff) escape = '\\u' + hex(cp, 4);
    else escape = '\\U' + hex(cp, 8);
    if (run < start) out.add(text.slice(run, start));
    out.add(escape);
    run = i + 1;
  }
  if (run < text.length) out.add(text.slice(run));
  out.add(quote);
  return out.text();
}

/** Python's `repr()` of a `bytes` object (`b'3\r\r\n'`); linear in time and memory like {@link pyRepr}. */
export function pyBytesRepr(bytes: ArrayLike<number>): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x27) hasSingle = true;
    else if (bytes[i] === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  const out = new Pieces();
  out.add('b' + quote);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === quote.charCodeAt(0) || b === 0x5c) out.add('\\' + String.fromCharCode(b));
    else if (b === 0x09) out.add('\\t');
    else if (b === 0x0a) out.add('\\n');
    else if (b === 0x0d) out.add('\\r');
    else if (b < 0x20 || b >= 0x7f) out.add('\\x' + hex(b, 2));
    else out.add(String.fromCharCode(b));
  }
  out.add(quote);
  return out.text();
}
