// Inputs of a million bytes must not overflow the call stack: no recursion or argument spread over input-sized
// arrays. The answers come from the CPython found by helpers/cpython.ts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeSource } from '../../src/index.js';
import { utf8SurrogatePass } from '../helpers/codecs-fixtures.js';
import { cpython, runCPython } from '../helpers/cpython.js';

/** SHA-256 of a string's UTF-16 code units as Python's `surrogatepass` UTF-8 would give them. */
const hashText = (text: string): string => createHash('sha256').update(utf8SurrogatePass(text)).digest('hex');

const PY_HASH =
  "import sys,hashlib\nd=sys.stdin.buffer.read()\nenc,_,data=d.partition(b'\\0')\nprint(hashlib.sha256(data.decode(enc.decode()).encode('utf-8','surrogatepass')).hexdigest())";

describe(`big inputs, no stack overflow (CPython: ${cpython ?? 'none installed, comparisons skipped'})`, () => {
  it('punycode: a million ASCII bytes before the last dash', () => {
    const bytes = new Uint8Array(1_000_001).fill(0x61);
    bytes[1_000_000] = 0x2d;
    const text = decodeBytes(bytes, 'punycode', { target: '3.12' });
    expect(text.length).toBe(1_000_000);
    if (cpython) expect(hashText(text)).toBe(runCPython(PY_HASH, Buffer.concat([Buffer.from('punycode\0'), bytes])));
  });

  it.skipIf(!cpython)('punycode: a 300 KB source with non-ASCII insertions, as CPython decodes it', () => {
    // 300 KB of Python with a non-ASCII character every few lines, encoded by CPython's own punycode codec.
    const text = `# -*- coding: punycode -*-\n${`${'x = 1\n'.repeat(100)}z = 3  # caf\u00e9 \u4e2d\n`.repeat(500)}`;
    const [hex, decoded, source] = runCPython(
      "import sys,hashlib,importlib.util\nh=lambda t: hashlib.sha256(t.encode('utf-8','surrogatepass')).hexdigest()\n" +
        "e=sys.stdin.buffer.read().decode('utf-8').encode('punycode')\nprint(e.hex()); print(h(e.decode('punycode'))); print(h(importlib.util.decode_source(e)))",
      Buffer.from(text, 'utf8'),
    ).split('\n');
    const encoded = Buffer.from(hex, 'hex');
    expect(encoded.length).toBeGreaterThan(300_000);
    expect(hashText(decodeBytes(encoded, 'punycode', { target: '3.12' }))).toBe(decoded);
    expect(hashText(decodeSource(encoded, { target: '3.12' }))).toBe(source);
  });

  it("unicode_escape: \\N{…} with a million-character name, CPython's error", () => {
    const bytes = Buffer.from(`\\N{${'A'.repeat(1_000_000)}}`, 'latin1');
    let message = '';
    try {
      decodeBytes(bytes, 'unicode_escape', { target: '3.12' });
    } catch (e) {
      message = `${(e as Error).name}: ${(e as Error).message}`;
    }
    expect(message).toMatch(/^UnicodeDecodeError: /);
    if (cpython) {
      const py =
        "import sys\nd=sys.stdin.buffer.read()\ntry: d.decode('unicode_escape')\nexcept Exception as e: print(type(e).__name__ + ': ' + str(e))";
      expect(message).toBe(runCPython(py, bytes));
    }
  });
});
