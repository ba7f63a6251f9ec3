/**
 * The 94 x 94 character sets (JIS X 0208, 0212, 0213, KS X 1001, GB 2312), expanded from their packed
 * tables on first use and cached. A set is a Uint32Array of 94 * 94 cells, `(row - 0x21) * 94 + col - 0x21`.
 */
import { DELETE, type PackedTable, tableWidth, unpackTable } from './packed-table.js';
import { GB2312 } from './tables/gb2312.js';
import { JIS0208 } from './tables/jis0208.js';
import { JIS0212 } from './tables/jis0212.js';
import { JIS0213_1_2000 } from './tables/jis0213-1-2000.js';
import { JIS0213_1_2004 } from './tables/jis0213-1-2004.js';
import { JIS0213_2 } from './tables/jis0213-2.js';
import { KSX1001 } from './tables/ksx1001.js';

/** Names of the 94 x 94 sets. */
export type CharsetName =
  'jis0208' | 'jis0212' | 'jis0213_1_2004' | 'jis0213_1_2000' | 'jis0213_2' | 'ksx1001' | 'gb2312';

const packed: Record<CharsetName, readonly [PackedTable, CharsetName | undefined]> = {
  jis0208: [JIS0208, undefined],
  jis0212: [JIS0212, undefined],
  jis0213_1_2004: [JIS0213_1_2004, 'jis0208'],
  jis0213_1_2000: [JIS0213_1_2000, 'jis0213_1_2004'],
  jis0213_2: [JIS0213_2, undefined],
  ksx1001: [KSX1001, undefined],
  gb2312: [GB2312, undefined],
};

const cache = new Map<CharsetName, Uint32Array>();

/**
 * Writes a packed table's cells into `target` (a grid `targetWidth` wide whose first row/column are the byte
 * values `row0`/`col0`); with `overlay`, empty cells keep the target's value and DELETE clears it.
 */
export function placeTable(
  target: Uint32Array,
  targetWidth: number,
  row0: number,
  col0: number,
  table: PackedTable,
  overlay: boolean,
): void {
  const cells = unpackTable(table);
  const width = tableWidth(table);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (overlay && v === 0) continue;
    const at = (table.r0 + Math.floor(i / width) - row0) * targetWidth + (table.c0 + (i % width) - col0);
    target[at] = v === DELETE ? 0 : v;
  }
}

/** The expanded set (built on first use). */
export function charset(name: CharsetName): Uint32Array {
  let set = cache.get(name);
  if (!set) {
    const [table, base] = packed[name];
    set = base ? charset(base).slice() : new Uint32Array(94 * 94);
    placeTable(set, 94, 0x21, 0x21, table, base !== undefined);
    cache.set(name, set);
  }
  return set;
}
