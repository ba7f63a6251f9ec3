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

/** The names of {@link PythonModuleNames}, in the order the ES module declares them. */
export const PYTHON_NAMED_EXPORTS = [
  'sourcePath',
  'cachePath',
  'moduleName',
  'encoding',
] as const satisfies readonly (keyof PythonModuleNames)[];

/**
 * The ES module text for a `.py` file: `export default` the decoded text, plus the named exports. Strings are
 * JSON literals, which ES2019+ accepts verbatim (U+2028/U+2029 included).
 */
export function pythonModuleCode(exports: PythonModuleExports): string {
  return `export default ${JSON.stringify(exports.text)};\n${pythonNamedExportsCode(exports)}`;
}

/** The statements of {@link pythonModuleCode} after the default export (one per line, each ending in `;\n`). */
export function pythonNamedExportsCode(names: PythonModuleNames): string {
  return [...PYTHON_NAMED_EXPORTS.map((name) => `export const ${name} = ${JSON.stringify(names[name])};`), ''].join(
    '\n',
  );
}
