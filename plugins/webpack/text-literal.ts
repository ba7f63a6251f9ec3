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
 * `text` as a JavaScript expression whose value is exactly `text`: a template literal when the output environment
 * has them (`templates`: webpack's `output.environment.templateLiteral`), each run of the characters a template cannot
 * hold as they are written as a substitution of its string literal (`${"\\"}`, never an escape inside the template);
 * else, and for a text that is not well-formed UTF-16 (a lone surrogate, which a UTF-8 bundle can only hold escaped),
 * `JSON.stringify(text)`. `wellFormed`: the caller knows the text is well-formed (it was decoded from bytes by a
 * `TextDecoder`, which never gives a lone surrogate), which saves a scan of the whole text.
 */
export function textLiteral(text: string, templates: boolean, wellFormed = false): string {
  if (!templates || !(wellFormed || text.isWellFormed())) return JSON.stringify(text);
  return `\`${templateBody(text)}\``;
}

/** A lone backslash, by far the most common run in Python sources (regular expressions, escapes in strings). */
const BACKSLASH = '${"\\\\"}';

/**
 * `text` with each run of `\`, `` ` ``, `${` and `\r` replaced by `${"run"}`. `\` and `` ` `` would need an escape,
 * and one escape sends the whole literal down the tokenizer's slow path; `${` would start a substitution; a template
 * literal reads `\r` and `\r\n` as `\n` (decoded Python text never holds one, as decoding translates newlines).
 *
 * Each of the four is found with `indexOf` (a fast search through the text's bytes) rather than a regular expression
 * or a loop over every character: on CPython's stdlib (1,737 files, 32 MB, 82,000 runs) this takes about a third of
 * the time of `String.prototype.replace` with a pattern and a callback.
 */
function templateBody(text: string): string {
  let backslash = text.indexOf('\\');
  let backtick = text.indexOf('`');
  let dollar = text.indexOf('${');
  let cr = text.indexOf('\r');
  if (backslash < 0 && backtick < 0 && dollar < 0 && cr < 0) return text;
  const n = text.length;
  const parts: string[] = [];
  let last = 0;
  for (;;) {
    let start = n;
    if (backslash >= 0) start = backslash;
    if (backtick >= 0 && backtick < start) start = backtick;
    if (dollar >= 0 && dollar < start) start = dollar;
    if (cr >= 0 && cr < start) start = cr;
    if (start === n) break;
    let end = start;
    for (;;) {
      const c = text.charCodeAt(end);
      if (c === 0x5c || c === 0x60 || c === 0x0d) end++;
      else if (c === 0x24 && text.charCodeAt(end + 1) === 0x7b) end += 2;
      else break;
    }
    parts.push(
      text.slice(last, start),
      end === start + 1 && start === backslash ? BACKSLASH : `\${${JSON.stringify(text.slice(start, end))}}`,
    );
    last = end;
    if (backslash >= 0 && backslash < end) backslash = text.indexOf('\\', end);
    if (backtick >= 0 && backtick < end) backtick = text.indexOf('`', end);
    if (dollar >= 0 && dollar < end) dollar = text.indexOf('${', end);
    if (cr >= 0 && cr < end) cr = text.indexOf('\r', end);
  }
  parts.push(text.slice(last));
  return parts.join('');
}
