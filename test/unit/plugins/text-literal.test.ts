// The literal webpack's Python module type writes a module's text as (plugins/webpack/text-literal.ts): a template
// literal where the output has them, with the characters a template cannot hold as substitutions. JavaScript itself
// is the reference: evaluated, the literal must give back the text, whatever the text holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textLiteral } from '../../../plugins/webpack/text-literal.js';
import { assertSeeded, SEED_NOTE } from '../../helpers/seeds.js';

const evaluate = (literal: string): unknown => new Function(`return ${literal};`)();

// What matters to a template literal: its delimiters and escapes, `$` and `{` apart and together, line ends
// (`\r` and `\r\n` would read as `\n`), U+2028/9, NUL, quotes, surrogates alone and in pairs, and plain text.
const PIECES = ['\\', '`', '$', '{', '}', '${', '\r', '\n', '\r\n', '\u2028', '\u2029', '\0', '"', "'", 'é', 'a b'];
const SURROGATES = ['\ud83d', '\ude00', '\u{1f600}'];
const text = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => p.join(''));

describe(`textLiteral ${SEED_NOTE}`, () => {
  it('gives a template literal whose value is the text, for well-formed text', () => {
    assertSeeded(
      fc.property(text(PIECES), (value) => {
        const literal = textLiteral(value, true);
        expect(literal.startsWith('`')).toBe(true);
        expect(evaluate(literal)).toBe(value);
      }),
      { numRuns: 4000 },
    );
  });

  it('gives JSON.stringify of a text with a lone surrogate, and of any text where templates are off', () => {
    assertSeeded(
      fc.property(text([...PIECES, ...SURROGATES]), fc.boolean(), (value, templates) => {
        const literal = textLiteral(value, templates);
        expect(evaluate(literal)).toBe(value);
        if (!templates || !value.isWellFormed()) expect(literal).toBe(JSON.stringify(value));
      }),
      { numRuns: 4000 },
    );
  });

  it('gives the same literal when the caller vouches that the text is well-formed', () => {
    assertSeeded(
      fc.property(text(PIECES), (value) => {
        expect(textLiteral(value, true, true)).toBe(textLiteral(value, true));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes newlines and quotes as they are, and each run of special characters as one substitution', () => {
    expect(textLiteral('x = "a"\nprint(x)\n', true)).toBe('`x = "a"\nprint(x)\n`');
    expect(textLiteral('re = r"\\d+`${x}`$y"', true)).toBe('`re = r"${"\\\\"}d+${"`${"}x}${"`"}$y"`');
    expect(textLiteral('', true)).toBe('``');
    expect(textLiteral('\ud83d', true)).toBe('"\\ud83d"');
    // Runs of mixed characters, `$` alone and `$$${` (only the last `$` starts a substitution), a run at each end, `\r\n`.
    expect(textLiteral('\\`${a}$$${b}\r\n\\\\', true)).toBe('`${"\\\\`${"}a}$$${"${"}b}${"\\r"}\n${"\\\\\\\\"}`');
  });
});
