/**
 * The names of CPython's CJK multibyte codecs (Modules/cjkcodecs), in CPython's spelling. One home for the list:
 * the codec registry (`src/codecs/index.ts`) knows them without loading any table, the decoders dispatch on them,
 * and the fixture generator (through the build) asks the interpreters about each.
 */

/** The stateless codecs: single bytes, byte pairs and a few longer forms, no shift state. */
export const STATELESS_CODECS = [
  'big5',
  'big5hkscs',
  'cp932',
  'cp949',
  'cp950',
  'euc_jis_2004',
  'euc_jisx0213',
  'euc_jp',
  'euc_kr',
  'gb2312',
  'gbk',
  'gb18030',
  'johab',
  'shift_jis',
  'shift_jis_2004',
  'shift_jisx0213',
] as const;

/** The ISO 2022 codecs, whose escape sequences switch character sets. */
export const ISO2022_CODECS = [
  'iso2022_jp',
  'iso2022_jp_1',
  'iso2022_jp_2',
  'iso2022_jp_2004',
  'iso2022_jp_3',
  'iso2022_jp_ext',
  'iso2022_kr',
] as const;

/** Every CJK codec module: the stateless ones, the ISO 2022 ones and `hz`. */
export const CJK_CODEC_NAMES: readonly string[] = [...STATELESS_CODECS, ...ISO2022_CODECS, 'hz'];
