// withPycache (pycache-kit/next) as Next.js calls it: the config it returns for each bundler, what it keeps of the
// user's config, and the options it refuses. The real builds are in test/build/next-*.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PYCACHE_FOLDER, PYCACHE_URL, withPycache } from '../../../plugins/next.js';
import type { NextConfigLike, WebpackConfigLike } from '../../../plugins/next.js';
import { PycachePlugin } from '../../../plugins/webpack/plugin.js';

const OPTIONS = { python: '3.14', roots: ['py'], optimizations: [0, 2] as (0 | 2)[], precompile: true };
const BUILD = 'phase-production-build';

afterEach(() => vi.unstubAllEnvs());

describe('withPycache', () => {
  it('serves from static/pycache/ under distDir, at /_next/static/pycache/', () => {
    expect(PYCACHE_FOLDER).toBe('static/pycache');
    expect(PYCACHE_URL).toBe(`/_next/${PYCACHE_FOLDER}/`);
  });

  it('gives Turbopack the loader for .py and .pyw with JSON options only, keeping the user config', async () => {
    const config = await withPycache(
      { reactStrictMode: true, turbopack: { rules: { '*.svg': { loaders: ['svg-loader'], as: '*.js' } } } },
      OPTIONS,
    )(BUILD, {});
    expect(config.reactStrictMode).toBe(true);
    const rule = {
      loaders: [
        { loader: 'pycache-kit/webpack-loader', options: { python: '3.14', roots: ['py'], optimizations: [0, 2] } },
      ],
      as: '*.js',
    };
    expect(config.turbopack?.rules).toEqual({
      '*.svg': { loaders: ['svg-loader'], as: '*.js' },
      '*.py': rule,
      '*.pyw': rule,
    });
    // What Turbopack receives is JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(config.turbopack?.rules))).toEqual(config.turbopack?.rules);
  });

  it('takes a config function, and runs the user runAfterProductionCompile first (webpack: nothing more)', async () => {
    vi.stubEnv('TURBOPACK', '');
    const calls: unknown[] = [];
    const user = vi.fn(async (phase: string): Promise<NextConfigLike> => ({
      distDir: `build-${phase}`,
      compiler: { runAfterProductionCompile: async (metadata) => void calls.push(metadata) },
    }));
    const config = await withPycache(user, OPTIONS)(BUILD, { defaultConfig: {} });
    expect(user).toHaveBeenCalledWith(BUILD, { defaultConfig: {} });
    expect(config.distDir).toBe(`build-${BUILD}`);
    const metadata = { projectDir: '/nowhere', distDir: '/nowhere/.next' };
    await config.compiler?.runAfterProductionCompile?.(metadata);
    expect(calls).toEqual([metadata]);
  });

  it('under webpack: the loader in every compiler, PycachePlugin in the client compiler only', async () => {
    const seen: boolean[] = [];
    const config = await withPycache(
      {
        webpack: (webpackConfig, context) => {
          seen.push(context.isServer);
          return webpackConfig;
        },
      },
      OPTIONS,
    )(BUILD, {});
    const compile = (isServer: boolean): WebpackConfigLike =>
      config.webpack?.({ module: { rules: [] }, plugins: [] }, { isServer }) ?? {};
    const server = compile(true);
    const client = compile(false);
    expect(seen).toEqual([true, false]);
    for (const built of [server, client]) {
      const loaderRule = built.module?.rules?.[0] as { test: RegExp; use: { loader: string; options: unknown }[] };
      expect(loaderRule.test.test('a/b.py') && loaderRule.test.test('a/b.pyw') && !loaderRule.test.test('b.js')).toBe(
        true,
      );
      expect(loaderRule.use[0].loader).toBe(PycachePlugin.loader);
      expect(loaderRule.use[0].options).toEqual({ python: '3.14', roots: ['py'], optimizations: [0, 2] });
    }
    expect(server.plugins?.some((plugin) => plugin instanceof PycachePlugin)).toBe(false);
    expect(client.plugins?.filter((plugin) => plugin instanceof PycachePlugin)).toHaveLength(1);
  });

  it('refuses options Turbopack cannot take, naming them', () => {
    class Target {
      version = '3.12';
    }
    expect(() => withPycache({}, { python: new Target() })).toThrow(
      'pycache: option "python" must be plain JSON values (strings, numbers, booleans, arrays, plain objects) for Turbopack, which gives loaders only JSON options',
    );
    expect(() => withPycache({}, { include: '**/*.py' } as never)).toThrow(
      /option "include" does not apply to withPycache/,
    );
    expect(() => withPycache({}, { roots: [] })).toThrow(/option "roots" must be a folder/);
  });
});
