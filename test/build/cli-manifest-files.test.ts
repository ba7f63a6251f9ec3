// Which files `pycache-kit manifest` lists, and how it fails: names no import can reach and dangling links are left
// out with one message each (they were listed, or crashed the command with a stack trace); `--out` naming a folder
// is a usage error; a folder of many files is walked without recursion or argument spreading.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['manifest', ...argv], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pck-cli-files-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('pycache-kit manifest: which files, and its errors', () => {
  it('leaves out names no module path can have and dangling links, one message each', async () => {
    const dir = tree({
      'ok.py': 'x = 1\n',
      'pkg/__init__.py': '',
      '.hidden.py': '',
      '..py': '',
      'a\\b.py': '',
      '.dir/m.py': '',
      'pkg/.h.pyw': '',
    });
    symlinkSync('nowhere.py', join(dir, 'dangling.py'));
    const r = await run(dir, '.');
    expect(r.code).toBe(0);
    const sources = (JSON.parse(r.out) as { modules: { source: string }[] }).modules.map((m) => m.source);
    expect(sources).toEqual(['ok.py', 'pkg/__init__.py']);
    expect(r.err.split('\n').filter(Boolean).sort()).toEqual(
      [
        `pycache-kit manifest: skipped ${join(dir, '..py')}: '..py' starts with '.': no module name can reach it ('.')`,
        `pycache-kit manifest: skipped ${join(dir, '.hidden.py')}: '.hidden.py' starts with '.': no module name can reach it ('.hidden')`,
        `pycache-kit manifest: skipped ${join(dir, 'a\\b.py')}: a backslash cannot stand in a manifest path (it separates folders on Windows)`,
        `pycache-kit manifest: skipped ${join(dir, 'dangling.py')}: a symbolic link to nothing`,
        `pycache-kit manifest: skipped ${join(dir, 'pkg/.h.pyw')}: '.h.pyw' starts with '.': no module name can reach it ('pkg..h')`,
      ].sort(),
    );
  });

  it('--out naming a folder is a usage error, and nothing is written there', async () => {
    const dir = tree({ 'ok.py': '' });
    mkdirSync(join(dir, 'out'));
    const r = await run(dir, '.', '--out', 'out');
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(
      `pycache-kit manifest: --out ${join(dir, 'out')} is a folder; give the manifest's file name (such as ${join(dir, 'out', 'pycache-manifest.json')})\n`,
    );
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('an --out file that cannot be written is an error naming it, with no temporary file left', async () => {
    const dir = tree({ 'ok.py': '' });
    const r = await run(dir, '.', '--out', 'missing/folder/m.json');
    expect(r.code).toBe(1);
    expect(r.err).toBe('pycache-kit manifest: cannot write missing/folder/m.json (ENOENT); nothing written\n');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('20,000 files in one folder with a 120 KB stack: no recursion or spread over the file list', () => {
    const dir = tree({});
    mkdirSync(join(dir, 'r', 'sub'), { recursive: true });
    for (let i = 0; i < 20_000; i++) writeFileSync(join(dir, 'r', 'sub', `m${i}.py`), '');
    const bin = fileURLToPath(new URL('../../dist/cli/pycache-kit.js', import.meta.url));
    // The default stack holds about 100,000 spread arguments; a small one makes 20,000 enough to show a spread.
    const r = spawnSync(process.execPath, ['--stack-size=120', bin, 'manifest', 'r', '--out', 'm.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('pycache-kit manifest: 20000 module(s) → m.json\n');
    expect(r.status).toBe(0);
    expect(execFileSync('grep', ['-c', '"source"', join(dir, 'm.json')], { encoding: 'utf8' }).trim()).toBe('20000');
  });
});
