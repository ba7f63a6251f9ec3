/**
 * The ESTree of a Python module's ES module text ({@link pythonModuleCode}), handed to webpack with the text as the
 * loader result's `webpackAST`, so webpack does not scan the whole source again as a JS string literal: that parse
 * was most of what the loader cost over `type: 'asset/source'` (a 31.7 MB corpus: ~1.3 s of JavaScriptParser).
 * webpack parses this tree in place of the text and keeps the text for the output, so the tree must be the one a
 * parser gives for that text: the same nodes, `range` offsets and `loc` positions (a test compares it with acorn's).
 * Rspack parses in Rust and ignores the field.
 */
import type { PythonModuleExports } from '../common/index.js';

interface Position {
  line: number;
  column: number;
}

/** An ESTree node with the `range` and `loc` acorn gives (`ranges: true, locations: true`). */
export interface EstreeNode {
  type: string;
  start: number;
  end: number;
  range: [number, number];
  loc: { start: Position; end: Position };
  [field: string]: unknown;
}

/** Literal values at least this long are not kept in the tree. */
const LAZY_VALUE = 256;

/** The module's `Program` node (with webpack's `comments`), or `undefined` when `code` is not the shape expected. */
export function pythonModuleAst(code: string, exports: PythonModuleExports): (EstreeNode & { comments: [] }) | undefined {
  const body: EstreeNode[] = [];
  const at = positions(code);
  let offset = 0;
  for (const [name, value] of [['default', exports.text], ['sourcePath', exports.sourcePath], ['cachePath', exports.cachePath], ['moduleName', exports.moduleName], ['encoding', exports.encoding]] as const) {
    const prefix = name === 'default' ? 'export default ' : `export const ${name} = `;
    const end = code.indexOf(';\n', offset);
    // JSON literals hold no raw '\\n', so each statement ends with the first ';\\n' after it.
    if (end < 0 || !code.startsWith(prefix, offset)) return undefined;
    const node = (type: string, start: number, stop: number, fields: Record<string, unknown>): EstreeNode => ({ type, start, end: stop, range: [start, stop], loc: { start: at(start), end: at(stop) }, ...fields });
    const literalStart = offset + prefix.length;
    const literal = node('Literal', literalStart, end, { raw: code.slice(literalStart, end) });
    // webpack keeps the tree as long as the module: the value is read back from the literal's text (which the
    // module keeps anyway) when asked, instead of holding a second copy of every decoded source.
    if (value.length < LAZY_VALUE) {
      literal.value = value;
    } else {
      // webpack reads it while it parses, right after the loader, when the text is still alive: no parse then.
      const text = new WeakRef(new String(value));
      Object.defineProperty(literal, 'value', { enumerable: true, get: () => text.deref()?.valueOf() ?? (JSON.parse(literal.raw as string) as string) });
    }
    if (name === 'default') {
      body.push(node('ExportDefaultDeclaration', offset, end + 1, { declaration: literal }));
    } else {
      const idStart = offset + 'export const '.length;
      const id = node('Identifier', idStart, idStart + name.length, { name });
      const declarator = node('VariableDeclarator', idStart, end, { id, init: literal });
      const declaration = node('VariableDeclaration', offset + 'export '.length, end + 1, { declarations: [declarator], kind: 'const' });
      body.push(node('ExportNamedDeclaration', offset, end + 1, { declaration, specifiers: [], source: null, attributes: [] }));
    }
    offset = end + 2;
  }
  if (offset !== code.length) return undefined;
  return { type: 'Program', start: 0, end: code.length, range: [0, code.length], loc: { start: at(0), end: at(code.length) }, body, sourceType: 'module', comments: [] };
}

/**
 * Line and column of any offset in `code`. JavaScript's line terminators count, U+2028 and U+2029 included: JSON
 * leaves them unescaped in a string literal (it escapes '\\r'). A module has a handful of lines, so the search is
 * linear; the scan uses `indexOf`, several times faster than a regular expression over a long source.
 */
function positions(code: string): (index: number) => Position {
  const lineStarts = [0];
  for (const terminator of ['\n', '\u2028', '\u2029']) {
    for (let at = code.indexOf(terminator); at >= 0; at = code.indexOf(terminator, at + 1)) lineStarts.push(at + 1);
  }
  lineStarts.sort((a, b) => a - b);
  return (index) => {
    let line = 1;
    while (line < lineStarts.length && lineStarts[line] <= index) line++;
    return { line, column: index - lineStarts[line - 1] };
  };
}
