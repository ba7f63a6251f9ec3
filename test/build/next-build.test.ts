// The Next.js fixture app (fixtures/next-app) built for real with `withPycache`: `next build` (Turbopack), `next
// start` serving what it wrote, `next build --webpack` (one manifest, from the client compiler, and no warning on a
// cold build) and a static export, all writing byte-identical Python files, which equal Vite's and webpack's for the
// same tree and options. One copy of the app, built in turn, keeps the file under two minutes on two cores.
import { readFileSync, rmSync, writeFileSync, mkdtempSync, mkdirSync, symlinkSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import viteplugin from '../../plugins/vite.js';
import { build as webpackBuild, buildConfig } from '../helpers/webpack-harness.js';
import {
  cleanupNextApps,
  copyNextApp,
  filesNamed,
  PYCACHE_URL,
  pythonFiles,
  repoRoot,
  runNext,
  startNext,
} from '../helpers/next-app.js';

// The fixture's next.config.mjs gives withPycache these options.
const OPTIONS = {
  python: '3.14',
  roots: ['py'],
  optimizations: [0, 2] as (0 | 2)[],
  emitSources: true,
  precompile: true,
  pyodide: true,
};
const EXPECTED_FILES = [
  'pycache-manifest.json',
  'shop/__init__.py',
  'shop/__pycache__/__init__.cpython-314.opt-2.pyc',
  'shop/__pycache__/__init__.cpython-314.pyc',
  'shop/__pycache__/greet.cpython-314.opt-2.pyc',
  'shop/__pycache__/greet.cpython-314.pyc',
  'shop/greet.py',
];
/** What CPython's decode_source gives for py/shop/greet.py (Latin-1 bytes, CRLF newlines). */
const GREET_TEXT = '# -*- coding: latin-1 -*-\nCAFE = "café"\n\n\ndef greet(name):\n    return f"{CAFE} for {name}"\n';

/**
 * Next.js's advice, printed only when it detects CI (ci-info) and `.next/cache` is absent, as in every fresh
 * test folder: it is about the machine's build caching, not about the build, so it is not a warning of ours.
 */
const CI_CACHE_ADVICE = /No build cache found\. Please configure build caching/;

/** Lines of a build's output that warn (Next.js marks them ⚠; webpack's infrastructure logger `<w>`). */
const warningsOf = (output: string) =>
  output.split('\n').filter((line) => /⚠|<w>|\bwarn(ing)?\b/i.test(line) && !CI_CACHE_ADVICE.test(line));

let dir: string;
let turbopack: { code: number | null; output: string; ms: number };
let turbopackFiles: Map<string, Buffer>;

beforeAll(async () => {
  dir = copyNextApp();
  turbopack = await runNext(dir, ['build']);
  turbopackFiles = pythonFiles(join(dir, '.next/static/pycache'), true);
  console.log(`next build (Turbopack): ${Math.round(turbopack.ms)} ms`);
}, 180_000);
afterAll(() => cleanupNextApps());

describe('next build (Turbopack) with withPycache', () => {
  it('builds without a warning and writes the manifest, sources, .pyc and runtime into .next/static/pycache/', () => {
    expect(turbopack.code, turbopack.output).toBe(0);
    expect(turbopack.output).toContain('(Turbopack)');
    expect(warningsOf(turbopack.output)).toEqual([]);
    expect([...pythonFiles(join(dir, '.next/static/pycache'))].map(([path]) => path).sort()).toEqual(EXPECTED_FILES);
    expect(turbopackFiles.has('pyodide/pyodide.asm.wasm')).toBe(true);
    const manifest = JSON.parse(turbopackFiles.get('pycache-manifest.json')?.toString() ?? '{}');
    expect(manifest.modules.map((m: { module: string; encoding: string }) => [m.module, m.encoding])).toEqual([
      ['shop', 'utf-8'],
      ['shop.greet', 'iso-8859-1'],
    ]);
    expect(manifest.pyodide).toEqual({ indexURL: 'pyodide/', version: expect.any(String) });
  });

  it('renders the decoded text of the Latin-1, CRLF module in the server component and ships it to the client', () => {
    const html = readFileSync(join(dir, '.next/server/app/index.html'), 'utf8');
    const escaped = GREET_TEXT.replaceAll('"', '&quot;');
    expect(html).toContain(`data-module="shop.greet" data-encoding="iso-8859-1">${escaped}</pre>`);
    expect(html).toContain(`id="client-source" data-cache-path="shop/__pycache__/greet.cpython-314.pyc">${escaped}`);
  });

  it('next start serves every file at /_next/static/pycache/', async () => {
    const server = await startNext(dir, 'start');
    try {
      for (const [path, bytes] of turbopackFiles) {
        if (path.startsWith('pyodide/') && path !== 'pyodide/pyodide.mjs') continue;
        const response = await fetch(`${server.url}${PYCACHE_URL}${path}`);
        expect(response.status, path).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(bytes), path).toBe(true);
      }
      const page = await (await fetch(`${server.url}/`)).text();
      expect(page).toContain('CAFE = &quot;café&quot;');
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('next build --webpack with withPycache', () => {
  let webpack: { code: number | null; output: string; ms: number };
  beforeAll(async () => {
    // Cold: no .next (and so no webpack cache) left by the Turbopack build.
    rmSync(join(dir, '.next'), { recursive: true, force: true });
    webpack = await runNext(dir, ['build', '--webpack']);
    console.log(`next build --webpack: ${Math.round(webpack.ms)} ms`);
  }, 180_000);

  it('a cold build prints no warning (none from webpack about parsing build dependencies)', () => {
    expect(webpack.code, webpack.output).toBe(0);
    expect(webpack.output).toContain('(webpack)');
    expect(warningsOf(webpack.output)).toEqual([]);
    expect(webpack.output).not.toContain('for build dependencies failed');
  });

  it('writes one manifest, from the client compiler, into the same served folder, byte-identical to Turbopack', () => {
    expect(filesNamed(join(dir, '.next'), 'pycache-manifest.json')).toEqual(['static/pycache/pycache-manifest.json']);
    const files = pythonFiles(join(dir, '.next/static/pycache'), true);
    expect([...files.keys()].sort()).toEqual([...turbopackFiles.keys()].sort());
    for (const [path, bytes] of turbopackFiles) expect(files.get(path)?.equals(bytes), path).toBe(true);
  });

  it('renders the same decoded text', () => {
    const html = readFileSync(join(dir, '.next/server/app/index.html'), 'utf8');
    expect(html).toContain(`data-encoding="iso-8859-1">${GREET_TEXT.replaceAll('"', '&quot;')}</pre>`);
  });
});

describe('static export (output: export) with Turbopack', () => {
  it('puts the same files under out/_next/static/pycache/', async () => {
    rmSync(join(dir, '.next'), { recursive: true, force: true });
    const run = await runNext(dir, ['build'], { PYCACHE_NEXT_EXPORT: '1' });
    expect(run.code, run.output).toBe(0);
    const files = pythonFiles(join(dir, 'out/_next/static/pycache'), true);
    expect([...files.keys()].sort()).toEqual([...turbopackFiles.keys()].sort());
    for (const [path, bytes] of turbopackFiles) expect(files.get(path)?.equals(bytes), path).toBe(true);
  }, 180_000);
});

describe('cross-host parity: Next.js (Turbopack and webpack), Vite and webpack', () => {
  it('write the same manifest, sources and .pyc for the same tree and options', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pycache-next-parity-'));
    try {
      mkdirSync(join(work, 'node_modules'));
      symlinkSync(repoRoot, join(work, 'node_modules/pycache-kit'), 'dir');
      cpSync(join(repoRoot, 'fixtures/next-app/py'), join(work, 'py'), { recursive: true });
      writeFileSync(
        join(work, 'main.js'),
        "import init from './py/shop/__init__.py';\nimport greet from './py/shop/greet.py';\nexport { init, greet };\n",
      );
      const packed = await webpackBuild(
        'webpack',
        buildConfig('webpack', work, {
          loader: { python: OPTIONS.python, roots: OPTIONS.roots, optimizations: OPTIONS.optimizations },
          plugin: OPTIONS,
        }),
      );
      expect(packed.errors).toEqual([]);
      const viteOut = join(work, 'vite-dist');
      await viteBuild({
        root: work,
        logLevel: 'silent',
        configFile: false,
        plugins: [viteplugin(OPTIONS)],
        build: { outDir: viteOut, emptyOutDir: true, lib: { entry: 'main.js', formats: ['es'], fileName: 'main' } },
      });
      const next = pythonFiles(join(dir, 'out/_next/static/pycache'));
      expect(next.size).toBe(EXPECTED_FILES.length);
      for (const [host, folder] of [
        ['webpack', packed.outDir],
        ['vite', viteOut],
      ] as const) {
        const files = pythonFiles(folder);
        expect([...files.keys()].sort(), host).toEqual([...next.keys()].sort());
        for (const [path, bytes] of next) expect(files.get(path)?.equals(bytes), `${host}: ${path}`).toBe(true);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('next build (Turbopack) with a file CPython would refuse', () => {
  it('fails with the file, line and column, and writes no Python files', async () => {
    const file = join(dir, 'py/shop/__init__.py');
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('X = "\xff"\n', 'latin1')]));
    rmSync(join(dir, '.next'), { recursive: true, force: true });
    const run = await runNext(dir, ['build']);
    expect(run.code).toBe(1);
    expect(run.output).toContain(
      `PythonDecodeError: ${file}:2:6: cannot decode Python source: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff`,
    );
    expect(run.output).not.toMatch(/at (Object\.)?pycacheLoader|python-module\.ts|decode-source\.ts/);
    expect(pythonFiles(join(dir, '.next/static/pycache')).size).toBe(0);
  }, 120_000);
});
