import { isAlnum } from '../unicode-props.js';

const ASCII_ALNUM = /^[A-Za-z0-9]$/;

/**
 * What `codecs.lookup` hands to the search functions (`Python/codecs.c`): up to 3.8 ASCII letters lowered and
 * spaces turned into hyphens; from 3.9 `_Py_normalize_encoding` on the UTF-8 bytes: ASCII letters, digits and
 * dots kept (lowered), every other run (non-ASCII included) becomes one `_` between kept characters.
 */
export function cNormalizeEncoding(name: string, minor: number): string {
  if (minor <= 8) {
    return name.replace(/[ A-Z]/g, (c) => (c === ' ' ? '-' : c.toLowerCase()));
  }
  let out = '';
  let punct = false;
  for (const c of name) {
    if (c === '.' || ASCII_ALNUM.test(c)) {
      if (punct && out) out += '_';
      out += c.toLowerCase();
      punct = false;
    } else {
      punct = true;
    }
  }
  return out;
}

/**
 * `encodings.normalize_encoding`: runs of characters other than alphanumerics (`str.isalnum()` of that version's
 * Unicode database) and `.` become one `_` between kept characters. 3.10+ drop non-ASCII alphanumerics (they still end a run); 3.15 does it in C with the same result.
 */
export function normalizeEncoding(name: string, minor: number): string {
  let out = '';
  let punct = false;
  for (const c of name) {
    if (c === '.' || (c.charCodeAt(0) < 0x80 ? ASCII_ALNUM.test(c) : isAlnum(c, `3.${minor}`))) {
      if (punct && out) out += '_';
      if (minor < 10 || c.charCodeAt(0) < 0x80) out += c;
      punct = false;
    } else {
      punct = true;
    }
  }
  return out;
}
