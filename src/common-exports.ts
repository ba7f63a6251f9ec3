/**
 * What `pycache-kit` and `pycache-kit/light` both export: everything but the decoding functions, whose two
 * flavours differ in how they reach the codec tables.
 */
export { pythonTarget, DEFAULT_VERSION, parseCacheTag } from './target.js';
export type { PythonTarget, PythonTargetSpec, Implementation } from './target.js';
export { KNOWN_VERSIONS, versionForMagic, magicNumberFor, MAGIC_NUMBER } from './magic-api.js';
export type { MagicInfo } from './magic-number.js';
export { cacheFromSource } from './cache-path.js';
export type { PathLike } from './fspath.js';
export type { CacheFromSourceOptions } from './cache-path.js';
export { sourceFromCache } from './source-path.js';
export type { SourceFromCacheOptions } from './source-path.js';
export { sourceHash } from './source-hash.js';
export type { BytesLike } from './bytes-like.js';
export { readPycHeader, writePycHeader } from './pyc-header.js';
export type { PycHeader, PycHeaderInit } from './pyc-header.js';
export type { DetectEncodingOptions, DetectedEncoding } from './detect-encoding.js';
export type { DecodeSourceOptions } from './decode-source.js';
export { lookupCodec } from './codecs/index.js';
export type { CodecOptions } from './codecs/index.js';
export {
  ValueError,
  LookupError,
  IndexError,
  NotImplementedError,
  ImportError,
  EOFError,
  OverflowError,
  UnicodeError,
  UnicodeEncodeError,
  UnicodeDecodeError,
  RuntimeError,
  PythonSyntaxError,
  AttributeError,
} from './errors.js';
export { setWarningHandler } from './warnings.js';
export type { PythonWarning, WarningHandler } from './warnings.js';
