import { isPrintable } from './unicode-props.js';

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/**
 * Python's `repr()` of a `str` in CPython `version` (`unicode_repr`): the quote choice, the escapes, and
 * which non-ASCII characters print as themselves (that depends on the version's Unicode database).
 */
export function pyRepr(text: string, version: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp === quote.charCodeAt(0) || cp === 0x5c) out += '\\' + String.fromCharCode(cp);
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f || isPrintable(cp, version)) out += String.fromCodePoint(cp);
    else if (cp <= 0xff) out += '\\x' + hex(cp, 2);
    else if (cp <= 0xffff) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + quote;
}

/** Python's `repr()` of a `bytes` object (`b'3\r\r\n'`). */
export function pyBytesRepr(bytes: ArrayLike<number>): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x27) hasSingle = true;
    else if (bytes[i] === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === quote.charCodeAt(0) || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + hex(b, 2);
    else out += String.fromCharCode(b);
  }
  return out + quote;
}
