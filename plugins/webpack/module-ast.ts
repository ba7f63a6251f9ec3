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

/**
 * A node. webpack keeps the tree as long as the module, so its `loc` (which webpack ≥ 5.10x derives from offsets
 * anyway) is computed when read from the module's line starts, not stored as three objects per node.
 */
class Node {
  type: string;
  start: number;
  end: number;
  range: [number, number];
  readonly #lineStarts: readonly number[];

  constructor(type: string, start: number, end: number, lineStarts: readonly number[]) {
    this.type = type;
    this.start = start;
    this.end = end;
    this.range = [start, end];
    this.#lineStarts = lineStarts;
  }

  get loc(): { start: Position; end: Position } {
    return { start: position(this.#lineStarts, this.start), end: position(this.#lineStarts, this.end) };
  }
}

/**
 * A string `Literal` whose value is not held: a second copy of every decoded source would stay with the tree.
 * webpack reads the value while it parses, right after the loader, when the text is still alive (the weak
 * reference gives it back); later reads decode the literal's text again.
 */
class LazyStringLiteral extends Node {
  readonly #text: WeakRef<object>;
  readonly raw: string;

  constructor(start: number, end: number, lineStarts: readonly number[], value: string, raw: string) {
    super('Literal', start, end, lineStarts);
    this.#text = new WeakRef(new String(value));
    this.raw = raw;
  }

  get value(): string {
    return (this.#text.deref()?.valueOf() as string | undefined) ?? (JSON.parse(this.raw) as string);
  }
}

/** The module's `Program` node (with webpack's `comments`), or `undefined` when `code` is not the shape expected. */
export function pythonModuleAst(
  code: string,
  exports: PythonModuleExports,
): (EstreeNode & { comments: [] }) | undefined {
  const body: EstreeNode[] = [];
  const lines = lineStarts(code);
  const node = (type: string, start: number, stop: number, fields: Record<string, unknown>) =>
    Object.assign(new Node(type, start, stop, lines), fields) as unknown as EstreeNode;
  let offset = 0;
  for (const [name, value] of [
    ['default', exports.text],
    ['sourcePath', exports.sourcePath],
    ['cachePath', exports.cachePath],
    ['moduleName', exports.moduleName],
    ['encoding', exports.encoding],
  ] as const) {
    const prefix = name === 'default' ? 'export default ' : `export const ${name} = `;
    const end = code.indexOf(';\n', offset);
    // JSON literals hold no raw '\\n', so each statement ends with the first ';\\n' after it.
    if (end < 0 || !code.startsWith(prefix, offset)) return undefined;
    const literalStart = offset + prefix.length;
    const raw = code.slice(literalStart, end);
    const literal =
      value.length < LAZY_VALUE
        ? node('Literal', literalStart, end, { value, raw })
        : (new LazyStringLiteral(literalStart, end, lines, value, raw) as unknown as EstreeNode);
    if (name === 'default') {
      body.push(node('ExportDefaultDeclaration', offset, end + 1, { declaration: literal }));
    } else {
      const idStart = offset + 'export const '.length;
      const id = node('Identifier', idStart, idStart + name.length, { name });
      const declarator = node('VariableDeclarator', idStart, end, { id, init: literal });
      const declaration = node('VariableDeclaration', offset + 'export '.length, end + 1, {
        declarations: [declarator],
        kind: 'const',
      });
      body.push(
        node('ExportNamedDeclaration', offset, end + 1, { declaration, specifiers: [], source: null, attributes: [] }),
      );
    }
    offset = end + 2;
  }
  if (offset !== code.length) return undefined;
  return Object.assign(node('Program', 0, code.length, { body, sourceType: 'module' }), { comments: [] as [] });
}

/**
 * Where each line of `code` starts. JavaScript's line terminators count, U+2028 and U+2029 included: JSON leaves
 * them unescaped in a string literal (it escapes '\\r'). Found with `indexOf`, several times faster than a regular
 * expression over a long source.
 */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (const terminator of ['\n', '\u2028', '\u2029']) {
    for (let at = code.indexOf(terminator); at >= 0; at = code.indexOf(terminator, at + 1)) starts.push(at + 1);
  }
  return starts.sort((a, b) => a - b);
}

/** Line (1-based) and column of an offset; a module has a handful of lines, so the search is linear. */
function position(starts: readonly number[], index: number): Position {
  let line = 1;
  while (line < starts.length && starts[line] <= index) line++;
  return { line, column: index - starts[line - 1] };
}
