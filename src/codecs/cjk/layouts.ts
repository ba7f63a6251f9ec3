/**
 * How a codec's byte pairs address the cells of a 94 x 94 character set (rows and columns 0x21..0x7E), and
 * which sets each stateless codec is laid out on. scripts/generate-cjk-tables.mjs imports this module (built)
 * to store each codec only as its differences from these sets; the exhaustive fixtures check the result.
 */
import type { CharsetName } from './charsets.js';

/** Maps a (lead, trail) byte pair to a 94 x 94 cell index (`(row - 0x21) * 94 + col - 0x21`), or -1. */
export type Layout = (lead: number, trail: number) => number;

function cell(row: number, col: number): number {
  return row >= 0x21 && row <= 0x7e && col >= 0x21 && col <= 0x7e ? (row - 0x21) * 94 + (col - 0x21) : -1;
}

/** EUC: both bytes with the high bit set. */
export const euc: Layout = (lead, trail) => cell(lead - 0x80, trail - 0x80);

/** Shift_JIS and its relatives, plane 1: leads 0x81..0x9F and 0xE0..0xEF each carry two rows. */
export const sjis: Layout = (lead, trail) => {
  if (!((lead >= 0x81 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xef))) return -1;
  if (!((trail >= 0x40 && trail <= 0x7e) || (trail >= 0x80 && trail <= 0xfc))) return -1;
  const t = trail < 0x80 ? trail - 0x40 : trail - 0x41;
  const row = 2 * (lead < 0xe0 ? lead - 0x81 : lead - 0xc1) + (t < 0x5e ? 0 : 1) + 0x21;
  return cell(row, (t < 0x5e ? t : t - 0x5e) + 0x21);
};

/** Shift_JIS-2004 plane 2: leads 0xF0..0xFC, whose rows follow JIS X 0213's irregular assignment. */
export const sjisPlane2: Layout = (lead, trail) => {
  if (lead < 0xf0 || lead > 0xfc) return -1;
  if (!((trail >= 0x40 && trail <= 0x7e) || (trail >= 0x80 && trail <= 0xfc))) return -1;
  const t = trail < 0x80 ? trail - 0x40 : trail - 0x41;
  let row = 2 * (lead - 0xc1) + (t < 0x5e ? 0 : 1);
  if (row >= 0x67) row += 0x07;
  else if (row >= 0x63 || row === 0x5f) row -= 0x37;
  else row -= 0x3d;
  return cell(row, (t < 0x5e ? t : t - 0x5e) + 0x21);
};

/** Johab's KS X 1001 part: leads 0xD9..0xF9, trails 0x31..0xFE. */
export const johab: Layout = (lead, trail) => {
  if (lead < 0xd9 || lead > 0xf9 || trail < 0x31 || trail > 0xfe) return -1;
  const t1 = lead < 0xe0 ? 2 * (lead - 0xd9) : 2 * lead - 0x197;
  const t2 = trail < 0x91 ? trail - 0x31 : trail - 0x43;
  return cell(t1 + (t2 < 0x5e ? 0 : 1) + 0x21, (t2 < 0x5e ? t2 : t2 - 0x5e) + 0x21);
};

/** A codec's base: character sets with their layouts (the first layer with a character wins), or a whole grid. */
export type CodecBase = readonly (readonly [CharsetName, Layout])[] | 'big5' | 'gbk';

/** Base layers per stateless codec; `/3` is EUC code set 3 (0x8F, two bytes). */
export const CODEC_BASES: Readonly<Record<string, CodecBase>> = {
  big5: 'big5',
  cp950: 'big5',
  big5hkscs: 'big5',
  shift_jis: [['jis0208', sjis]],
  cp932: [['jis0208', sjis]],
  shift_jis_2004: [
    ['jis0213_1_2004', sjis],
    ['jis0213_2', sjisPlane2],
  ],
  shift_jisx0213: [
    ['jis0213_1_2000', sjis],
    ['jis0213_2', sjisPlane2],
  ],
  euc_jp: [['jis0208', euc]],
  'euc_jp/3': [['jis0212', euc]],
  euc_jis_2004: [['jis0213_1_2004', euc]],
  'euc_jis_2004/3': [
    ['jis0213_2', euc],
    ['jis0212', euc],
  ],
  euc_jisx0213: [['jis0213_1_2000', euc]],
  'euc_jisx0213/3': [
    ['jis0213_2', euc],
    ['jis0212', euc],
  ],
  euc_kr: [['ksx1001', euc]],
  cp949: [['ksx1001', euc]],
  johab: [['ksx1001', johab]],
  gb2312: [['gb2312', euc]],
  gbk: [['gb2312', euc]],
  gb18030: 'gbk',
};
