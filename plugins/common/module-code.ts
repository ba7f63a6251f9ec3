/** What a `.py` import exports. */
export interface PythonModuleExports {
  /** The decoded source text (`importlib.util.decode_source`): the default export. */
  text: string;
  /** Root-relative POSIX path (the manifest's `source`). */
  sourcePath: string;
  /** Root-relative `__pycache__` path for the target's optimization level (or the lowest configured one). */
  cachePath: string;
  /** Dotted module name. */
  moduleName: string;
  /** The detected source encoding (`tokenize.detect_encoding`). */
  encoding: string;
}

/**
 * The ES module text for a `.py` file: `export default` the decoded text, plus the named exports. Strings are
 * JSON literals, which ES2019+ accepts verbatim (U+2028/U+2029 included).
 */
export function pythonModuleCode(exports: PythonModuleExports): string {
  const q = JSON.stringify;
  return [
    `export default ${q(exports.text)};`,
    `export const sourcePath = ${q(exports.sourcePath)};`,
    `export const cachePath = ${q(exports.cachePath)};`,
    `export const moduleName = ${q(exports.moduleName)};`,
    `export const encoding = ${q(exports.encoding)};`,
    '',
  ].join('\n');
}
