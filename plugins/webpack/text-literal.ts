/**
 * The JavaScript literal a module's Python text is written as, in the code webpack generates for a module of the
 * Python module type (python-module-type.ts).
 *
 * In production webpack concatenates modules (scope hoisting) and parses the code of every module it puts into a
 * concatenation again, to rename its variables. A Python text written as a string literal (`JSON.stringify`, as
 * `asset/source` writes it) has an escape on every line (`\n`) and at every `"`, and webpack's tokenizer leaves its
 * fast path at the first escape, then builds the text anew piece by piece: on CPython's stdlib (1,737 files, 32 MB)
 * that re-reading alone took about 260 ms of a 2.5 s build. A template literal holds newlines and quotes as they are:
 * the text runs through the tokenizer's fast path, and the bundle is about 2% smaller.
 */

/**
 * The runs of characters a template literal cannot hold as they are: `\` and `` ` `` (which would need an escape,
 * and one escape sends the whole literal down the tokenizer's slow path), `${` (a substitution), and `\r` (a template
 * literal reads `\r` and `\r\n` as `\n`; decoded Python text never holds one, as decoding translates newlines).
 */
const SPECIAL_RUNS = /(?:[\\`\r]|\$\{)+/g;

/**
 * `text` as a JavaScript expression whose value is exactly `text`: a template literal when the output environment
 * has them (`templates`: webpack's `output.environment.templateLiteral`), each run of special characters written as a
 * substitution of its string literal (`${"\\"}`, never an escape inside the template); else, and for a text that is
 * not well-formed UTF-16 (a lone surrogate, which a UTF-8 bundle can only hold escaped), `JSON.stringify(text)`.
 */
export function textLiteral(text: string, templates: boolean): string {
  if (!templates || !text.isWellFormed()) return JSON.stringify(text);
  return `\`${text.replace(SPECIAL_RUNS, (run) => `\${${JSON.stringify(run)}}`)}\``;
}
