// The options' one source of truth (plugins/common/option-definitions.ts): every host gives the same message for
// the same bad option, the JSON Schema accepts every value the validator accepts, and the option types are what
// the table generates.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'schema-utils';
import { describe, expect, it } from 'vitest';
import manifestCommand from '../../../cli/commands/manifest.js';
import { optionNames, OPTION_NAMES } from '../../../plugins/common/option-definitions.js';
import type { OptionHost } from '../../../plugins/common/option-definitions.js';
import { resolveOptions } from '../../../plugins/common/options.js';
import { optionsSchema } from '../../../plugins/common/options-schema.js';
import pycache from '../../../plugins/vite.js';
import pycacheEsbuild from '../../../plugins/esbuild.js';
import pycacheLoader from '../../../plugins/webpack/loader.js';
import { PycachePlugin } from '../../../plugins/webpack/plugin.js';
import { withPycache } from '../../../plugins/next.js';
import { appDir, repoRoot } from '../../helpers/vite-fixtures.js';

/** What a host says about `options` ('' when it takes them). */
const hosts: Record<Exclude<OptionHost, 'cli'>, (options: Record<string, unknown>) => string> = {
  vite: (options) => messageOf(() => pycache(options)),
  webpack: (options) => messageOf(() => new PycachePlugin(options)),
  'webpack-loader': (options) =>
    messageOf(() => {
      const context = {
        resourcePath: join(appDir('basic'), 'py/app/main.py'),
        rootContext: appDir('basic'),
        getOptions: () => options,
        cacheable: () => {},
        addDependency: () => {},
        emitWarning: () => {},
        _module: {},
        async: () => () => {},
      };
      pycacheLoader.call(context, new TextEncoder().encode('X = 1\n'));
    }),
  esbuild: (options) => messageOf(() => pycacheEsbuild(options)),
  next: (options) => messageOf(() => withPycache({}, options)),
};

function messageOf(run: () => unknown): string {
  try {
    run();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

const bad: Record<string, unknown>[] = [
  { python: 312 },
  { python: '3.99' },
  { python: { version: '3.12', pycachePrefix: '/tmp' } },
  { roots: [] },
  { roots: [''] },
  { optimizations: [3] },
  { optimizations: [] },
];

describe('one option validator', () => {
  it.each(bad)('every host gives the same message for %o', async (options) => {
    const messages = Object.values(hosts).map((host) => host(options));
    expect(messages[0]).toMatch(/^pycache: option "(python|roots|optimizations)" /);
    expect(new Set(messages)).toEqual(new Set([messages[0]]));
    if ('python' in options && typeof options.python === 'string') {
      let stderr = '';
      const code = await manifestCommand.run(['fixtures/apps/basic/py', '--python', options.python], {
        cwd: repoRoot,
        stdout: () => {},
        stderr: (t) => {
          stderr += t;
        },
      });
      expect(code).toBe(2);
      expect(stderr).toBe(`pycache-kit manifest: ${messages[0].replace('option "', 'option "--')}\n`);
    }
  });

  it('names the host that does not take an option, and why', () => {
    expect(hosts.webpack({ include: '**/*.py' })).toMatch(/option "include" does not take file globs in webpack/);
    expect(hosts['webpack-loader']({ include: '**/*.py' })).toMatch(/option "include" does not apply to webpack/);
    expect(hosts['webpack-loader']({ emitSources: true })).toBe(
      'pycache: option "emitSources" does not apply to the webpack loader: give it to PycachePlugin',
    );
    expect(hosts.vite({ pyhton: '3.12' })).toBe(
      `pycache: option "pyhton" is not an option of the Vite plugin; known options: ${OPTION_NAMES.join(', ')}`,
    );
  });
});

describe('the JSON Schema of each host', () => {
  const samples: Record<string, unknown[]> = {
    python: ['3.12', 'cpython-312', { version: '3.12' }, '', 312, null, ['3.12'], '3.99'],
    roots: ['py', ['py', 'lib'], [], [''], '', 1, [1]],
    include: ['**/*.py', /\.py$/, ['**/*.py', /x/], null, 1, [1], {}],
    exclude: ['**/skip.py', /skip/, [], null, true],
    optimizations: [0, 1, 2, [0, 2], [2, 0, 2], 3, [], [3], '0', -1],
    manifest: ['pycache-manifest.json', 'python/index.json', false, true, '', '../x.json', 'a//b', 1],
    emitSources: [true, false, 'yes', 0],
    precompile: [
      true,
      false,
      { invalidationMode: 'unchecked-hash' },
      {},
      { invalidationMode: 'timestamp' },
      { mode: 'x' },
      'yes',
    ],
    entries: ['app', ['app', 'pkg.sub'], [], '', 'a..b', 1, ['x-y']],
    archive: [true, false, 'yes'],
    debugImports: [true, false, 1],
    stdlib: [
      true,
      false,
      { include: ['xml.*', 'tomllib', '*'] },
      { sources: false, compression: 'stored' },
      {},
      { include: ['a..b'] },
      { include: 'xml' },
      { compression: 'zstd' },
      { sources: 1 },
      { extra: 1 },
      'yes',
    ],
    pyodide: [true, false, 'yes', 1],
  };
  const schemaAccepts = (host: OptionHost, options: object) => {
    try {
      validate(optionsSchema(host) as Parameters<typeof validate>[0], options);
      return true;
    } catch {
      return false;
    }
  };
  const validatorAccepts = (host: OptionHost, options: object) =>
    messageOf(() => resolveOptions(options, undefined, host)) === '';

  it.each(['vite', 'webpack', 'webpack-loader', 'cli', 'next'] as const)(
    'accepts every value the validator accepts (%s)',
    (host) => {
      let accepted = 0;
      for (const name of OPTION_NAMES) {
        for (const value of samples[name]) {
          const options = { [name]: value };
          const valid = validatorAccepts(host, options);
          if (valid) accepted++;
          // The validator also checks what a schema cannot (a known Python, a path inside the output folder).
          if (valid) expect(schemaAccepts(host, options), `${host} ${name}: ${String(value)}`).toBe(true);
          if (!schemaAccepts(host, options)) expect(valid, `${host} ${name}: ${String(value)}`).toBe(false);
        }
      }
      expect(accepted).toBeGreaterThan(optionNames(host).length);
    },
  );

  it('lists exactly the options of each host', () => {
    expect(Object.keys(optionsSchema('webpack-loader').properties as object)).toEqual([
      'python',
      'roots',
      'optimizations',
    ]);
    expect(Object.keys(optionsSchema('vite').properties as object)).toEqual([...OPTION_NAMES]);
  });
});

it('plugins/common/option-types.ts is what the option definitions generate (needs npm run build)', () => {
  expect(existsSync(join(repoRoot, 'dist/plugins/common/option-definitions.js')), 'run npm run build').toBe(true);
  execFileSync(process.execPath, [join(repoRoot, 'scripts/generate-option-types.mjs'), '--check'], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
});
