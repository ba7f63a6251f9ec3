/**
 * Each stateless codec's decoding grid: what every (lead 0x80..0xFF, trail 0x00..0xFF) byte pair decodes
 * to, built on first use from the character sets it is laid out on plus the codec's own differences
 * (src/codecs/cjk/tables/codec-diffs.ts). EUC code set 3 (0x8F b2 b3) has its own 94 x 94 grid.
 */
import { LookupError } from '../../errors.js';
import { own } from '../../own.js';
import { charset, type CharsetName, placeTable } from './charsets.js';
import { CODEC_BASES, type Layout } from './layouts.js';
import { BIG5 } from './tables/big5.js';
import { CODEC_DIFFS } from './tables/codec-diffs.js';

/** Index of a byte pair in a grid. */
export function gridIndex(lead: number, trail: number): number {
  return ((lead - 0x80) << 8) | trail;
}

const cache = new Map<string, Uint32Array>();

/** The codec's grid: `gridIndex(lead, trail)` for two-byte codecs, `(b2 - 0xA1) * 94 + b3 - 0xA1` for `/3`. */
export function codecGrid(codec: string): Uint32Array {
  let grid = cache.get(codec);
  if (grid) return grid;
  const three = codec.endsWith('/3');
  const base = own(CODEC_BASES, codec);
  if (base === undefined) throw new LookupError(`unknown encoding: ${codec}`);
  if (base === 'big5') {
    grid = new Uint32Array(128 * 256);
    placeTable(grid, 256, 0x80, 0, BIG5, false);
  } else if (base === 'gbk') {
    grid = codecGrid('gbk').slice();
  } else if (three) {
    grid = new Uint32Array(94 * 94);
    for (let b2 = 0xa1; b2 <= 0xfe; b2++) {
      for (let b3 = 0xa1; b3 <= 0xfe; b3++) grid[(b2 - 0xa1) * 94 + b3 - 0xa1] = layered(base, b2, b3);
    }
  } else {
    grid = new Uint32Array(128 * 256);
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (let trail = 0; trail <= 0xff; trail++) grid[gridIndex(lead, trail)] = layered(base, lead, trail);
    }
  }
  const diff = own(CODEC_DIFFS, codec);
  if (diff) {
    if (three) placeTable(grid, 94, 0xa1, 0xa1, diff, true);
    else placeTable(grid, 256, 0x80, 0, diff, true);
  }
  cache.set(codec, grid);
  return grid;
}

function layered(layers: readonly (readonly [CharsetName, Layout])[], lead: number, trail: number): number {
  for (const [name, layout] of layers) {
    const at = layout(lead, trail);
    if (at >= 0) {
      const v = charset(name)[at];
      if (v !== 0) return v;
    }
  }
  return 0;
}
