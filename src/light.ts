/**
 * `pycache-kit/light`: the same API as `pycache-kit`, for browser bundles that should not carry the codec tables
 * (about 110 KB gzip of CJK and single-byte tables, 140 KB of Unicode data). UTF-8, ASCII, Latin-1, UTF-16/32,
 * UTF-7, idna and the escape codecs decode at once; the charmap (cp1252, koi8_r, mac_roman…) and CJK codecs,
 * idna's `xn--` labels and unicode_escape's `\N{…}` throw `NotImplementedError` until `await loadCodecTables()`
 * has fetched their tables (separate chunks, which bundlers split off).
 */
export * from './common-exports.js';
export { decodeBytes } from './codecs/index.js';
export { decodeSource } from './decode-source.js';
export { detectEncoding } from './detect-encoding.js';
export { loadCodecTables } from './load-codec-tables.js';
