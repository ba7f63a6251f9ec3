// The bytecode cache (plugins/precompile/cached-precompile.ts, plugins/common/build-cache.ts) and the parallel
// cold compile, with the real Pyodide 3.14: a warm rebuild compiles only what changed, a damaged entry is
// recompiled, and worker threads give the same bytes as the main thread.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBuildCache } from '../../plugins/common/build-cache.js';
import { findPyodide, precompile } from '../../plugins/precompile/index.js';
import { compileInParallel } from '../../plugins/precompile/parallel-precompile.js';
import { precompileCached } from '../../plugins/precompile/cached-precompile.js';
import type { PrecompileModule } from '../../plugins/precompile/precompile.js';
import pycache from '../../plugins/vite.js';
import { cachePathsFor } from '../../plugins/common/manifest.js';
import { pythonTarget } from '../../src/index.js';
import { EXAMPLE_PYTHON, readTree } from '../helpers/pyodide-helpers.js';
import { appDir } from '../helpers/vite-fixtures.js';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `pycache-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const target = pythonTarget('3.14');
// Real third-party sources from the machine's dist-packages beside the example app's package.
const DIST = '/usr/lib/python3/dist-packages';
function modules(): PrecompileModule[] {
  const files = [
    ...readTree(EXAMPLE_PYTHON),
    ...readTree(join(DIST, 'pyparsing')).map((f) => ({ source: `pyparsing/${f.source}`, bytes: f.bytes })),
  ];
  return files.map(({ source, bytes }) => ({ source, bytes, cache: cachePathsFor(source, target, [0]) }));
}

const entryFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.bin'))
    .map((e) => join(e.parentPath, e.name))
    .sort();

describe('bytecode cache', () => {
  it('a warm rebuild with one changed module compiles exactly that module; a damaged entry is recompiled', async () => {
    const cache = new FolderBuildCache(tempDir('cache'));
    const all = modules();
    expect(all.length).toBeGreaterThan(10);
    const cold = await precompileCached({ modules: all, target, cache, workers: 0 });
    expect(cold.compiled.length).toBe(all.length);
    expect(cold.fromCache).toEqual([]);
    // The cached build gives the bytes precompile gives.
    const reference = await precompile({ modules: all, target });
    expect([...cold.pycs.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [path, pyc] of reference)
      expect(Buffer.from(cold.pycs.get(path) ?? []).equals(Buffer.from(pyc))).toBe(true);

    const changed = all.map((m, i) =>
      i === 3 ? { ...m, bytes: new Uint8Array([...m.bytes, ...new TextEncoder().encode('\nCHANGED = 1\n')]) } : m,
    );
    const warm = await precompileCached({ modules: changed, target, cache, workers: 0 });
    expect(warm.compiled).toEqual([all[3].cache['']]);
    expect(warm.fromCache.length).toBe(all.length - 1);

    // Flip one byte in the body of one entry: the digest no longer matches, so it is dropped and compiled again.
    const files = entryFiles(cache.dir);
    expect(files.length).toBe(all.length + 1);
    const victim = files[0];
    const data = readFileSync(victim);
    data[data.length - 5] ^= 0xff;
    writeFileSync(victim, data);
    const before = cache.stats.corrupt;
    const again = await precompileCached({ modules: changed, target, cache, workers: 0 });
    expect(cache.stats.corrupt - before).toBe(1);
    expect(again.compiled.length).toBe(1);
    expect(again.fromCache.length).toBe(all.length - 1);
    for (const [path, pyc] of again.pycs)
      expect(Buffer.from(pyc).equals(Buffer.from(warm.pycs.get(path) ?? []))).toBe(true);
  }, 300_000);

  it("worker threads, each with its own Pyodide, give the main thread's bytes", async () => {
    const all = modules();
    const single = await precompile({ modules: all, target });
    // Workers only, so every .pyc comes from a worker (with this thread too, it would finish before they load);
    // how many of the two get a batch depends on which loads first.
    const parallel = await compileInParallel({
      modules: all,
      target,
      mode: 'checked-hash',
      root: '/home/pyodide',
      workers: 2,
      compiler: findPyodide(target),
      localThread: false,
    });
    expect(parallel.threads).toBeGreaterThanOrEqual(1);
    expect(parallel.pycs.size).toBe(single.size);
    for (const [path, pyc] of single)
      expect(Buffer.from(parallel.pycs.get(path) ?? []).equals(Buffer.from(pyc))).toBe(true);
    // Through precompileCached with the default (this thread and one worker): the same bytes again.
    const cached = await precompileCached({ modules: all, target, workers: 1 });
    expect(cached.compiled.length).toBe(all.length);
    for (const [path, pyc] of single)
      expect(Buffer.from(cached.pycs.get(path) ?? []).equals(Buffer.from(pyc))).toBe(true);
  }, 300_000);

  it('Vite: a rebuild prints what was compiled and what came from the cache folder', async () => {
    const root = tempDir('vite-cache');
    cpSync(appDir('basic'), root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"name":"app","private":true}\n');
    const logs: string[] = [];
    const viteBuild = () =>
      build({
        root,
        logLevel: 'silent',
        configFile: false,
        plugins: [pycache({ python: '3.14', roots: ['py'], precompile: true })],
        build: {
          outDir: join(root, 'dist'),
          write: false,
          lib: { entry: join(root, 'main.js'), formats: ['es'] },
          rollupOptions: {
            onLog: (_level, log) => {
              if (log.message.includes('bytecode')) logs.push(log.message.replace(/^\[plugin [^\]]+\] /, ''));
            },
          },
        },
      });
    await viteBuild();
    await viteBuild();
    const pyFiles = readdirSync(join(root, 'py'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.py'));
    const edited = join(root, 'py', pyFiles.sort()[0]);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nEDITED = 1\n`);
    await viteBuild();
    expect(logs.length).toBe(3);
    const counts = logs.map((line) => /(\d+) compiled.*, (\d+) from cache/.exec(line)?.slice(1).map(Number));
    expect(counts[0]?.[1]).toBe(0);
    expect(counts[1]?.[0]).toBe(0);
    expect(counts[2]?.[0]).toBe(1);
    expect(entryFiles(join(root, 'node_modules', '.cache', 'pycache-kit')).length).toBe((counts[0]?.[0] ?? 0) + 1);
  }, 300_000);
});
