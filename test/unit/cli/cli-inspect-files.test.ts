// `pycache-kit inspect` reads only a header's bytes, and only from regular files: /dev/zero was read for 4 GB
// before it was killed, and a FIFO with no writer hung the command for ever.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import { writePycHeader } from '../../../src/index.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '/home/me/proj' });
  return { code, out, err };
}

describe('inspect reads 16 bytes of regular files only', () => {
  it('refuses a device, a FIFO with no writer and a folder, each named, and still reads the good file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pck-inspect-'));
    const fifo = join(dir, 'pipe.pyc');
    execFileSync('mkfifo', [fifo]);
    const good = join(dir, 'good.pyc');
    writeFileSync(good, writePycHeader({ kind: 'timestamp', mtime: 0, sourceSize: 3, target: '3.12' }));
    const r = await run('inspect', '/dev/zero', fifo, dir, good);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'pycache-kit inspect: /dev/zero: cannot read: not a regular file (a device, FIFO or socket)',
      `pycache-kit inspect: ${fifo}: cannot read: not a regular file (a device, FIFO or socket)`,
      `pycache-kit inspect: ${dir}: cannot read: not a regular file (a folder)`,
    ]);
    expect(r.out).toContain(`${good}:\n`);
  });

  it('reads the header of a file larger than a Buffer can hold (a 3 GB sparse file) from its first 16 bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pck-inspect-'));
    const file = join(dir, 'big.pyc');
    const header = writePycHeader({ kind: 'checked-hash', sourceHash: new Uint8Array(8).fill(7), target: '3.12' });
    writeFileSync(file, header);
    truncateSync(file, 3 * 2 ** 30); // sparse: no disk used, but reading it whole fails (ERR_FS_FILE_TOO_LARGE)
    const r = await run('inspect', file, '--json');
    expect(r.err).toBe('');
    const [answer] = JSON.parse(r.out) as { kind: string; sourceHash: string; version: string }[];
    expect(answer).toMatchObject({ kind: 'checked-hash', sourceHash: '0707070707070707', version: '3.12' });
  });
});
