// `pycache-kit manifest`: the same bytes as the Vite plugin's manifest, errors with file/line/column, usage errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import manifestCommand from '../../cli/commands/manifest.js';
import pycache from '../../plugins/vite.js';
import { appDir, expectedModules, repoRoot } from '../helpers/vite-fixtures.js';

async function run(argv: string[], cwd = repoRoot) {
  let stdout = '';
  let stderr = '';
  const code = await manifestCommand.run(argv, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('pycache-kit manifest', () => {
  it('writes the bytes the Vite plugin emits for the same sources and options', async () => {
    const root = appDir('basic');
    const result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pycache({ python: '3.12', roots: ['py'], optimizations: [0, 2] })],
      build: { write: false, lib: { entry: join(root, 'main.js'), formats: ['es'] } },
    });
    const output = (Array.isArray(result) ? result[0] : result) as {
      output: { fileName: string; source?: string | Uint8Array }[];
    };
    const fromVite = String(output.output.find((file) => file.fileName === 'pycache-manifest.json')?.source);
    const { code, stdout, stderr } = await run([
      'fixtures/apps/basic/py',
      '--python',
      '3.12',
      '--optimizations',
      '0,2',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(fromVite);
  });

  it('lists a file under nested roots once, under the deepest root, as the Vite plugin does', async () => {
    const root = appDir('basic');
    const roots = ['py', 'py/app'];
    const result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pycache({ python: '3.12', roots })],
      build: { write: false, lib: { entry: join(root, 'main.js'), formats: ['es'] } },
    });
    const output = (Array.isArray(result) ? result[0] : result) as {
      output: { fileName: string; source?: string | Uint8Array }[];
    };
    const fromVite = String(output.output.find((file) => file.fileName === 'pycache-manifest.json')?.source);
    const { code, stdout } = await run([...roots.map((r) => join(root, r)), '--python', '3.12']);
    expect(code).toBe(0);
    expect(stdout).toBe(fromVite);
    const sources = (JSON.parse(stdout) as { modules: { source: string }[] }).modules.map((m) => m.source);
    expect(sources.some((s) => s.startsWith('app/'))).toBe(false);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('writes to --out and follows CPython 3.12 for every cache path', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pycache-cli-')), 'm.json');
    const { code } = await run([appDir('basic') + '/py', '--python=3.12', '--optimizations=0,1,2', '--out', out]);
    expect(code).toBe(0);
    const expected = expectedModules('basic');
    const manifest = JSON.parse(readFileSync(out, 'utf8')) as {
      modules: { source: string; cache: Record<string, string> }[];
    };
    expect(manifest.modules.map((m) => m.source)).toEqual(Object.keys(expected).sort());
    for (const entry of manifest.modules) expect(entry.cache).toEqual(expected[entry.source].cache);
  });

  it('fails with file, line and column and writes nothing when a file cannot be decoded', async () => {
    const { code, stdout, stderr } = await run(['fixtures/apps/bad/py', '--python', '3.12']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `${join(appDir('bad'), 'py/bad.py')}:3:9: cannot decode Python source: UnicodeDecodeError: ${expectedModules('bad')['bad.py'].error?.message}`,
    );
  });

  it('reports usage errors with exit status 2, naming the option', async () => {
    expect((await run([])).code).toBe(2);
    const badPython = await run(['fixtures/apps/basic/py', '--python', '2.7']);
    expect(badPython.code).toBe(2);
    expect(badPython.stderr).toContain('option "--python"');
    const badLevels = await run(['fixtures/apps/basic/py', '--optimizations', '0,3']);
    expect(badLevels.stderr).toContain('option "--optimizations"');
    expect((await run(['no/such/dir'])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
    expect((await run(['--help'])).stdout).toContain('usage: pycache-kit manifest');
  });
});

describe('docs/manifest.md', () => {
  it('shows the first module the CLI writes for its example command', async () => {
    const doc = readFileSync(join(repoRoot, 'docs/manifest.md'), 'utf8');
    const command = /`pycache-kit manifest ([^`]+)`/.exec(doc)?.[1].split(' ') ?? [];
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '{}');
    const { stdout } = await run(command);
    const written = JSON.parse(stdout);
    expect(example).toEqual({ ...written, modules: written.modules.slice(0, 1) });
  });
});
