// Cross-host parity with esbuild: for the same tree and options (precompile, emitSources, two levels), esbuild,
// Vite and webpack write the same Python files (manifest, sources, .pyc) byte for byte.
import { join } from 'node:path';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import viteplugin from '../../plugins/vite.js';
import {
  BASIC_APP,
  cleanupProjects as cleanupEsbuild,
  makeProject as makeEsbuildProject,
  pluginFrom,
} from '../helpers/esbuild-harness.js';
import {
  build as webpackBuild,
  buildConfig,
  cleanupProjects,
  makeProject,
  readOutput,
  repoRoot,
} from '../helpers/webpack-harness.js';

afterAll(() => {
  cleanupProjects();
  cleanupEsbuild();
});

// 3.14: the Python of the installed `pyodide` package, which compiles the .pyc.
const options = {
  python: '3.14',
  roots: 'py',
  optimizations: [0, 2] as (0 | 2)[],
  emitSources: true,
  precompile: true,
};

/** The Python files of an output folder (manifest, sources, bytecode), by path: the bundle itself differs per host. */
function pythonFiles(outDir: string): Map<string, Buffer> {
  return new Map([...readOutput(outDir).files].filter(([path]) => /\.(py|pyc)$|^pycache-manifest\.json$/.test(path)));
}

describe('esbuild, Vite and webpack write the same Python files', () => {
  it('byte for byte: manifest, emitted sources and precompiled .pyc', async () => {
    const esbuildDir = makeEsbuildProject('basic', BASIC_APP);
    const pycache = await pluginFrom(esbuildDir);
    await build({
      absWorkingDir: esbuildDir,
      entryPoints: ['main.js'],
      bundle: true,
      format: 'esm',
      outdir: 'dist',
      logLevel: 'silent',
      plugins: [pycache(options)],
    });

    const webpackDir = makeProject('basic', 'basic');
    const webpack = await webpackBuild(
      'webpack',
      buildConfig('webpack', webpackDir, {
        loader: { python: options.python, roots: options.roots, optimizations: options.optimizations },
        plugin: options,
      }),
    );
    expect(webpack.errors).toEqual([]);

    const viteOut = join(esbuildDir, 'vite-dist');
    await viteBuild({
      root: join(repoRoot, 'fixtures/apps/basic'),
      logLevel: 'silent',
      configFile: false,
      plugins: [viteplugin(options)],
      build: {
        outDir: viteOut,
        emptyOutDir: true,
        write: true,
        lib: { entry: 'main.js', formats: ['es'], fileName: 'main' },
      },
    });

    const esbuildFiles = pythonFiles(join(esbuildDir, 'dist'));
    // 9 modules: the manifest, 9 sources and 18 .pyc (two levels).
    expect(esbuildFiles.size).toBe(1 + 9 + 18);
    expect(esbuildFiles.get('pycache-manifest.json')?.toString()).toContain('"invalidationMode": "checked-hash"');
    for (const [host, files] of [
      ['webpack', pythonFiles(webpack.outDir)],
      ['vite', pythonFiles(viteOut)],
    ] as const) {
      expect([...files.keys()].sort(), host).toEqual([...esbuildFiles.keys()].sort());
      for (const [path, bytes] of esbuildFiles) expect(files.get(path)?.equals(bytes), `${host}: ${path}`).toBe(true);
    }
  }, 120_000);
});
