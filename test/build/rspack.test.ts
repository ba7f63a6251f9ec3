// Rspack 2 with the same loader (the built file) and PycachePlugin: the same module text, the same manifest bytes
// as webpack's, its persistent cache and watch mode, and bad input failing with no manifest.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appExpectations,
  build,
  buildConfig,
  cleanupProjects,
  loadBundle,
  makeProject,
} from '../helpers/webpack-harness.js';
import { persistentCacheScenario, watchScenario } from '../helpers/webpack-scenarios.js';

afterAll(cleanupProjects);

const options = { python: '3.12', roots: 'py', optimizations: [0, 1, 2] as (0 | 1 | 2)[] };

describe('rspack: the basic fixture app', async () => {
  const dir = makeProject('basic', 'basic');
  const rspack = await build(
    'rspack',
    buildConfig('rspack', dir, { loader: options, plugin: options, outDir: join(dir, 'rspack') }),
  );
  const webpack = await build(
    'webpack',
    buildConfig('webpack', dir, { loader: options, plugin: options, outDir: join(dir, 'webpack') }),
  );
  const expected = appExpectations('basic');

  it('builds without errors', () => {
    expect(rspack.errors).toEqual([]);
  });

  it("gives each module CPython 3.12's decoded text", () => {
    const { sources } = loadBundle<{ sources: Record<string, string> }>(rspack.outDir);
    expect(Object.keys(sources).sort()).toEqual(Object.keys(expected.modules).sort());
    for (const [source, text] of Object.entries(sources)) expect(text, source).toBe(expected.modules[source].text);
  });

  it("emits webpack's manifest, byte for byte", () => {
    expect(rspack.manifest).toBeDefined();
    expect(rspack.manifest).toBe(webpack.manifest);
  });
});

describe('rspack: sources that CPython refuses', () => {
  it('fails an undecodable file with its line, column and CPython reason, and emits no manifest', async () => {
    const dir = makeProject('bad', 'bad');
    const result = await build(
      'rspack',
      buildConfig('rspack', dir, { loader: options, plugin: options, mode: 'development' }),
    );
    const reason = appExpectations('bad').modules['bad.py'].error?.message as string;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(`${join(dir, 'py/bad.py')}:3:9:`);
    expect(result.errors[0]).toContain(`UnicodeDecodeError: ${reason}`);
    expect(result.manifest).toBeUndefined();
  });

  it("reports a file outside the plugin's roots as a compilation error, with no manifest", async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const result = await build(
      'rspack',
      buildConfig('rspack', dir, { loader: options, plugin: { ...options, roots: 'lib' } }),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(
      `${join(dir, 'py/cookie.py')} is outside every Python root (${join(dir, 'lib')})`,
    );
    expect(result.manifest).toBeUndefined();
  });

  it('validates loader options itself (Rspack skips the schema), naming the option', async () => {
    const dir = makeProject('bad-cookie', 'bad-cookie');
    const bad = await build('rspack', buildConfig('rspack', dir, { loader: { roots: [] } as never, plugin: false }));
    expect(bad.errors[0]).toContain(
      'pycache: option "roots" must be a folder or a non-empty array of folders (non-empty strings), got []',
    );
  });
});

describe('rspack persistent cache', () => {
  it('gives the complete, identical manifest on a warm build that runs no loader', () =>
    persistentCacheScenario('rspack'));
});

describe('rspack watch mode', () => {
  it('updates the output and the manifest on edit, add and delete', () => watchScenario('rspack'));
  it('does so with cache: false too', () => watchScenario('rspack', false));
});
