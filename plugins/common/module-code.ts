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

/** The named exports of a `.py` import: everything but the text. */
export type PythonModuleNames = Omit<PythonModuleExports, 'text'>;

/**
 * The ES module text for a `.py` file: `export default` the decoded text, plus the named exports. Strings are
 * JSON literals, which ES2019+ accepts verbatim (U+2028/U+2029 included).
 */
export function pythonModuleCode(exports: PythonModuleExports): string {
  return `export default ${JSON.stringify(exports.text)};\n${pythonNamedExportsCode(exports)}`;
}

/** The statements of {@link pythonModuleCode} after the default export (one per line, each ending in `;\n`). */
export function pythonNamedExportsCode(names: PythonModuleNames): string {
  const q = JSON.stringify;
  return [
    `export const sourcePath = ${q(names.sourcePath)};`,
    `export const cachePath = ${q(names.cachePath)};`,
    `export const moduleName = ${q(names.moduleName)};`,
    `export const encoding = ${q(names.encoding)};`,
    '',
  ].join('\n');
}
