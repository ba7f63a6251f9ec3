import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import { cacheFromSource, writePycHeader } from '../../../src/index.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '/home/me/proj' });
  return { code, out, err };
}

describe('pycache-kit command line', () => {
  it('cache-path prints one path per file, for the chosen interpreter', async () => {
    const r = await run('cache-path', 'pkg/mod.py', '/x/y.py', '--python', '3.12');
    expect(r).toEqual({
      code: 0,
      out: 'pkg/__pycache__/mod.cpython-312.pyc\n/x/__pycache__/y.cpython-312.pyc\n',
      err: '',
    });
  });
  it('--optimization and --pycache-prefix (relative sources resolve against the working folder)', async () => {
    const r = await run('cache-path', 'a.py', '--python', '3.8', '--optimization', '2', '--pycache-prefix', '/tmp/pc');
    expect(r.out).toBe('/tmp/pc/home/me/proj/a.cpython-38.opt-2.pyc\n');
  });
  it('source-path, with CPython errors on stderr and exit 1 for paths it rejects', async () => {
    const r = await run('source-path', '/a/__pycache__/b.cpython-313.pyc', '/a/b.pyc');
    expect(r.code).toBe(1);
    expect(r.out).toBe('/a/b.py\n');
    expect(r.err).toBe(
      "pycache-kit source-path: /a/b.pyc: ValueError: __pycache__ not bottom-level directory in '/a/b.pyc'\n",
    );
  });
  it('--json gives results and errors as data', async () => {
    const r = await run('cache-path', 'a.py', '--optimization', 'a-b', '--json', '--python', '3.13');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      python: '3.13',
      cacheTag: 'cpython-313',
      results: [{ input: 'a.py', error: { type: 'ValueError', message: "'a-b' is not alphanumeric" } }],
    });
  });
  it('usage errors exit 2 with the usage', async () => {
    expect((await run('cache-path', 'a.py', '--python', '3.16')).code).toBe(2);
    expect((await run('cache-path', '--nope')).err).toMatch(
      /Unknown option '--nope'[\s\S]*usage: pycache-kit cache-path/,
    );
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('cache-path')).code).toBe(2);
    expect((await run('--help')).out).toMatch(/cache-path[\s\S]*source-path[\s\S]*inspect[\s\S]*manifest/);
    const bare = await run();
    expect(bare).toMatchObject({ code: 2, out: '' });
    expect(bare.err).toMatch(/^usage: pycache-kit <command>/);
  });
  it("an empty --pycache-prefix is no prefix, as CPython's -X pycache_prefix=", async () => {
    expect((await run('cache-path', 'a.py', '--python', '3.12', '--pycache-prefix', '')).out).toBe(
      '__pycache__/a.cpython-312.pyc\n',
    );
  });
  it('inspect reads headers CPython wrote, names the source, and checks --python and --optimization', async () => {
    const fixtures = JSON.parse(
      readFileSync(new URL('../../../fixtures/pyc/headers.json', import.meta.url), 'utf8'),
    ) as { version: string; pycs: { mode: string; header: string; mtime?: number; size?: number }[] }[];
    const v312 = fixtures.find((f) => f.version === '3.12');
    const timestamp = v312?.pycs.find((p) => p.mode === 'timestamp');
    expect(timestamp).toBeDefined();
    const dir = join(mkdtempSync(join(tmpdir(), 'pk-cli-')), 'pkg', '__pycache__');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'mod.cpython-312.pyc');
    writeFileSync(file, Buffer.from(timestamp!.header, 'hex'));
    const ok = await run('inspect', file, '--python', '3.12', '--optimization', '');
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`  source:      ${join(dir, '..', 'mod.py')}\n`);
    expect(ok.out).toMatch(
      new RegExp(`python: +3\\.12\\n[\\s\\S]*flags 0 \\(timestamp\\)\\n +mtime: +${timestamp!.mtime} `),
    );
    const wrongLevel = await run('inspect', file, '--python', '3.12', '--optimization', '2');
    expect(wrongLevel.code).toBe(1);
    expect(wrongLevel.err).toContain(
      `not the bytecode file of optimization "2": that is ${join(dir, 'mod.cpython-312.opt-2.pyc')}`,
    );
    const wrongPython = await run('inspect', file, '--python', '3.11');
    expect(wrongPython.code).toBe(1);
    expect(wrongPython.err).toMatch(/ImportError: bad magic number/);
  });
  it('inspect reads a header written by the core and one with a bad magic number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-cli-'));
    const good = join(dir, 'm.pyc');
    writeFileSync(
      good,
      writePycHeader({ target: '3.11', kind: 'checked-hash', source: new TextEncoder().encode('x = 1\n') }),
    );
    const bad = join(dir, 'bad.pyc');
    writeFileSync(bad, Uint8Array.of(1, 2, 3, 4, 0, 0, 0, 0));
    const r = await run('inspect', good, bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /python: +3\.11\n.*magic: +3495 \(a70d0d0a\)\n.*flags 3 \(checked-hash\)\n.*source hash: +[0-9a-f]{16}/,
    );
    expect(r.err).toBe(
      `pycache-kit inspect: ${bad}: ImportError: bad magic number in '${bad}': b'\\x01\\x02\\x03\\x04'\n`,
    );
  });
  it('the built bin runs as a program (shebang, exit code)', () => {
    const bin = new URL('../../../dist/cli/pycache-kit.js', import.meta.url).pathname;
    const ok = execFileSync(process.execPath, [bin, 'cache-path', 'x.py', '--python', '3.10'], { encoding: 'utf8' });
    expect(ok).toBe(cacheFromSource('x.py', { target: '3.10' }) + '\n');
    const bad = spawnSync(process.execPath, [bin, 'source-path', 'x.py'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });
});
