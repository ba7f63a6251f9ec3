/**
 * pycache-kit core: CPython's bytecode-cache paths, magic numbers, `.pyc` headers, `source_hash` and source
 * decoding, for CPython 3.0 to 3.15, chosen per call through a {@link PythonTarget}. Isomorphic: runs in
 * browsers and in Node. Decoding includes every codec's tables; `pycache-kit/light` loads them on request.
 */
export * from './common-exports.js';
export { decodeBytes, decodeSource, detectEncoding } from './with-tables.js';
export { loadCodecTables } from './load-codec-tables.js';
