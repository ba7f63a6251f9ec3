// A source that fails to decode without a byte position (UnicodeError: 'undefined' codec, a codec that refuses the
// whole text, a NotImplementedError) is reported like any undecodable file: named with a line and column (the
// line of its coding declaration), in the Vite dev manifest's 500 and in Rollup and webpack builds. It used to be
// left out of a 200 dev manifest, and builds named the file with no position.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { createServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { NotImplementedError } from '../../src/index.js';
import { PythonDecodeError, toDecodeError } from '../../plugins/common/decode-error.js';
import pycache from '../../plugins/vite.js';
import pycacheRollup from '../../plugins/rollup.js';
import { build, buildConfig, cleanupProjects, makeProject } from '../helpers/webpack-harness.js';

const UNDEFINED_ON_LINE_2 = '#!/usr/bin/env python\n# -*- coding: undefined -*-\nX = 1\n';
const made: string[] = [];

function app(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pck-decode-pos-'));
  made.push(dir);
  mkdirSync(join(dir, 'py'));
  writeFileSync(join(dir, 'py/undef.py'), UNDEFINED_ON_LINE_2);
  writeFileSync(join(dir, 'py/good.py'), 'Y = 2\n');
  writeFileSync(
    join(dir, 'main.js'),
    "import u from './py/undef.py';\nimport g from './py/good.py';\nconsole.log(u, g);\n",
  );
  return dir;
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  cleanupProjects();
});

describe('decode failures without a byte position', () => {
  it("toDecodeError gives the coding declaration's line for UnicodeError and NotImplementedError", () => {
    const bytes = new TextEncoder().encode(UNDEFINED_ON_LINE_2);
    const error = toDecodeError(new NotImplementedError('no such thing'), bytes, '/p/x.py');
    expect(error).toBeInstanceOf(PythonDecodeError);
    expect((error as PythonDecodeError).message).toBe(
      '/p/x.py:2:1: cannot decode Python source: NotImplementedError: no such thing',
    );
    const noCookie = toDecodeError(
      new NotImplementedError('no such thing'),
      new TextEncoder().encode('X = 1\nY = 2\n'),
      '/p/y.py',
    );
    expect(noCookie).toMatchObject({ line: 1, column: 0 });
  });

  it('Vite dev: the manifest is a 500 naming the file, line and column, not a 200 without it', async () => {
    const dir = app();
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 },
      plugins: [pycache({ python: '3.12', roots: ['py'] })],
    });
    try {
      await server.listen();
      await server.transformRequest('/py/good.py');
      await expect(server.transformRequest('/py/undef.py')).rejects.toThrow('undefined encoding');
      const address = server.httpServer?.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      const response = await fetch(`http://127.0.0.1:${address.port}/pycache-manifest.json`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(
        `${join(dir, 'py/undef.py')}:2:1: cannot decode Python source: UnicodeError: undefined encoding`,
      );
    } finally {
      await server.close();
    }
  });

  it('Rollup build: the error has the file, line and column', async () => {
    const dir = app();
    const error = await rollup({
      input: join(dir, 'main.js'),
      plugins: [pycacheRollup({ python: '3.12', roots: [join(dir, 'py')] })],
      logLevel: 'silent',
    }).then(
      () => null,
      (e: { loc?: unknown; message: string }) => e,
    );
    expect(error?.loc).toMatchObject({ file: join(dir, 'py/undef.py'), line: 2, column: 0 });
    expect(error?.message).toContain('UnicodeError: undefined encoding');
  });

  it('webpack build: the error names file:line:column', async () => {
    const dir = makeProject(null, 'bad-cookie', { 'py/cookie.py': UNDEFINED_ON_LINE_2 });
    const options = { python: '3.12', roots: 'py' };
    const result = await build(
      'webpack',
      buildConfig('webpack', dir, { loader: options, plugin: options, mode: 'development' }),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(
      `${join(dir, 'py/cookie.py')}:2:1: cannot decode Python source: UnicodeError: undefined encoding`,
    );
    expect(result.manifest).toBeUndefined();
  });
});
