// The package as users install it: what `npm pack` ships, and publint / Are the Types Wrong on every subpath.
// Needs the build (npm test builds before Vitest runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the published package', () => {
  const packed: { files: { path: string }[] }[] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = packed[0].files.map((f) => f.path);

  it('ships built code, types and docs, and no tests, fixtures or sources of the tooling', () => {
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/cli/pycache-kit.js');
    expect(files).toContain('README.md');
    const unwanted = files.filter(
      (f) =>
        /^(test|fixtures|scripts|bench|examples|\.ci)\//.test(f) ||
        /^src\/.*\.ts$/.test(f) ||
        f.includes('node_modules'),
    );
    expect(unwanted).toEqual([]);
  });

  it('every export target is in the tarball', () => {
    const targets: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') targets.push(v.replace(/^\.\//, ''));
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(pkg.exports);
    walk(pkg.bin);
    expect(targets.filter((t) => !files.includes(t))).toEqual([]);
  });

  it('publint finds nothing to warn about', async () => {
    const { messages } = await publint({ pkgDir: root, level: 'warning', strict: true });
    expect(messages.map((m) => `${m.type} ${m.code} ${JSON.stringify(m.args)}`)).toEqual([]);
  });

  it('Are the Types Wrong: every subpath resolves with types under node16 (ESM) and bundler resolution', () => {
    // attw exits 1 when it finds problems; the JSON on stdout says which.
    // Into a file: attw exits right after writing, which cuts a report longer than a pipe's buffer.
    const report = join(mkdtempSync(join(tmpdir(), 'pycache-attw-')), 'report.json');
    const out = openSync(report, 'w');
    try {
      spawnSync(
        fileURLToPath(new URL('../../node_modules/.bin/attw', import.meta.url)),
        ['--pack', '.', '--format', 'json', '--profile', 'esm-only'],
        { cwd: root, stdio: ['ignore', out, 'inherit'] },
      );
    } finally {
      closeSync(out);
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    rmSync(dirname(report), { recursive: true, force: true });
    // The package is ESM only by design (as the esm-only profile says): CommonJS resolutions are out of scope.
    const problems = (
      (result.analysis?.problems ?? []) as { kind: string; entrypoint?: string; resolutionKind?: string }[]
    ).filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(problems.map((p) => `${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`)).toEqual([]);
    expect(Object.keys(result.analysis.entrypoints)).toEqual(
      expect.arrayContaining([
        '.',
        './vite',
        './rollup',
        './webpack',
        './webpack-loader',
        './esbuild',
        './next',
        './eslint',
        './light',
        './pyodide',
        './client',
        './vite-client',
      ]),
    );
  });
});
