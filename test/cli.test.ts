import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { cacheFromSource, writePycHeader } from '../src/index.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '/home/me/proj' });
  return { code, out, err };
}

describe('pycache-kit command line', () => {
  it('cache-path prints one path per file, for the chosen interpreter', async () => {
    const r = await run('cache-path', 'pkg/mod.py', '/x/y.py', '--python', '3.12');
    expect(r).toEqual({ code: 0, out: 'pkg/__pycache__/mod.cpython-312.pyc\n/x/__pycache__/y.cpython-312.pyc\n', err: '' });
  });
  it('--optimization and --pycache-prefix (relative sources resolve against the working folder)', async () => {
    const r = await run('cache-path', 'a.py', '--python', '3.8', '--optimization', '2', '--pycache-prefix', '/tmp/pc');
    expect(r.out).toBe('/tmp/pc/home/me/proj/a.cpython-38.opt-2.pyc\n');
  });
  it('source-path, with CPython errors on stderr and exit 1 for paths it rejects', async () => {
    const r = await run('source-path', '/a/__pycache__/b.cpython-313.pyc', '/a/b.pyc');
    expect(r.code).toBe(1);
    expect(r.out).toBe('/a/b.py\n');
    expect(r.err).toBe("pycache-kit source-path: /a/b.pyc: ValueError: __pycache__ not bottom-level directory in '/a/b.pyc'\n");
  });
  it('--json gives results and errors as data', async () => {
    const r = await run('cache-path', 'a.py', '--optimization', 'a-b', '--json', '--python', '3.13');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ python: '3.13', cacheTag: 'cpython-313', results: [{ input: 'a.py', error: { type: 'ValueError', message: "'a-b' is not alphanumeric" } }] });
  });
  it('usage errors exit 2 with the usage', async () => {
    expect((await run('cache-path', 'a.py', '--python', '3.16')).code).toBe(2);
    expect((await run('cache-path', '--nope')).err).toMatch(/Unknown option '--nope'[\s\S]*usage: pycache-kit cache-path/);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('cache-path')).code).toBe(2);
    expect((await run('--help')).out).toMatch(/cache-path[\s\S]*source-path[\s\S]*inspect[\s\S]*manifest/);
  });
  it('inspect reads a header written by the core and one with a bad magic number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-cli-'));
    const good = join(dir, 'm.pyc');
    writeFileSync(good, writePycHeader({ target: '3.11', kind: 'checked-hash', source: new TextEncoder().encode('x = 1\n') }));
    const bad = join(dir, 'bad.pyc');
    writeFileSync(bad, Uint8Array.of(1, 2, 3, 4, 0, 0, 0, 0));
    const r = await run('inspect', good, bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/python: +3\.11\n.*magic: +3495 \(a70d0d0a\)\n.*flags 3 \(checked-hash\)\n.*source hash: +[0-9a-f]{16}/);
    expect(r.err).toBe(`pycache-kit inspect: ${bad}: ImportError: bad magic number in '${bad}': b'\\x01\\x02\\x03\\x04'\n`);
  });
  it('the built bin runs as a program (shebang, exit code)', () => {
    const bin = new URL('../dist/cli/pycache-kit.js', import.meta.url).pathname;
    const ok = execFileSync(process.execPath, [bin, 'cache-path', 'x.py', '--python', '3.10'], { encoding: 'utf8' });
    expect(ok).toBe(cacheFromSource('x.py', { target: '3.10' }) + '\n');
    const bad = spawnSync(process.execPath, [bin, 'source-path', 'x.py'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });
});
