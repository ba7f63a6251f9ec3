/**
 * The packed text form of the CJK decoding tables (written by scripts/generate-cjk-tables.mjs) and its
 * expansion into typed arrays.
 *
 * A table covers the rectangle of rows `r0..r1` and columns `c0..c1` (byte values), row by row. Its `data`
 * is a sequence of tokens, one or more cells each:
 * - a non-ASCII code point: one cell holding it;
 * - `a` and one ASCII character: one cell holding that character;
 * - `r` [N]: N cells (default 1) continuing the previous code point by +1 each (Hangul, kana, runs of PUA);
 * - `g` N: one cell holding the previous code point + 1 + N (a short gap, N is 1..9);
 * - `p` and two code points: one cell holding that two-code-point sequence;
 * - `s` [N]: N empty cells (default 1);
 * - `x`: a cell whose byte pair is an illegal sequence of two bytes (CPython's JIS X 0213:2000 emulation);
 * - `z`: (in a codec's differences) a cell that the codec leaves undefined although its base set has one.
 * Cells after the last token are empty.
 *
 * Expanded cells are numbers: 0 for none, a code point, {@link SEQ_BASE} + index into {@link sequence}s,
 * {@link ILLEGAL2} or {@link DELETE}.
 */

/** A table as the generator writes it. */
export interface PackedTable {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
  readonly data: string;
}

/** Cell values from this number on index {@link sequence}s (code points end at 0x10FFFF). */
export const SEQ_BASE = 0x110000;
/** A byte pair that is an illegal sequence covering both bytes. */
export const ILLEGAL2 = 0x1ffffe;
/** In a codec's differences: undefined there, whatever the base set holds. */
export const DELETE = 0x1fffff;

const sequences: string[] = [];
const sequenceIndex = new Map<string, number>();

/** The text of a multi-code-point cell value (`value >= SEQ_BASE`). */
export function sequence(value: number): string {
  return sequences[value - SEQ_BASE];
}

function internSequence(text: string): number {
  let index = sequenceIndex.get(text);
  if (index === undefined) {
    index = sequences.length;
    sequences.push(text);
    sequenceIndex.set(text, index);
  }
  return SEQ_BASE + index;
}

/** Number of columns of a packed table. */
export function tableWidth(table: PackedTable): number {
  return table.c1 - table.c0 + 1;
}

/** Expands a packed table into one cell value per (row, column) of its rectangle, row-major. */
export function unpackTable(table: PackedTable): Uint32Array {
  const cells = new Uint32Array((table.r1 - table.r0 + 1) * tableWidth(table));
  const { data } = table;
  let at = 0;
  let cell = 0;
  let prev = -2;
  const number = (fallback: number): number => {
    let n = 0;
    let digits = 0;
    while (at < data.length) {
      const d = data.charCodeAt(at) - 0x30;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
      digits++;
      at++;
    }
    return digits === 0 ? fallback : n;
  };
  const codePoint = (): number => {
    const cp = data.codePointAt(at) as number;
    at += cp > 0xffff ? 2 : 1;
    return cp;
  };
  while (at < data.length) {
    const ch = data.charCodeAt(at);
    if (ch >= 0x80) {
      prev = codePoint();
      cells[cell++] = prev;
      continue;
    }
    at++;
    switch (ch) {
      case 0x61: // a
        prev = data.charCodeAt(at++);
        cells[cell++] = prev;
        break;
      case 0x72: {
        // r
        const n = number(1);
        for (let k = 0; k < n; k++) cells[cell++] = ++prev;
        break;
      }
      case 0x67: // g
        prev += 1 + number(0);
        cells[cell++] = prev;
        break;
      case 0x70: {
        // p
        const first = codePoint();
        const second = codePoint();
        cells[cell++] = internSequence(String.fromCodePoint(first, second));
        prev = -2;
        break;
      }
      case 0x73: // s
        cell += number(1);
        break;
      case 0x78: // x
        cells[cell++] = ILLEGAL2;
        break;
      case 0x7a: // z
        cells[cell++] = DELETE;
        break;
      default:
        throw new Error(`CJK table: unexpected token ${JSON.stringify(data[at - 1])} at ${at - 1}`);
    }
  }
  return cells;
}
