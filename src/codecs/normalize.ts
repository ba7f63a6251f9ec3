import { Pieces } from '../pieces.js';
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
  // The same as a character loop, in linear time and memory for names of any length (they reach error messages).
  return name
    .replace(/[^.A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

/**
 * `encodings.normalize_encoding`: runs of characters other than alphanumerics (`str.isalnum()` of that version's
 * Unicode database) and `.` become one `_` between kept characters. 3.10+ drop non-ASCII alphanumerics (they still end a run); 3.15 does it in C with the same result.
 */
export function normalizeEncoding(name: string, minor: number): string {
  // Kept characters are copied as slices of the runs they stand in (linear for names of any length).
  const out = new Pieces();
  let empty = true;
  let punct = false;
  let run = -1;
  const closeRun = (end: number) => {
    if (run >= 0) out.add(name.slice(run, end));
    run = -1;
  };
  for (let i = 0; i < name.length;) {
    const cp = name.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    const kept =
      cp === 0x2e || (cp < 0x80 ? ASCII_ALNUM.test(name[i]) : isAlnum(name.slice(i, i + size), `3.${minor}`));
    if (!kept) {
      closeRun(i);
      punct = true;
    } else {
      if (punct && !empty) {
        closeRun(i);
        out.add('_');
      }
      if (minor < 10 || cp < 0x80) {
        if (run < 0) run = i;
        empty = false;
      } else {
        closeRun(i);
      }
      punct = false;
    }
    i += size;
  }
  closeRun(name.length);
  return out.text();
}
