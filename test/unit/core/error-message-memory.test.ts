// CPython builds an error message about a huge bad input in linear time and memory (its repr writes into one
// buffer); so must the core. Each case runs in a child Node whose heap is capped at 256 MB: a message built one
// character at a time (today's messages were checked against CPython 3.12's on short inputs) (about 60 bytes per character of cons-strings) runs out of memory there, a linear one
// needs a few bytes per character. The child checks the message itself, so a pass also means a right answer.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../../../dist/src/index.js', import.meta.url));

/** Runs `body` (ES module code with `k` = the built core) in a child with a 256 MB heap; its stdout, or the crash. */
function inSmallHeap(body: string): { status: number | null; out: string; err: string } {
  const script = `import * as k from ${JSON.stringify(core)};\n${body}`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.slice(-400) };
}

const N = 20_000_000;

describe('error messages about huge inputs are built in linear memory (20 M characters, 256 MB heap)', () => {
  const cases: [string, string, string][] = [
    [
      'cacheFromSource: optimization that is not alphanumeric',
      `k.cacheFromSource('x.py', { optimization: 'a'.repeat(${N}) + '-', target: '3.12' })`,
      `e.message === "'" + 'a'.repeat(${N}) + "-' is not alphanumeric"`,
    ],
    [
      'sourceFromCache: a path whose repr escapes every character',
      `k.sourceFromCache('\\x01'.repeat(${N / 4}) + '.py', { target: '3.12' })`,
      `e.message === "__pycache__ not bottom-level directory in '" + '\\\\x01'.repeat(${N / 4}) + ".py'"`,
    ],
    [
      'detectEncoding: an unknown encoding with a huge name',
      `k.detectEncoding(new TextEncoder().encode('# coding: ' + 'x'.repeat(${N}) + '\\n'), { target: '3.12' })`,
      `e.message === 'unknown encoding: ' + 'x'.repeat(${N})`,
    ],
    [
      'readPycHeader: a bad magic number in a file with a huge name',
      `k.readPycHeader(new Uint8Array(16), { name: 'é'.repeat(${N}), target: '3.12' })`,
      `e.message.startsWith("bad magic number in '" + 'é'.repeat(${N}) + "': b'\\\\x00\\\\x00\\\\x00\\\\x00'")`,
    ],
  ];
  it.each(cases)('%s', (_title, call, check) => {
    const r = inSmallHeap(
      `try { ${call}; console.log('no error'); } catch (e) { console.log(e.constructor.name, ${check}); }`,
    );
    expect(r.err === '' ? r.out : `${r.out}\n${r.err}`).toMatch(/^(ValueError|PythonSyntaxError|ImportError) true$/);
  });
});
