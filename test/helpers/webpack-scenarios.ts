// Scenarios run on both hosts (test/build/webpack-cache-watch.test.ts, test/build/rspack.test.ts): the manifest survives the
// persistent cache (a warm build that runs no loader gives the same bytes) and follows watch-mode edits, additions
// and deletions, because the per-module records live in `buildInfo`, not in the plugin's memory.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { build, buildConfig, loadBundle, makeProject, watchBuilds, writeFile } from './webpack-harness.js';
import type { BuildResult, Host } from './webpack-harness.js';

const options = { python: '3.12', roots: 'py', optimizations: [0, 2] as (0 | 2)[] };

/** Lines the counting loader wrote: one per Python module build. */
function loaderRuns(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

interface ManifestJson {
  modules: { module: string; source: string; sha256: string; size: number }[];
}

const manifestOf = (result: BuildResult) => JSON.parse(result.manifest ?? 'null') as ManifestJson;

/** Cold build, warm build (no loader runs, same bytes), then a one-file edit (one loader run). */
export async function persistentCacheScenario(host: Host): Promise<void> {
  const dir = makeProject('basic', 'basic');
  const cacheDir = join(dir, '.cache');
  const log = join(dir, 'loader-runs.log');
  const setup = { loader: options, plugin: options, cacheDir, countLog: log };

  const cold = await build(host, buildConfig(host, dir, { ...setup, outDir: join(dir, 'cold') }));
  expect(cold.errors).toEqual([]);
  expect(loaderRuns(log)).toHaveLength(9);
  expect(manifestOf(cold).modules).toHaveLength(9);

  rmSync(log, { force: true });
  const warm = await build(host, buildConfig(host, dir, { ...setup, outDir: join(dir, 'warm') }));
  expect(warm.errors).toEqual([]);
  expect(loaderRuns(log)).toEqual([]);
  expect(warm.manifest).toBe(cold.manifest);
  expect(warm.files.get('main.cjs')?.equals(cold.files.get('main.cjs') as Buffer)).toBe(true);

  // Editing one file rebuilds that module only, and the manifest follows it.
  writeFileSync(join(dir, 'py/top.py'), 'NAME = "changed"\n');
  rmSync(log, { force: true });
  const edited = await build(host, buildConfig(host, dir, { ...setup, outDir: join(dir, 'edited') }));
  expect(loaderRuns(log)).toEqual([join(dir, 'py/top.py')]);
  const top = manifestOf(edited).modules.find((m) => m.source === 'top.py');
  expect(top?.size).toBe(17);
  expect(manifestOf(edited).modules).toHaveLength(9);
}

/**
 * A watch session through edit, add, delete, a bad edit and its fix. `cache: false` is the hard case for Rspack:
 * a rebuilt module's `buildInfo` then reaches the next compilation only if the loader commits it.
 */
export async function watchScenario(host: Host, cache?: false): Promise<void> {
  const dir = makeProject(null, 'context', {
    'py/pkg/__init__.py': '',
    'py/pkg/a.py': 'A = 1\n',
    // é as the single byte 0xE9: right only if the cookie is honoured.
    'py/b.py': Buffer.from('# -*- coding: latin-1 -*-\nB = "\xe9"\n', 'latin1'),
  });
  const session = watchBuilds(
    host,
    buildConfig(host, dir, { loader: options, plugin: options, mode: 'development', cacheDir: cache }),
  );
  type Exports = { modules: Record<string, { default: string; moduleName: string }> };
  const sources = (result: BuildResult) => (manifestOf(result)?.modules ?? []).map((m) => m.source);
  try {
    const first = await session.next();
    expect(first.errors).toEqual([]);
    expect(sources(first)).toEqual(['b.py', 'pkg/__init__.py', 'pkg/a.py']);
    expect(loadBundle<Exports>(first.outDir).modules['b.py'].default).toBe('# -*- coding: latin-1 -*-\nB = "é"\n');

    const aText = (result: BuildResult) => loadBundle<Exports>(result.outDir).modules['pkg/a.py']?.default;
    writeFile(join(dir, 'py/pkg/a.py'), 'A = 2\r\n');
    const edited = await session.until((result) => aText(result) !== 'A = 1\n');
    expect(loadBundle<Exports>(edited.outDir).modules['pkg/a.py'].default).toBe('A = 2\n');
    expect(manifestOf(edited).modules.find((m) => m.source === 'pkg/a.py')?.size).toBe(7);

    // Added beside the context's top folder: webpack 5.112 does not see a file added to an existing
    // subfolder of a context until its 60 s file-system cache expires (the same with `asset/source`).
    writeFile(join(dir, 'py/c.py'), 'C = 3\n');
    const added = await session.until((result) => sources(result).length !== 3);
    expect(sources(added)).toEqual(['b.py', 'c.py', 'pkg/__init__.py', 'pkg/a.py']);
    expect(loadBundle<Exports>(added.outDir).modules['c.py'].moduleName).toBe('c');

    rmSync(join(dir, 'py/b.py'));
    const deleted = await session.until((result) => !sources(result).includes('b.py'));
    expect(deleted.errors).toEqual([]);
    expect(sources(deleted)).toEqual(['c.py', 'pkg/__init__.py', 'pkg/a.py']);

    // A bad edit fails the rebuild and withdraws the manifest; fixing it brings the manifest back.
    writeFile(join(dir, 'py/c.py'), Buffer.from('C = 1\nD = 2\nE = "\xff"\n', 'latin1'));
    const broken = await session.until((result) => result.errors.length > 0);
    expect(broken.errors.join('\n')).toContain(
      `${join(dir, 'py/c.py')}:3:6: cannot decode Python source: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 17: invalid start byte`,
    );
    expect(broken.manifest).toBeUndefined();
    writeFile(join(dir, 'py/c.py'), 'C = 4\n');
    const fixed = await session.until((result) => result.errors.length === 0);
    expect(fixed.errors).toEqual([]);
    expect(sources(fixed)).toEqual(['c.py', 'pkg/__init__.py', 'pkg/a.py']);
  } finally {
    await session.close();
  }
}
